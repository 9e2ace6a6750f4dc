import type { Logger } from '../log.ts';
import type { RoomStorage } from '../storage/RoomStorage.ts';
import { CloseCode } from '../../src/lib/shared/protocol/closeCodes.ts';
import type { Peer } from './Peer.ts';
import { workspaceOf } from '../storage/SqliteStorage.ts';
import { DocumentQuota } from './DocumentQuota.ts';
import { ReadOnlyGuard } from './ReadOnlyGuard.ts';
import { HookList, type CommittedBatch, type RegistryHooks } from './RegistryHooks.ts';
import { Room } from './Room.ts';
import { WriteBatcher, type BatchItem } from './WriteBatcher.ts';

type WriteContext = {
  room: Room;
  origin: Peer;
  frame: Uint8Array | null;
  /** Told once the update is committed (no argument) or failed; for writes not on a websocket. */
  settled?: (error?: unknown) => void;
};

/**
 * The origin of an update that came over HTTP (the batch sync): not connected to the room, so
 * every connected peer gets the update, and never acknowledged over a socket.
 */
function detachedPeer(subject: string): Peer {
  return {
    id: 'http',
    subject,
    displayName: '',
    wantsAcks: false,
    syncMessagesReceived: 0,
    isOpen: false,
    send: () => undefined,
    close: () => undefined
  };
}

export type RegistryOptions = {
  /** How long a room without peers stays loaded before it is stored and dropped. */
  idleMs: number;
  /** Compact a room once this many updates are stored after its snapshot. */
  compactAfterUpdates: number;
  /** What the documents of one workspace may take in storage together, in bytes. */
  workspaceQuotaBytes?: number;
  /** The shortest time between the starts of two commits; updates gather meanwhile (see WriteBatcher). */
  writeBatchMs?: number;
  /** Told each time a client is told its writes are stored (for metrics). */
  acknowledged?: () => void;
};

/**
 * The document lifecycle: loads rooms on first use, commits updates before they are applied and
 * fanned out, compacts, and evicts rooms nobody is connected to. Knows nothing of websockets, nor
 * of what listens to the lifecycle (history, the fan-out): those plug in through `use`.
 */
export class RoomRegistry {
  readonly #storage: RoomStorage;
  readonly #log: Logger;
  readonly #options: RegistryOptions;
  readonly #rooms = new Map<string, Promise<Room>>();
  readonly #evictTimers = new Map<string, NodeJS.Timeout>();
  /** Rooms being evicted; opening one waits until it is stored and gone. */
  readonly #evicting = new Map<string, Promise<void>>();
  readonly #compacting = new Set<Room>();
  #closed = false;
  readonly #batcher: WriteBatcher<WriteContext>;
  readonly #quota: DocumentQuota;
  readonly #readOnly = new ReadOnlyGuard();
  readonly #hooks: HookList;

