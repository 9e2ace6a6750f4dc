/** A clear start-up failure that names the variable the operator has to fix (`DATABASE_URL`). */
export class DatabaseConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseConfigError';
  }
}

/**
 * Whether a start-up failure is a `DatabaseConfigError`, told by its name so that a caller holding
 * an error from another copy of this module (a test's, say) still recognises it.
 */
export function isDatabaseConfigError(err: unknown): err is Error {
  return err instanceof Error && err.name === 'DatabaseConfigError';
}

/**
 * Checks the shape of DATABASE_URL without connecting. The value itself is never repeated in a
 * message: it usually carries the database password.
 */
export function parseDatabaseUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new DatabaseConfigError(
      'DATABASE_URL is not a URL; expected postgres://user:password@host:5432/database'
    );
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')
    throw new DatabaseConfigError(
      `DATABASE_URL must start with postgres:// or postgresql:// (got ${url.protocol}//)`
    );
  if (url.pathname.length <= 1)
    throw new DatabaseConfigError(
      'DATABASE_URL names no database (postgres://host:5432/<database>)'
    );
  return url;
}

/** host:port/database of DATABASE_URL, for messages: no user name, no password. */
export function databaseLocation(url: URL): string {
  return `${url.hostname || 'localhost'}:${url.port || 5432}${url.pathname}`;
}
