import type { Logger } from '../log.ts';
import type { Room } from './Room.ts';

/** One committed update, in commit order, as the registry hands it to its hooks. */
export type CommittedUpdate = {
  room: string;
  seq: number;
  /** The room's sequence number before this update, when the storage engine reports it. */
  prevSeq: number | null;
  update: Uint8Array;
  /** Yjs client ids this update bound to `subject` (first writes only). */
  claims?: { subject: string; clients: number[] };
};

export type CommittedBatch = {
  updates: CommittedUpdate[];
  /** Each room the batch changed, with who wrote: subject and display name (none over HTTP). */
  rooms: { room: string; authors: { id: string; name: string }[] }[];
};

/**
 * What other parts of the server may hear of the document lifecycle, without the registry
 * knowing them: version history (automatic versions after edits), the fan-out between instances
 * (subscribe before load, publish after commit, unsubscribe at eviction), metrics. Every hook is
 * optional; `beforeLoad` alone may refuse (a load whose subscription failed would miss updates),
 * any other hook that throws is logged and the commit, load or eviction goes on.
 */
export interface RegistryHooks {
  /** A short name for logs. */
  readonly name: string;
  /** Before a room is read from storage; awaited, and a rejection fails the load. */
  beforeLoad?(name: string): Promise<void>;
  /** A room is in memory (with every update committed up to `room.lastCommittedSeq`). */
  afterLoad?(room: Room): void;
  /** Loading a room failed after `beforeLoad`; it is not in memory. */
  loadFailed?(name: string): void;
  /** A batch is durable: told before any client is told it is stored. */
  committed?(batch: CommittedBatch): void;
  /** A room is about to leave memory (idle and stored, or dropped after a failed write). */
  beforeEvict?(room: Room): void;
}

type Notified = Exclude<keyof RegistryHooks, 'name' | 'beforeLoad'>;

/** The hooks plugged into one registry, called in the order they were added. */
export class HookList {
  readonly #hooks: RegistryHooks[] = [];
  readonly #log: Logger;

  constructor(log: Logger) {
    this.#log = log;
  }

  add(hooks: RegistryHooks): void {
    this.#hooks.push(hooks);
  }

  async beforeLoad(name: string): Promise<void> {
    for (const hooks of this.#hooks) await hooks.beforeLoad?.(name);
  }

  /** Calls `event` on every hook that has it; one that throws does not stop the others. */
  notify<E extends Notified>(event: E, ...args: Parameters<NonNullable<RegistryHooks[E]>>): void {
    for (const hooks of this.#hooks) {
      const hook = hooks[event] as ((...a: typeof args) => void) | undefined;
      if (!hook) continue;
      try {
        hook.apply(hooks, args);
      } catch (error) {
        this.#log.error('a registry hook failed', {
          hook: `${hooks.name}.${event}`,
          error: error instanceof Error ? error.message : String(error)
        });
      }
    }
  }
}
