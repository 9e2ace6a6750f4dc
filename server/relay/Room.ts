import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { RoomStorage } from '../storage/RoomStorage.ts';
import { CloseCode } from './closeCodes.ts';
import type { Peer } from './Peer.ts';
import {
  bindIdentity,
  decodeAwarenessUpdate,
  encodeAwarenessEntries,
  type AwarenessEntry
} from './awarenessGuard.ts';
import {
  encodeAwareness,
  encodeAwarenessMessage,
  encodeSaved,
  encodeSyncStep1,
  encodeSyncStep2Messages,
  encodeUpdate
} from './protocol.ts';

/** Awareness client ids one connection may hold (a tab has one; a few allow for reloads). */
const MAX_PRESENCES_PER_PEER = 4;

/**
 * One document held in memory while people are connected to it. An update is applied to the
 * Y.Doc as it arrives (which also proves it is valid Yjs data before anything is stored), but it
 * is forwarded to other peers, and acknowledged, only after storage has committed it.
 */
export class Room {
  readonly name: string;
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  /** Each peer with the awareness client ids it has announced (removed when it leaves). */
  readonly #peers = new Map<Peer, Set<number>>();
  /** Which peer announced each awareness client id; nobody else may change or remove it. */
  readonly #presenceOwners = new Map<number, Peer>();
  /** Sequence number of the last committed update. */
  lastCommittedSeq = 0;
  /** Updates stored since the last compaction (or load). */
  updatesSinceCompaction = 0;
  /** Updates handed to storage and not yet committed; a room is never evicted while > 0. */
  writesInFlight = 0;
  /** Peers to tell what is stored once nothing is in flight for the room. */
  readonly ackWaiters = new Set<Peer>();
  /** Sync step 1 messages answered once nothing is in flight (see `answerSyncStep1`). */
  readonly #heldStep1: { peer: Peer; stateVector: Uint8Array }[] = [];

  private constructor(name: string, doc: Y.Doc) {
    this.name = name;
    this.doc = doc;
    this.awareness = new awarenessProtocol.Awareness(doc);
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
  }

  static async load(name: string, storage: RoomStorage): Promise<Room> {
    const stored = await storage.load(name);
    const doc = new Y.Doc();
    const room = new Room(name, doc);
    doc.transact(() => {
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
      for (const u of stored.updates) Y.applyUpdate(doc, u.data);
    });
    room.lastCommittedSeq = stored.updates.at(-1)?.seq ?? 0;
    room.updatesSinceCompaction = stored.updates.length;
    return room;
  }

  get peerCount(): number {
    return this.#peers.size;
  }

  /** Starts the standard handshake: our state vector, then everyone's presence. */
  join(peer: Peer): void {
    this.#peers.set(peer, new Set());
    peer.send(encodeSyncStep1(this.doc));
    this.sendAwarenessTo(peer);
  }

  leave(peer: Peer): void {
    const owned = this.#peers.get(peer);
    this.#peers.delete(peer);
    this.ackWaiters.delete(peer);
    if (owned && owned.size > 0) {
      for (const id of owned) this.#presenceOwners.delete(id);
      const ids = [...owned].filter((id) => this.awareness.meta.has(id));
      awarenessProtocol.removeAwarenessStates(this.awareness, ids, peer);
      this.#broadcast(encodeAwareness(this.awareness, ids), null);
    }
  }

  /** Throws (and holds nothing) when the state vector is not valid, so the sender is closed. */
  answerSyncStep1(peer: Peer, stateVector: Uint8Array): void {
    Y.decodeStateVector(stateVector);
    // The doc already holds the updates still being committed; a step 2 from it now would hand
    // them out before they are durable. Answer once they are stored.
    if (this.writesInFlight > 0) this.#heldStep1.push({ peer, stateVector });
    else for (const message of encodeSyncStep2Messages(this.doc, stateVector)) peer.send(message);
  }

  /** Integrates a client's update; throws (and changes nothing) when it is not valid Yjs data. */
  receiveUpdate(update: Uint8Array, origin: Peer): void {
    // Yjs integrates an update's structs before it reads its delete set, so an update cut short
    // there would change the doc and only then throw. Decoding it whole first keeps it out.
    Y.decodeUpdate(update);
    Y.applyUpdate(this.doc, update, origin);
    this.writesInFlight++;
  }

  /** Called once storage has committed an update received earlier: now others may see it. */
  forwardCommitted(update: Uint8Array, seq: number, origin: Peer, frame: Uint8Array | null): void {
    this.lastCommittedSeq = Math.max(this.lastCommittedSeq, seq);
    this.updatesSinceCompaction++;
    this.writesInFlight--;
    // A client's `update` frame is forwarded byte for byte; a sync step 2 is re-framed as an update.
    this.#broadcast(frame ?? encodeUpdate(update), origin);
    if (this.writesInFlight === 0) {
      for (const { peer, stateVector } of this.#heldStep1.splice(0)) {
        if (!peer.isOpen || !this.#peers.has(peer)) continue;
        try {
          for (const message of encodeSyncStep2Messages(this.doc, stateVector)) peer.send(message);
        } catch {
          // Checked on arrival; should it still fail, only that peer is affected.
          peer.close(CloseCode.malformedMessage);
        }
      }
    }
  }

  /**
   * Applies a client's presence, bound to its identity: it may only announce or remove its own
   * awareness client ids (a few per connection), and the name shown is its authenticated one.
   * The update is decoded whole before anything is applied, so a broken one changes nothing.
   */
  applyAwareness(peer: Peer, update: Uint8Array): void {
    const owned = this.#peers.get(peer);
    if (!owned) return;
    const accepted: AwarenessEntry[] = [];
    for (const entry of decodeAwarenessUpdate(update)) {
      const owner = this.#presenceOwners.get(entry.clientId);
      if (owner && owner !== peer) continue;
      if (!owner && (entry.state === null || owned.size >= MAX_PRESENCES_PER_PEER)) continue;
      accepted.push({ ...entry, state: bindIdentity(entry.state, peer.displayName) });
    }
    if (accepted.length === 0) return;
    const bound = encodeAwarenessEntries(accepted);
    awarenessProtocol.applyAwarenessUpdate(this.awareness, bound, peer);
    for (const entry of accepted) {
      // y-protocols ignores an entry whose clock is not newer (even a first state with clock 0):
      // only ids it actually recorded are owned, or leaving would encode ids it does not know.
      if (entry.state === null || !this.awareness.meta.has(entry.clientId)) {
        owned.delete(entry.clientId);
        this.#presenceOwners.delete(entry.clientId);
      } else {
        owned.add(entry.clientId);
        this.#presenceOwners.set(entry.clientId, peer);
      }
    }
    this.#broadcast(encodeAwarenessMessage(bound), peer);
  }

  sendAwarenessTo(peer: Peer): void {
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) peer.send(encodeAwareness(this.awareness, states));
  }

  sendSaved(peer: Peer): void {
    if (peer.isOpen && this.#peers.has(peer)) peer.send(encodeSaved(peer.syncMessagesReceived));
  }

  encodeState(): Uint8Array {
    return Y.encodeStateAsUpdate(this.doc);
  }

  closeAllPeers(close: (peer: Peer) => void): void {
    for (const peer of [...this.#peers.keys()]) close(peer);
  }

  #broadcast(frame: Uint8Array, except: Peer | null): void {
    for (const peer of this.#peers.keys()) {
      if (peer !== except && peer.isOpen) peer.send(frame);
    }
  }

  destroy(): void {
    this.awareness.destroy();
    this.doc.destroy();
  }
}
