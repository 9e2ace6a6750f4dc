import type { Logger } from '../log.ts';
import type { MembershipChange } from './types.ts';

type Listener = (change: MembershipChange) => void;

/**
 * In-process notice of membership changes, published after the change is committed. A failing
 * listener (say, a relay room in trouble) is logged and does not stop the others, nor undo the
 * change that was already made.
 */
export class MembershipEvents {
  readonly #listeners = new Set<Listener>();
  readonly #log: Logger | undefined;

  constructor(log?: Logger) {
    this.#log = log;
  }

  on(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(change: MembershipChange | null): void {
    if (!change) return;
    for (const listener of this.#listeners) {
      try {
        listener(change);
      } catch (err) {
        this.#log?.error('membership listener failed', {
          error: err instanceof Error ? err.message : String(err)
        });
      }
    }
  }

  clear(): void {
    this.#listeners.clear();
  }
}
