import type { Logger } from '../log.ts';

/**
 * In-process notice of an account change (a membership, a sign-out), published after the change
 * is committed. A failing listener (say, a relay room in trouble) is logged and does not stop the
 * others, nor undo the change that was already made.
 */
export class AccountEvents<T> {
  readonly #listeners = new Set<(event: T) => void>();
  readonly #what: string;
  readonly #log: Logger | undefined;

  /** `what` names the events in the log, e.g. "membership". */
  constructor(what: string, log?: Logger) {
    this.#what = what;
    this.#log = log;
  }

  on(listener: (event: T) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Publishes `event`; null means nothing changed, and nothing is published. */
  emit(event: T | null): void {
    if (event === null) return;
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (err) {
        this.#log?.error(`${this.#what} listener failed`, {
          error: err instanceof Error ? err.message : String(err)
        });
      }
    }
  }

  clear(): void {
    this.#listeners.clear();
  }
}
