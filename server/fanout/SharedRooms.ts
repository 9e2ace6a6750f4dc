import type { Logger } from '../log.ts';
import type { RoomStorage, StoredRoom } from '../storage/RoomStorage.ts';
import type { Fanout, RoomUpdate } from './Fanout.ts';

/** What the fan-out needs of a loaded room (implemented by the relay's `Room`). */
export interface SharedRoom {
  readonly name: string;
  /**
   * Integrates an update another instance committed, binding the client ids it claims, and
   * forwards it to this instance's clients.
   */
  integrateRemote(update: RoomUpdate): void;
  /** Applies presence another instance accepted and forwards it to this instance's clients. */
  integrateRemotePresence(update: Uint8Array): void;
  /**
   * Applies what storage holds (with the client ids bound in it) and forwards to this instance's
   * clients what they lack.
   */
  integrateStored(stored: StoredRoom, owners: Map<number, string>): void;
}

type Held = {
  room: SharedRoom | null;
  /** Every update of the room up to this clock is in the room's state. */
  clock: number;
  /** Messages that arrived between subscribing and the end of loading, replayed after it. */
  early: RoomUpdate[];
  refilling: Promise<void> | null;
  refillAgain: boolean;
  /**
   * Updates that follow on from a clock the room has not reached yet, by that clock: another
   * instance's message still on its way is the usual reason (two instances committing to one
   * room at once). `message` is null for this instance's own commits (already in the room).
   */
  ahead: Map<number, { seq: number; message: RoomUpdate | null }>;
  /** Refills if the gap before `ahead` is still open when it fires. */
  gapTimer: NodeJS.Timeout | null;
};

/**
 * Rooms read from storage at once: after a Redis reconnect or a dead instance every open room
 * refills, and hundreds of loads at once would take every pooled connection the edits need.
 */
const REFILL_CONCURRENCY = 4;
/** A refill that failed (storage busy or away) is tried again after this long. */
const REFILL_RETRY_MS = 1000;

/** How long a gap may stay open, waiting for the message that closes it, before a refill. */
const GAP_WAIT_MS = 250;
/** More updates than this waiting behind one gap: refill at once. */
const MAX_AHEAD = 1000;

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Keeps the rooms this instance holds in step with the other instances': publishes what it
 * commits, applies what others commit when it follows on from the clock it holds, and refills from
 * storage when it does not (a message was dropped, or arrives out of order), or when the bus
 * reconnects. Storage is the truth; a message is only a shortcut to it.
 */
export class SharedRooms {
  readonly #fanout: Fanout;
  readonly #storage: RoomStorage;
  readonly #log: Logger;
  readonly #held = new Map<string, Held>();
  readonly #stop: () => void;

  constructor(fanout: Fanout, storage: RoomStorage, log: Logger) {
    this.#fanout = fanout;
    this.#storage = storage;
    this.#log = log;
    this.#stop = fanout.onReconnect(() => this.resyncAll());
  }

  /** Rooms refilled from storage since start (for tests and logs). */
  refills = 0;

