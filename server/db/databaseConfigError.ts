/**
 * Whether a start-up failure is a `DatabaseConfigError` (see `postgres.ts`), told by its name so
 * that callers need not load the PostgreSQL client on SQLite installations.
 */
export function isDatabaseConfigError(err: unknown): err is Error {
  return err instanceof Error && err.name === 'DatabaseConfigError';
}
