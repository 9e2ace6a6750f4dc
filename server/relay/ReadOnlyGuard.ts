/** Writes are refused because the data folder cannot be written. */
export class StorageReadOnly extends Error {
  override name = 'StorageReadOnly';
}

/** SQLite's and the system's ways of saying the file or its folder cannot be written. */
const READ_ONLY_CODES = /^(SQLITE_READONLY|SQLITE_IOERR|SQLITE_CANTOPEN|EROFS|EACCES|EPERM)/;

export function isReadOnlyError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && READ_ONLY_CODES.test(code);
}

/** How long writes are refused before one is let through to see whether the folder is back. */
export const READ_ONLY_RETRY_MS = 30_000;

/**
 * Fail closed: once storage says it cannot write, every write is refused at once with a named
 * code (the clients keep their changes and retry later) while reads go on from what is stored;
 * after a while one write is tried again, and its success ends the state.
 */
export class ReadOnlyGuard {
  #since: number | null = null;
  #probeAt = 0;
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  get readOnly(): boolean {
    return this.#since !== null;
  }

  /** Throws StorageReadOnly while writes are refused (except for the periodic probe). */
  admitWrite(): void {
    if (this.#since === null) return;
    const now = this.#now();
    if (now >= this.#probeAt) {
      this.#probeAt = now + READ_ONLY_RETRY_MS;
      return;
    }
    throw new StorageReadOnly('The data folder cannot be written; try again later.');
  }

  /** Returns true when this failure starts the read-only state (so it is logged once). */
  failed(error: unknown): boolean {
    if (!isReadOnlyError(error)) return false;
    const starts = this.#since === null;
    if (starts) this.#since = this.#now();
    this.#probeAt = this.#now() + READ_ONLY_RETRY_MS;
    return starts;
  }

  /** Returns true when a write succeeded after the state (so the recovery is logged). */
  succeeded(): boolean {
    if (this.#since === null) return false;
    this.#since = null;
    return true;
  }
}
