import type { Transporter } from 'nodemailer';

export type Letter = { to: string; subject: string; text: string };

/**
 * E-mail through the operator's SMTP server (`SMTP_URL`), by nodemailer. Only reset links are sent
 * for now; a letter that cannot be handed over is an error the caller reports.
 */
export class Mailer {
  readonly #smtpUrl: string;
  readonly #from: string;
  /** Made on the first letter: nodemailer costs a server that never sends one ~6 MB RSS. */
  #transport: Promise<Transporter> | null = null;

  constructor(smtpUrl: string, from: string) {
    this.#smtpUrl = smtpUrl;
    this.#from = from;
  }

  async send(letter: Letter): Promise<void> {
    this.#transport ??= this.#open();
    await (await this.#transport).sendMail({ from: this.#from, ...letter });
  }

  async #open(): Promise<Transporter> {
    const { default: nodemailer } = await import('nodemailer');
    // A bounded wait: an SMTP server that does not answer must not hold a request for minutes.
    return nodemailer.createTransport(this.#smtpUrl, {
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000
    } as never);
  }

  close(): void {
    void this.#transport?.then((transport) => transport.close()).catch(() => undefined);
  }
}

/** The letter that carries a reset link, in Russian first. */
export function resetLetter(to: string, link: string, expiresAt: number): Letter {
  const until = new Date(expiresAt).toISOString().replace('T', ' ').slice(0, 16);
  return {
    to,
    subject: 'Узел: ссылка для нового пароля',
    text: [
      'Здравствуйте!',
      '',
      'Чтобы задать новый пароль в «Узле», откройте ссылку:',
      link,
      '',
      `Ссылка действует один раз, до ${until} UTC. После смены пароля все входы на других устройствах завершатся.`,
      'Если вы не просили новый пароль, ничего не делайте: старый продолжит работать.',
      '',
      '—',
      'To set a new Uzel password, open the link above. It works once, until the time shown.'
    ].join('\n')
  };
}
