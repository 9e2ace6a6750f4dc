import { createSubscriber } from 'svelte/reactivity';
import { oncePerFrame } from '../scheduling/oncePerFrame.ts';
import { openDocs, subscribeOpenDocs } from '../sync/docPool.ts';
import type { Connection, SyncProblem, SyncState } from '../sync/SyncedDoc.ts';

export type CombinedSync = {
  connection: Connection;
  pending: number;
  savedLocally: boolean;
  problem: SyncProblem;
};

const WORST: Record<Connection, number> = { offline: 2, connecting: 1, online: 0 };

/** What the status bar says for a set of docs (the index and the open document). */
export function combine(states: SyncState[]): CombinedSync {
  let connection: Connection = 'online';
  let pending = 0;
  let savedLocally = true;
  let problem: SyncProblem = null;
  for (const s of states) {
    if (WORST[s.connection] > WORST[connection]) connection = s.connection;
    // Until the first exchange with the server is done we cannot claim anything is saved there.
    if (s.connection === 'online' && !s.synced && WORST[connection] < 1) connection = 'connecting';
    pending += s.pending;
    savedLocally &&= s.savedLocally;
    problem ??= s.problem;
  }
  return { connection, pending, savedLocally, problem };
}

/** Reactive view of the sync state of every open doc; Yjs state is read, never copied into $state. */
export class SyncStatus {
  // A keystroke changes a doc's state two or three times (counted, written here, confirmed by
  // the server): the status bar re-reads it once per frame, not after each of them.
  readonly #subscribe = createSubscriber((update) => {
    const frame = oncePerFrame(update);
    const stop = subscribeOpenDocs(frame.run);
    return () => {
      frame.stop();
      stop();
    };
  });

  get current(): CombinedSync {
    this.#subscribe();
    return combine(openDocs().map((d) => d.state));
  }
}
