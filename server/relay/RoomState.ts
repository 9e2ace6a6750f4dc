import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { storedParts, type StoredRoom } from '../storage/RoomStorage.ts';
import { sliceUpdate } from '../../src/lib/shared/protocol/stateSlices.ts';
import { checkUpdate, PendingUpdate, type CheckedUpdate } from './updateCheck.ts';

/** An update with no structs and no deletions. */
const EMPTY_UPDATE = new Uint8Array([0, 0]);

/** Committed updates kept apart before they are merged into one. */
const MAX_TAIL_PARTS = 256;

/**
 * What a room holds of its document, without a Y.Doc: a Y.Doc keeps about 11× its content in
 * heap and integrating every update into it is much of the relay's CPU per update, yet the relay
 * only needs two things. The state vector of every accepted update (committed or still in
 * flight) is what an update is checked against; the committed state, as update bytes, is what a
 * joining client is answered from. Updates still being committed are never in those bytes, so
 * an answer never hands out one that is not durable.
 */
export class RoomState {
  /** Client → clock over every accepted update, in flight included. */
  readonly #vector: Map<number, number>;
  /** The committed state: `#base` merged with `#tail` (merged lazily, when asked for). */
  #base: Uint8Array;
  #tail: Uint8Array[] = [];
  #tailBytes = 0;
  /** The last update checked, so that accepting it right after does not decode it again. */
  #checked: { update: Uint8Array; result: CheckedUpdate } | null = null;

  private constructor(committed: Uint8Array, vector: Map<number, number>) {
    this.#base = committed;
    this.#vector = vector;
  }

  /**
   * The state of a stored room. A part stored before the relay checked for it may never apply
   * (it refers to structs nothing stored has); Yjs would keep it pending and re-read it on every
   * later update. Then the parts are applied once to a throwaway doc that drops what stays
   * pending, and `dropped` counts how often that happened (0: nothing needed repair).
   */
  static fromStored(stored: StoredRoom): { state: RoomState; dropped: number } {
    const parts = storedParts(stored);
    const merged =
      parts.length === 0 ? EMPTY_UPDATE : parts.length === 1 ? parts[0]! : Y.mergeUpdates(parts);
    try {
      // Against an empty document, the whole state must stand on its own: no gap, no reference
      // to a struct it lacks, no deletion beyond a client's clock.
      const { ends } = checkUpdate(new Map(), merged);
      return { state: new RoomState(merged, ends), dropped: 0 };
    } catch (error) {
      if (!(error instanceof PendingUpdate)) throw error;
    }
    return RoomState.#repaired(parts);
  }

  static #repaired(parts: Uint8Array[]): { state: RoomState; dropped: number } {
    const doc = new Y.Doc();
    try {
      let dropped = 0;
      doc.transact(() => {
        for (const part of parts) {
          Y.applyUpdate(doc, part);
          if (!doc.store.pendingStructs && !doc.store.pendingDs) continue;
          doc.store.pendingStructs = null;
          doc.store.pendingDs = null;
          dropped++;
        }
      });
      const vector = Y.decodeStateVector(Y.encodeStateVector(doc));
      return { state: new RoomState(Y.encodeStateAsUpdate(doc), vector), dropped };
    } finally {
      doc.destroy();
    }
  }

  /** The state vector of everything accepted, encoded as `Y.encodeStateVector` does. */
  encodeStateVector(): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, this.#vector.size);
    // Higher client ids first, as Yjs writes them.
    for (const [client, clock] of [...this.#vector].sort((a, b) => b[0] - a[0])) {
      encoding.writeVarUint(encoder, client);
      encoding.writeVarUint(encoder, clock);
    }
    return encoding.toUint8Array(encoder);
  }

  /** Client → clock over everything accepted (for tests and metrics). */
  get stateVector(): ReadonlyMap<number, number> {
    return this.#vector;
  }

  /** Throws as `checkUpdate` does; returns the client ids the update's structs carry. */
  check(update: Uint8Array): number[] {
    const result = checkUpdate(this.#vector, update);
    this.#checked = { update, result };
    return result.clients;
  }

  /** An update `check` passed is accepted (in flight): later ones are checked against it. */
  accept(update: Uint8Array): void {
    const checked = this.#checked?.update === update ? this.#checked.result : null;
    this.#checked = null;
    const { ends } = checked ?? checkUpdate(this.#vector, update);
    for (const [client, clock] of ends)
      if (clock > (this.#vector.get(client) ?? 0)) this.#vector.set(client, clock);
  }

  /** An accepted update is committed: from now on it is part of what joins are answered. */
  committed(update: Uint8Array): void {
    this.#tail.push(update);
    this.#tailBytes += update.byteLength;
    if (this.#tail.length < MAX_TAIL_PARTS) return;
    // Merging everything costs the whole document; the tail alone is cheap while it is small.
    if (this.#tailBytes * 4 >= this.#base.byteLength) this.committedUpdate();
    else {
      const tail = Y.mergeUpdates(this.#tail);
      this.#tail = [tail];
      this.#tailBytes = tail.byteLength;
    }
  }

  /**
   * An update another instance committed (not checked here: it was, there). The state vector
   * advances only where it continues without a gap; a gap (a message lost on the way) is closed
   * by the refill from storage that the fan-out starts.
   */
  integrateCommitted(update: Uint8Array): void {
    const { from, to } = Y.parseUpdateMeta(update);
    for (const [client, end] of to) {
      const known = this.#vector.get(client) ?? 0;
      if ((from.get(client) ?? 0) <= known && end > known) this.#vector.set(client, end);
    }
    this.committed(update);
  }

  /**
   * Merges in everything storage holds (all committed), and returns what that added for a
   * client that had the committed state before, or null when it added nothing.
   */
  integrateStored(stored: StoredRoom): Uint8Array | null {
    const before = this.committedUpdate();
    const parts = storedParts(stored);
    if (parts.length === 0) return null;
    const after = Y.mergeUpdates([before, ...parts]);
    const added = Y.diffUpdate(after, Y.encodeStateVectorFromUpdate(before));
    const vector = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(after));
    for (const [client, clock] of vector)
      if (clock > (this.#vector.get(client) ?? 0)) this.#vector.set(client, clock);
    this.#base = after;
    const newStructs = Y.parseUpdateMeta(added).to.size > 0;
    if (!newStructs && Y.equalDeleteSets(Y.decodeUpdate(before).ds, Y.decodeUpdate(after).ds))
      return null;
    return added;
  }

  /** The committed state as one update. */
  committedUpdate(): Uint8Array {
    if (this.#tail.length > 0) {
      this.#base = Y.mergeUpdates([this.#base, ...this.#tail]);
      this.#tail = [];
      this.#tailBytes = 0;
    }
    return this.#base;
  }

  /**
   * What a client with `stateVector` lacks of the committed state, in slices a browser applies
   * one task each (see `sliceUpdate`). Throws on a state vector that is not valid.
   */
  answer(stateVector: Uint8Array): Uint8Array[] {
    return sliceUpdate(this.committedUpdate(), stateVector);
  }
}
