import * as Y from 'yjs';
import { DOCUMENT_CONTENT_FIELD, INDEX_DOC_ID } from '../../src/lib/shared/model/schema.ts';
import type { Logger } from '../log.ts';
import type { HistoryStore, StoredVersion, VersionAuthor, VersionRecord } from './HistoryStore.ts';
import { thin, type RetentionOptions } from './retention.ts';
import { authorKey } from './versionAuthors.ts';

export type KeeperClock = {
  now(): number;
  /** Runs `fn` after `ms`; returns a cancel function. */
  schedule(fn: () => void, ms: number): () => void;
};

export const realClock: KeeperClock = {
  now: () => Date.now(),
  schedule: (fn, ms) => {
    const timer = setTimeout(fn, ms);
    // Pending versions are taken on close(); a timer must not keep the process alive.
    timer.unref();
    return () => clearTimeout(timer);
  }
};

export type KeeperOptions = RetentionOptions & {
  /** An automatic version is taken once nobody has edited a document for this long. */
  pauseMs: number;
  /** ...and at least this often while people keep editing. */
  maxIntervalMs: number;
};

/** The committed state of a room (the relay's copy when loaded, storage's otherwise). */
export type StateSource = (room: string) => Promise<Y.Doc>;

type Pending = {
  since: number;
  /** The latest edit: the pause is counted from it. */
  last: number;
  authors: Map<string, VersionAuthor>;
  /** Cancels the pause timer; null while none is set. */
  cancel: (() => void) | null;
};

/**
 * Decides when a document gets an automatic version and takes named ones. The relay tells it of
 * every committed update (`edited`); it never reads a client's copy, only the server's.
 */
export class VersionKeeper {
  readonly #store: HistoryStore;
  readonly #source: StateSource;
  readonly #log: Logger;
  readonly #options: KeeperOptions;
  readonly #clock: KeeperClock;
  readonly #pending = new Map<string, Pending>();
  /** One version write at a time per room, so two never interleave their reads and writes. */
  readonly #queues = new Map<string, Promise<unknown>>();

  constructor(
    store: HistoryStore,
    source: StateSource,
    log: Logger,
    options: KeeperOptions,
    clock: KeeperClock = realClock
  ) {
    this.#store = store;
    this.#source = source;
    this.#log = log;
    this.#options = options;
    this.#clock = clock;
  }

  /** Only documents have history (not a workspace's index or a room without a document id). */
  static versioned(room: string): boolean {
    const slash = room.indexOf('/');
    return slash > 0 && room.slice(slash + 1) !== INDEX_DOC_ID;
  }

  /** Committed updates arrived in `room` from these people (nameless ones skipped). */
  edited(room: string, authors: readonly VersionAuthor[]): void {
    if (!VersionKeeper.versioned(room)) return;
    const now = this.#clock.now();
    let pending = this.#pending.get(room);
    if (!pending) {
      pending = { since: now, last: now, authors: new Map(), cancel: null };
      this.#pending.set(room, pending);
    }
    pending.last = now;
    for (const a of authors) if (a.name) pending.authors.set(authorKey(a), a);
    if (now - pending.since >= this.#options.maxIntervalMs) {
      void this.#takeAuto(room);
      return;
    }
    // One timer per pause, not one per edit: when it fires after further edits, it waits again
    // for what is left of the pause since the latest one.
    if (!pending.cancel) this.#waitForPause(room, pending, this.#options.pauseMs);
  }

  #waitForPause(room: string, pending: Pending, ms: number): void {
    pending.cancel = this.#clock.schedule(() => {
      pending.cancel = null;
      if (this.#pending.get(room) !== pending) return;
      const left = pending.last + this.#options.pauseMs - this.#clock.now();
      if (left > 0) this.#waitForPause(room, pending, left);
      else void this.#takeAuto(room);
    }, ms);
  }

  list(room: string): Promise<VersionRecord[]> {
    return this.#store.list(room);
  }

  get(room: string, id: number): Promise<StoredVersion | null> {
    return this.#store.get(room, id);
  }

  /** A version a person names; it takes the pending authors with it, and is never thinned. */
  saveNamed(room: string, name: string, savedBy: VersionAuthor): Promise<VersionRecord> {
    return this.#serial(room, async () => {
      const pending = this.#takePending(room);
      const doc = await this.#source(room);
      try {
        const authors = [...(pending?.authors.values() ?? [])];
        return await this.#store.add(room, {
          createdAt: this.#clock.now(),
          kind: 'named',
          name,
          savedBy,
          authors,
          state: Y.encodeStateAsUpdate(doc)
        });
      } finally {
        doc.destroy();
      }
    });
  }

  /** Takes every pending version now (on shutdown, so an edit just before it is not lost). */
  async close(): Promise<void> {
    await Promise.all([...this.#pending.keys()].map((room) => this.#takeAuto(room)));
    await this.settled();
  }

  /** Resolves once no version is being written. */
  async settled(): Promise<void> {
    while (this.#queues.size > 0) await Promise.all([...this.#queues.values()]);
  }

  #takePending(room: string): Pending | undefined {
    const pending = this.#pending.get(room);
    pending?.cancel?.();
    this.#pending.delete(room);
    return pending;
  }

  #takeAuto(room: string): Promise<unknown> {
    const pending = this.#takePending(room);
    if (!pending) return Promise.resolve();
    return this.#serial(room, () =>
      this.#store.exclusive(room, () => this.#writeAuto(room, pending))
    ).catch((error: unknown) =>
      this.#log.error('taking a version failed', {
        room,
        error: error instanceof Error ? error.message : String(error)
      })
    );
  }

  async #writeAuto(room: string, pending: Pending): Promise<void> {
    const doc = await this.#source(room);
    try {
      const state = Y.encodeStateAsUpdate(doc);
      const previous = await this.#store.latestState(room);
      if (previous && sameContent(previous, doc)) return;
      if (!previous && doc.getXmlFragment(DOCUMENT_CONTENT_FIELD).length === 0) return;
      const now = this.#clock.now();
      await this.#store.add(room, {
        createdAt: now,
        kind: 'auto',
        name: null,
        savedBy: null,
        authors: [...pending.authors.values()],
        state
      });
      const { drop, authorsTo } = thin(await this.#store.list(room), now, this.#options);
      await this.#store.drop(room, drop, authorsTo);
    } finally {
      doc.destroy();
    }
  }

  #serial<T>(room: string, task: () => Promise<T>): Promise<T> {
    const before = this.#queues.get(room) ?? Promise.resolve();
    const run = before.catch(() => undefined).then(task);
    const settled = run.catch(() => undefined);
    this.#queues.set(room, settled);
    void settled.then(() => {
      if (this.#queues.get(room) === settled) this.#queues.delete(room);
    });
    return run;
  }
}

/**
 * Whether `doc` holds exactly what a stored state holds. Snapshots compare the state vector and
 * the deletions too: a change that only deletes text adds nothing to the state vector.
 */
function sameContent(stored: Uint8Array, doc: Y.Doc): boolean {
  const before = new Y.Doc();
  try {
    Y.applyUpdate(before, stored);
    return Y.equalSnapshots(Y.snapshot(before), Y.snapshot(doc));
  } finally {
    before.destroy();
  }
}