  constructor(storage: RoomStorage, log: Logger, options: RegistryOptions) {
    this.#storage = storage;
    this.#log = log;
    this.#options = options;
    this.#hooks = new HookList(log);
    this.#quota = new DocumentQuota(
      storage,
      options.workspaceQuotaBytes ?? Number.MAX_SAFE_INTEGER
    );
    this.#batcher = new WriteBatcher<WriteContext>(
      storage,
      {
        committed: (items, seqs, previous) => this.#committed(items, seqs, previous),
        failed: (items, error) => this.#failed(items, error),
        hookThrew: (error) =>
          this.#log.error('handling a committed batch failed', {
            error: error instanceof Error ? error.message : String(error)
          })
      },
      options.writeBatchMs ?? 0
    );
  }

  /** Plugs hooks into the lifecycle; they are called in the order they were added. */
  use(hooks: RegistryHooks): void {
    this.#hooks.add(hooks);
  }

  /** Storage refused to write (a read-only data folder): writes are refused, reads go on. */
  get storageReadOnly(): boolean {
    return this.#readOnly.readOnly;
  }

  get loadedRoomCount(): number {
    return this.#rooms.size;
  }

  /** The loaded room, if any (for tests and metrics). */
  async peek(name: string): Promise<Room | undefined> {
    return this.#rooms.get(name);
  }

  async open(name: string): Promise<Room> {
    if (this.#closed) throw new Error('the relay is shutting down');
    const timer = this.#evictTimers.get(name);
    if (timer) {
      clearTimeout(timer);
      this.#evictTimers.delete(name);
    }
    const evicting = this.#evicting.get(name);
    if (evicting) await evicting;
    let room = this.#rooms.get(name);
    if (!room) {
      // Hooks hear of the load before the room is read: a subscription made there (the
      // fan-out's) hears an update committed elsewhere meanwhile.
      room = this.#hooks
        .beforeLoad(name)
        .then(() => this.#quota.prepare(name))
        .then(() => Room.load(name, this.#storage, this.#log))
        .then((loaded) => {
          this.#hooks.notify('afterLoad', loaded);
          return loaded;
        });
      this.#rooms.set(name, room);
      room.then(
        (loaded) => {
          // What could never apply was dropped on load; storing the rest keeps it from coming back.
          if (loaded.repaired) void this.#compact(loaded, true);
        },
        () => {
          this.#rooms.delete(name);
          this.#hooks.notify('loadFailed', name);
        }
      );
    }
    return room;
  }

  join(room: Room, peer: Peer): void {
    room.join(peer);
  }

  leave(room: Room, peer: Peer): void {
    room.leave(peer);
    if (room.peerCount === 0) this.#scheduleEviction(room);
  }

  /**
   * Integrates an update and queues it for commit; it is forwarded only once it is durable.
   * Throws, storing nothing, when the update is not valid Yjs data, would leave anything pending
   * (PendingUpdate), carries another person's client id (ClientIdTaken) or would pass the
   * workspace's quota (WorkspaceQuotaExceeded).
   */
  submitUpdate(room: Room, update: Uint8Array, origin: Peer, frame: Uint8Array | null): void {
    this.#submit(room, update, origin, frame);
  }

  #submit(
    room: Room,
    update: Uint8Array,
    origin: Peer,
    frame: Uint8Array | null,
    settled?: WriteContext['settled']
  ): void {
    this.#readOnly.admitWrite();
    // Decoded once: the checks, then the quota, then Yjs integrates it.
    const clients = room.check(update, origin.subject);
    this.#quota.take(room.name, update.byteLength);
    try {
      room.apply(update, origin, origin.subject, clients);
    } catch (err) {
      this.#quota.giveBack(room.name, update.byteLength);
      throw err;
    }
    this.#batcher.enqueue({
      room: room.name,
      update,
      claims: clients.length > 0 ? { subject: origin.subject, clients } : undefined,
      context: { room, origin, frame, settled }
    });
  }

  /**
   * Runs the checks `submitDetached` would, storing nothing: throws as it would. The batch sync
   * checks every entry first, so a batch with one refused entry changes nothing.
   */
  async checkDetached(name: string, update: Uint8Array, subject: string): Promise<void> {
    const room = await this.open(name);
    try {
      room.check(update, subject);
    } finally {
      if (room.peerCount === 0 && this.#rooms.has(name)) this.#scheduleEviction(room);
    }
  }

  /**
   * Integrates an update that did not come over a websocket, through the same path as one that
   * did: applied to the loaded room, committed, then fanned out to the room's peers. Resolves once
   * it is committed; rejects, storing nothing, when `submitUpdate` would throw or storage fails.
   */
  async submitDetached(name: string, update: Uint8Array, subject: string): Promise<void> {
    const room = await this.open(name);
    try {
      await new Promise<void>((resolve, reject) => {
        const origin = detachedPeer(subject);
        this.#submit(room, update, origin, null, (error) =>
          error === undefined ? resolve() : reject(error)
        );
      });
    } finally {
      // Opening cancelled any eviction; a room nobody is connected to must still go.
      if (room.peerCount === 0 && this.#rooms.has(name)) this.#scheduleEviction(room);
    }
  }

  /**
   * Tells a peer (that asked for acknowledgements) that everything it sent is stored, once that
   * is true. Not only its own writes count: a step 2 may leave out what the room already holds
   * from another connection (the same tablet's previous one, say), so the acknowledgement waits
   * until nothing at all is in flight for the room.
   */
  acknowledge(room: Room, peer: Peer): void {
    if (!peer.wantsAcks) return;
    if (room.readyToAcknowledge(peer)) this.#sendSaved(room, peer);
  }

  #sendSaved(room: Room, peer: Peer): void {
    room.sendSaved(peer);
    this.#options.acknowledged?.();
  }

  #committed(items: BatchItem<WriteContext>[], seqs: number[], previous: number[] | null): void {
    if (this.#readOnly.succeeded()) this.#log.info('storage writes again; accepting changes');
    const touched = new Map<Room, Map<string, string>>();
    for (const { context } of items) {
      const authors = touched.get(context.room) ?? new Map<string, string>();
      const { subject, displayName } = context.origin;
      if (displayName) authors.set(subject, displayName);
      touched.set(context.room, authors);
    }
    // Committed: the hooks (the other instances holding these rooms, history) may hear of it now.
    this.#hooks.notify('committed', this.#batch(items, seqs, previous, touched));
    const origins = new Map<Peer, Room>();
    items.forEach((item, i) => {
      const { room, origin, frame, settled } = item.context;
      room.forwardCommitted(item.update, seqs[i]!, origin, frame);
      if (settled) settled();
      else if (origin.wantsAcks) origins.set(origin, room);
    });
    // One acknowledgement per client per batch, however many updates it sent and whether it
    // also waited from an earlier batch: the count it carries covers everything stored so far.
    const acknowledged = new Map<Peer, Room>();
    for (const [peer, room] of origins)
      if (room.readyToAcknowledge(peer)) acknowledged.set(peer, room);
    for (const room of touched.keys()) {
      for (const peer of room.takeAckWaiters()) acknowledged.set(peer, room);
      if (room.updatesSinceCompaction >= this.#options.compactAfterUpdates)
        void this.#compact(room);
      if (room.peerCount === 0) this.#scheduleEviction(room);
    }
    for (const [peer, room] of acknowledged) this.#sendSaved(room, peer);
  }

  #batch(
    items: BatchItem<WriteContext>[],
    seqs: number[],
    previous: number[] | null,
    touched: Map<Room, Map<string, string>>
  ): CommittedBatch {
    return {
      updates: items.map((item, i) => ({
        room: item.room,
        seq: seqs[i]!,
        prevSeq: previous ? previous[i]! : null,
        update: item.update,
        claims: item.claims
      })),
      rooms: [...touched].map(([room, authors]) => ({
        room: room.name,
        authors: [...authors].map(([id, name]) => ({ id, name }))
      }))
    };
  }

  #failed(items: BatchItem<WriteContext>[], error: unknown): void {
    this.#log.error('storing updates failed', {
      count: items.length,
      error: error instanceof Error ? error.message : String(error)
    });
    if (this.#readOnly.failed(error)) {
      this.#log.error('the data folder cannot be written: refusing changes, still serving reads');
    }
    const readOnly = this.#readOnly.readOnly;
    // These rooms now hold updates that are not on disk. Drop them so they reload from storage;
    // their clients keep the updates and resend them when they reconnect.
    const rooms = new Set(items.map((item) => item.context.room));
    for (const item of items) {
      this.#quota.giveBack(item.room, item.update.byteLength);
      item.context.settled?.(error ?? new Error('storing failed'));
    }
    for (const room of rooms) {
      room.writesFailed();
      const reason = readOnly ? CloseCode.storageReadOnly : CloseCode.storageUnavailable;
      room.closeAllPeers((peer) => peer.close(reason));
      this.#hooks.notify('beforeEvict', room);
      this.#rooms.delete(room.name);
      room.destroy();
    }
  }

  /** `force` compacts a room even with no update since its snapshot (after a repair on load). */
  async #compact(room: Room, force = false): Promise<void> {
    if (this.#compacting.has(room) || (room.updatesSinceCompaction === 0 && !force)) return;
    this.#compacting.add(room);
    try {
      // Storage folds what it has stored, not this room's doc: another process on the same
      // database may have committed an update this one never saw.
      const counted = room.updatesSinceCompaction;
      await this.#storage.compact(room.name);
      room.compacted(counted);
      // The workspace now takes less room than the counted updates say.
      void this.#quota.refresh(workspaceOf(room.name)).catch(() => undefined);
    } catch (error) {
      this.#log.error('compaction failed', {
        room: room.name,
        error: error instanceof Error ? error.message : String(error)
      });
    } finally {
      this.#compacting.delete(room);
    }
  }

  #scheduleEviction(room: Room): void {
    if (this.#closed || this.#evictTimers.has(room.name)) return;
    const timer = setTimeout(() => {
      this.#evictTimers.delete(room.name);
      void this.#evict(room);
    }, this.#options.idleMs);
    timer.unref();
    this.#evictTimers.set(room.name, timer);
  }

  async #evict(room: Room): Promise<void> {
    if (room.peerCount > 0 || this.#evicting.has(room.name)) return;
    if (room.writesInFlight > 0) return this.#scheduleEviction(room);
    const done = (async () => {
      await this.#compact(room);
      // Someone may have connected while we were storing: keep the room then.
      if (room.peerCount > 0 || room.writesInFlight > 0) return;
      this.#hooks.notify('beforeEvict', room);
      this.#rooms.delete(room.name);
      room.destroy();
      this.#log.debug('room evicted', { room: room.name });
    })();
    this.#evicting.set(room.name, done);
    try {
      await done;
    } finally {
      this.#evicting.delete(room.name);
    }
  }

  /** Waits for every queued update to be committed, then compacts every loaded room. */
  async flush(): Promise<void> {
    await this.#batcher.drain();
    for (const roomPromise of this.#rooms.values()) {
      const room = await roomPromise.catch(() => null);
      if (room) await this.#compact(room);
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const timer of this.#evictTimers.values()) clearTimeout(timer);
    this.#evictTimers.clear();
    await this.flush();
    for (const roomPromise of this.#rooms.values())
      (await roomPromise.catch(() => null))?.destroy();
    this.#rooms.clear();
  }
}
