import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Logger } from '../log.ts';
import type { RoomUpdate } from '../fanout/Fanout.ts';
import type { RoomStorage, StoredRoom } from '../storage/RoomStorage.ts';
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
import { RoomState } from './RoomState.ts';
import { RefusedUpdate } from './updateCheck.ts';

/** The update carries a Yjs client id that another person wrote first. */
export class ClientIdTaken extends RefusedUpdate {}

/** The origin of changes that came from storage or another instance, not from a client here. */
const FROM_ANOTHER_INSTANCE = Symbol('another instance');

/** Awareness client ids one connection may hold (a tab has one; a few allow for reloads). */
const MAX_PRESENCES_PER_PEER = 4;

/**
 * One document held in memory while people are connected to it, without a Y.Doc (see
 * `RoomState`). An update is checked against the room's state vector as it arrives (which also
 * proves it is valid Yjs data before anything is stored), but it is forwarded to other peers,
 * acknowledged, and part of what joins are answered, only after storage has committed it.
 */
export class Room {
  readonly name: string;
  readonly #state: RoomState;
  /** Presence; its doc is an empty one, there only for the client id y-protocols asks of it. */
  readonly awareness: awarenessProtocol.Awareness;
  /** Each peer with the awareness client ids it has announced (removed when it leaves). */
  readonly #peers = new Map<Peer, Set<number>>();
  /** Which peer announced each awareness client id; nobody else may change or remove it. */
  readonly #presenceOwners = new Map<number, Peer>();
  /**
   * Whose each awareness client id is, kept after its peer leaves: someone else cannot take a
   * departed person's presence id and hold it when that person's tab reconnects.
   */
  readonly #presenceSubjects = new Map<number, string>();
  /** Sequence number of the last committed update. */
  #lastCommittedSeq = 0;
  /** Updates stored since the last compaction (or load). */
  #updatesSinceCompaction = 0;
  /** Updates handed to storage and not yet committed; a room is never evicted while > 0. */
  #writesInFlight = 0;
  /** Peers to tell what is stored once nothing is in flight for the room. */
  readonly #ackWaiters = new Set<Peer>();
  /**
   * Who first wrote each Yjs client id of the document (stored with it). Set as soon as an update
   * is accepted, before it is committed, so a second person cannot slip in between.
   */
  readonly clientOwners: Map<number, string>;
  /** The stored state carried structs or deletions that could never apply; they were dropped. */
  repaired = false;
  /** Presence ids announced on other instances: no client here may change or remove them. */
  readonly #remotePresence = new Set<number>();
  /** Told every presence change accepted here, for the other instances (see `onPresence`). */
  #presenceOut: ((update: Uint8Array) => void) | null = null;

  private constructor(name: string, state: RoomState, owners: Map<number, string>) {
    this.name = name;
    this.#state = state;
    this.clientOwners = owners;
    this.awareness = new awarenessProtocol.Awareness(new Y.Doc({ gc: true }));
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
  }

  static async load(name: string, storage: RoomStorage, log: Logger): Promise<Room> {
    const [stored, owners] = await Promise.all([storage.load(name), storage.clientOwners(name)]);
    // Stored before the relay checked for it, a part that can never apply would be re-read by Yjs
    // on every later update of the room: it is dropped (the rest applies), and the room is
    // compacted right after loading, so it is read once.
    const { state, dropped } = RoomState.fromStored(stored);
    const room = new Room(name, state, owners);
    if (dropped > 0) {
      room.repaired = true;
      log.warn('stored room held data that could never apply; dropped it', { room: name, dropped });
    }
    // The stored clock, not the last update's: after a compaction there may be no update left.
    room.#lastCommittedSeq = Math.max(stored.clock, stored.updates.at(-1)?.seq ?? 0);
    room.#updatesSinceCompaction = stored.updates.length;
    return room;
  }

  /** The committed state as one update (never an update still in flight). */
  committedUpdate(): Uint8Array {
    return this.#state.committedUpdate();
  }