  /**
   * Subscribes before the room is read from storage: an update committed after the read is then
   * heard, and one committed before it is in what is read.
   */
  async beforeLoad(name: string): Promise<void> {
    const held: Held = {
      room: null,
      clock: 0,
      early: [],
      refilling: null,
      refillAgain: false,
      ahead: new Map(),
      gapTimer: null
    };
    this.#held.set(name, held);
    await this.#fanout.subscribe(name, {
      update: (message) => this.#received(held, message),
      presence: (update) => held.room?.integrateRemotePresence(update)
    });
  }

  /** The room is loaded with everything stored up to `clock`. */
  afterLoad(room: SharedRoom, clock: number): void {
    const held = this.#held.get(room.name);
    if (!held) return;
    held.room = room;
    held.clock = clock;
    for (const message of held.early.splice(0)) this.#received(held, message);
  }

  /** Loading failed: nothing is held. */
  loadFailed(name: string): void {
    this.#held.delete(name);
    void this.#fanout.unsubscribe(name);
  }

  /** Updates this instance committed, in commit order: published, and the clocks follow them. */
  committed(updates: RoomUpdate[]): void {
    this.#fanout.publishUpdates(
      updates.map(({ room, seq, prevSeq, update, claims }) => ({
        room,
        seq,
        prevSeq,
        update,
        claims
      }))
    );
    for (const u of updates) {
      const held = this.#held.get(u.room);
      if (!held?.room || u.seq <= held.clock) continue;
      if (u.prevSeq === held.clock) {
        held.clock = u.seq;
        this.#advance(held);
      }
      // Another instance committed in between and its message has not come yet (or never will).
      else this.#wait(held, u.prevSeq, u.seq, null);
    }
  }

  /** Presence accepted here, for the other instances holding the room. */
  presence(room: string, update: Uint8Array): void {
    this.#fanout.publishPresence(room, update);
  }

  evicted(name: string): void {
    const held = this.#held.get(name);
    if (held?.gapTimer) clearTimeout(held.gapTimer);
    this.#held.delete(name);
    void this.#fanout.unsubscribe(name);
  }

  /** After the bus was lost: anything may have been missed, so every room reads storage again. */
  resyncAll(): void {
    for (const held of this.#held.values()) if (held.room) this.#refill(held);
  }

  #received(held: Held, message: RoomUpdate): void {
    if (!held.room) {
      held.early.push(message);
      return;
    }
    if (message.seq <= held.clock) return;
    if (message.prevSeq > held.clock)
      return this.#wait(held, message.prevSeq, message.seq, message);
    if (message.prevSeq < held.clock) return this.#refill(held);
    if (this.#integrate(held, message)) this.#advance(held);
  }

  #integrate(held: Held, message: RoomUpdate): boolean {
    try {
      held.room!.integrateRemote(message);
      held.clock = message.seq;
      return true;
    } catch (err) {
      this.#log.warn('an update from another instance did not apply; refilling', {
        room: held.room!.name,
        error: messageOf(err)
      });
      this.#refill(held);
      return false;
    }
  }

  /** Keeps an update that follows a gap; the gap gets GAP_WAIT_MS to close before a refill. */
  #wait(held: Held, prevSeq: number, seq: number, message: RoomUpdate | null): void {
    held.ahead.set(prevSeq, { seq, message });
    if (held.ahead.size > MAX_AHEAD) return this.#refill(held);
    this.#armGapTimer(held);
  }

  #armGapTimer(held: Held): void {
    if (held.gapTimer) return;
    held.gapTimer = setTimeout(() => {
      held.gapTimer = null;
      if (held.ahead.size > 0) this.#refill(held);
    }, GAP_WAIT_MS);
    held.gapTimer.unref();
  }

  /** Applies what waited behind the clock the room has now reached, in order. */
  #advance(held: Held): void {
    for (const [prevSeq, entry] of held.ahead)
      if (entry.seq <= held.clock || prevSeq < held.clock) held.ahead.delete(prevSeq);
    let next = held.ahead.get(held.clock);
    while (next) {
      held.ahead.delete(held.clock);
      if (next.message) {
        if (!this.#integrate(held, next.message)) return;
      } else held.clock = next.seq;
      next = held.ahead.get(held.clock);
    }
    if (held.ahead.size > 0) this.#armGapTimer(held);
    else if (held.gapTimer) {
      clearTimeout(held.gapTimer);
      held.gapTimer = null;
    }
  }

  /** Reads the room from storage, one refill at a time per room (a second request runs after). */
  #refill(held: Held): void {
    if (held.refilling) {
      held.refillAgain = true;
      return;
    }
    held.refilling = (async () => {
      await this.#refillSlot();
      try {
        await this.#refillNow(held);
      } finally {
        this.#releaseRefillSlot();
      }
    })().finally(() => (held.refilling = null));
  }

  #refillsRunning = 0;
  readonly #refillQueue: (() => void)[] = [];

  async #refillSlot(): Promise<void> {
    if (this.#refillsRunning < REFILL_CONCURRENCY) {
      this.#refillsRunning++;
      return;
    }
    await new Promise<void>((resolve) => this.#refillQueue.push(resolve));
  }

  #releaseRefillSlot(): void {
    const next = this.#refillQueue.shift();
    if (next) next();
    else this.#refillsRunning--;
  }

  async #refillNow(held: Held): Promise<void> {
    do {
      held.refillAgain = false;
      const room = held.room;
      if (!room || this.#held.get(room.name) !== held) return;
      try {
        const [stored, owners] = await Promise.all([
          this.#storage.load(room.name),
          this.#storage.clientOwners(room.name)
        ]);
        if (this.#held.get(room.name) !== held) return;
        room.integrateStored(stored, owners);
        held.clock = Math.max(held.clock, stored.clock);
        this.refills++;
        // What waited behind the gap is in what was read, or follows on from it.
        this.#advance(held);
      } catch (err) {
        this.#log.error('refilling a room from storage failed; trying again', {
          room: room.name,
          error: messageOf(err)
        });
        // Storage still holds what the room lacks: it must not stay behind for good.
        setTimeout(() => {
          if (this.#held.get(room.name) === held) this.#refill(held);
        }, REFILL_RETRY_MS).unref();
        return;
      }
    } while (held.refillAgain);
  }

  close(): void {
    this.#stop();
    for (const held of this.#held.values()) if (held.gapTimer) clearTimeout(held.gapTimer);
    this.#held.clear();
  }
}
