import { SMTPServer } from 'smtp-server';
import type { Defer } from './cleanup.ts';

export type ReceivedMail = { to: string[]; subject: string; text: string };

/** The body of a plain-text message as nodemailer encodes it (base64 or quoted-printable). */
function decodeBody(raw: string): { subject: string; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split);
  const body = raw.slice(split + 4);
  const encoding = /content-transfer-encoding:\s*([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
  const subjectLine = /^subject:\s*(.*(?:\r\n[ \t].*)*)/im.exec(head)?.[1] ?? '';
  const subject = subjectLine
    .replace(/\r\n[ \t]/g, ' ')
    .replace(/=\?utf-8\?b\?([^?]*)\?=/gi, (_, b64: string) =>
      Buffer.from(b64, 'base64').toString('utf8')
    )
    .replace(/\?=\s+=\?/g, '');
  let text = body;
  if (encoding === 'base64')
    text = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  else if (encoding === 'quoted-printable') {
    const bytes = body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    text = Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return { subject, text };
}

/**
 * A real SMTP server on 127.0.0.1 (the `smtp-server` package) that keeps every message it is
 * handed, for tests that read what Uzel e-mails.
 */
export async function startSmtpInbox(
  defer: Defer
): Promise<{ url: string; mails: ReceivedMail[] }> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const to = (session.envelope.rcptTo || []).map((r) => r.address);
        mails.push({ to, ...decodeBody(Buffer.concat(chunks).toString('utf8')) });
        callback();
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  defer(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.server.address() as { port: number };
  return { url: `smtp://127.0.0.1:${port}`, mails };
}