  /** Client → clock over every accepted update, in flight included. */
  get stateVector(): ReadonlyMap<number, number> {
    return this.#state.stateVector;
  }

  get lastCommittedSeq(): number {
    return this.#lastCommittedSeq;
  }

  get updatesSinceCompaction(): number {
    return this.#updatesSinceCompaction;
  }

  get writesInFlight(): number {
    return this.#writesInFlight;
  }

  /** `counted` updates (those stored when the compaction began) are now in the snapshot. */
  compacted(counted: number): void {
    this.#updatesSinceCompaction -= counted;
  }

  /** Storage refused the writes in flight: none will commit (their clients resend them). */
  writesFailed(): void {
    this.#writesInFlight = 0;
  }

  /**
   * Whether `peer` may be told now that everything it sent is stored: only when nothing at all
   * is in flight for the room (a step 2 may leave out what the room holds from another
   * connection). Otherwise it waits, and `takeAckWaiters` hands it out once that is true.
   */
  readyToAcknowledge(peer: Peer): boolean {
    if (this.#writesInFlight === 0 && !peer.holdsWrites) return true;
    this.#ackWaiters.add(peer);
    return false;
  }

  /** The peers waiting for an acknowledgement, once nothing is in flight (else none). */
  takeAckWaiters(): Peer[] {
    if (this.#writesInFlight > 0) return [];
    const waiters = [...this.#ackWaiters];
    this.#ackWaiters.clear();
    return waiters;
  }

  get peerCount(): number {
    return this.#peers.size;
  }

  /** Starts the standard handshake: our state vector, then everyone's presence. */
  join(peer: Peer): void {
    this.#peers.set(peer, new Set());
    peer.send(encodeSyncStep1(this.#state.encodeStateVector()));
    this.sendAwarenessTo(peer);
  }

  leave(peer: Peer): void {
    const owned = this.#peers.get(peer);
    this.#peers.delete(peer);
    this.#ackWaiters.delete(peer);
    if (owned && owned.size > 0) {
      for (const id of owned) this.#presenceOwners.delete(id);
      const ids = [...owned].filter((id) => this.awareness.meta.has(id));
      awarenessProtocol.removeAwarenessStates(this.awareness, ids, peer);
      this.#broadcast(encodeAwareness(this.awareness, ids), null);
      if (ids.length > 0)
        this.#presenceOut?.(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids));
    }
  }

  /**
   * Throws (and sends nothing) when the state vector is not valid, so the sender is closed.
   * `answered` is called once the answer is handed to the peer (its last frame). The answer is
   * the committed state only: an update still in flight reaches the peer once it is stored, as
   * it reaches everyone else (the peer is in the room already).
   */
  answerSyncStep1(peer: Peer, stateVector: Uint8Array, answered?: () => void): void {
    Y.decodeStateVector(stateVector);
    const messages = encodeSyncStep2Messages(this.#state.answer(stateVector));
    messages.forEach((message, i) =>
      peer.send(message, {
        continues: i > 0,
        sent: i === messages.length - 1 ? answered : undefined
      })
    );
  }

  /**
   * Checks a client's update, written by `subject` (the person, or the server's own identity),
   * changing nothing. Throws when it is not valid Yjs data (an Error from Yjs), when it would
   * leave anything pending (PendingUpdate) or when it carries a client id another person wrote
   * first (ClientIdTaken). Returns the client ids it binds to `subject` once applied.
   */
  check(update: Uint8Array, subject: string): number[] {
    const clients = this.#state.check(update);
    const claims: number[] = [];
    for (const client of clients) {
      const owner = this.clientOwners.get(client);
      if (owner === undefined) claims.push(client);
      else if (owner !== subject)
        throw new ClientIdTaken(`client id ${client} is another person's`);
    }
    return claims;
  }

  /** Integrates an update `check` has passed, binding `claims` (what it returned) to `subject`. */
  apply(update: Uint8Array, _origin: Peer, subject: string, claims: number[]): void {
    this.#state.accept(update);
    for (const client of claims) this.clientOwners.set(client, subject);
    this.#writesInFlight++;
  }

  /** Called once storage has committed an update received earlier: now others may see it. */
  forwardCommitted(update: Uint8Array, seq: number, origin: Peer, frame: Uint8Array | null): void {
    this.#lastCommittedSeq = Math.max(this.#lastCommittedSeq, seq);
    this.#updatesSinceCompaction++;
    this.#writesInFlight--;
    this.#state.committed(update);
    // A client's `update` frame is forwarded byte for byte; a sync step 2 is re-framed as an update.
    this.#broadcast(frame ?? encodeUpdate(update), origin);
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
      if (this.#remotePresence.has(entry.clientId)) continue;
      const owner = this.#presenceOwners.get(entry.clientId);
      if (owner && owner !== peer) continue;
      const subject = this.#presenceSubjects.get(entry.clientId);
      if (subject !== undefined && subject !== peer.subject) continue;
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
        this.#presenceSubjects.set(entry.clientId, peer.subject);
      }
    }
    // Echoed to the sender too, as the classic server does: a client alone in a room then still
    // hears from the server while it is active (y-websocket drops a silent connection).
    this.#broadcast(encodeAwarenessMessage(bound), null);
    this.#presenceOut?.(bound);
  }

  sendAwarenessTo(peer: Peer): void {
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) peer.send(encodeAwareness(this.awareness, states));
  }

  sendSaved(peer: Peer): void {
    if (peer.isOpen && this.#peers.has(peer)) peer.send(encodeSaved(peer.syncMessagesReceived));
  }

  closeAllPeers(close: (peer: Peer) => void): void {
    for (const peer of [...this.#peers.keys()]) close(peer);
  }

  #broadcast(frame: Uint8Array, except: Peer | null): void {
    for (const peer of this.#peers.keys()) {
      if (peer !== except && peer.isOpen) peer.send(frame);
    }
  }

  /** `listener` hears every presence change accepted here (fan-out tells the other instances). */
  onPresence(listener: (update: Uint8Array) => void): void {
    this.#presenceOut = listener;
  }

  /**
   * An update another instance committed: applied, its client ids bound as they are in storage,
   * and forwarded to every client here. Nothing is stored: it already is.
   */
  integrateRemote(message: RoomUpdate): void {
    this.#state.integrateCommitted(message.update);
    for (const client of message.claims?.clients ?? [])
      if (!this.clientOwners.has(client)) this.clientOwners.set(client, message.claims!.subject);
    this.#broadcast(encodeUpdate(message.update), null);
  }

  /** Presence another instance accepted (already bound to its sender), forwarded to clients here. */
  integrateRemotePresence(update: Uint8Array): void {
    const entries = decodeAwarenessUpdate(update);
    for (const entry of entries) {
      // Not one of ours: a client here cannot have announced it.
      if (this.#presenceOwners.has(entry.clientId)) continue;
      if (entry.state === null) this.#remotePresence.delete(entry.clientId);
      else this.#remotePresence.add(entry.clientId);
    }
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, FROM_ANOTHER_INSTANCE);
    this.#broadcast(encodeAwarenessMessage(update), null);
  }

  /**
   * Brings the room up to what storage holds (after a lost fan-out message, or a Redis
   * reconnect) and sends the clients here whatever that added.
   */
  integrateStored(stored: StoredRoom, owners: Map<number, string>): void {
    const added = this.#state.integrateStored(stored);
    for (const [client, subject] of owners)
      if (!this.clientOwners.has(client)) this.clientOwners.set(client, subject);
    if (added) this.#broadcast(encodeUpdate(added), null);
  }

  destroy(): void {
    this.awareness.destroy();
    this.awareness.doc.destroy();
  }
}
