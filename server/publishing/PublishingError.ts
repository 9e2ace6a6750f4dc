/** A refusal by the publishing rules: the HTTP status, a stable code and an English sentence. */
export class PublishingError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'PublishingError';
    this.status = status;
    this.code = code;
  }
}

export const notAllowed = (message: string) => new PublishingError(403, 'forbidden', message);
