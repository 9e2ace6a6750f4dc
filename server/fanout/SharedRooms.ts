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
  /** Every update of the room up to this clock is in the room's doc. */
  clock: number;
  /** Messages that arrived between subscribing and the end of loading, replayed after it. */
  early: RoomUpdate[];
  refilling: Promise<void> | null;
  refillAgain: boolean;
};

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
    const held: Held = { room: null, clock: 0, early: [], refilling: null, refillAgain: false };
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
      if (u.prevSeq === held.clock) held.clock = u.seq;
      // Another instance committed in between and its message has not come (or never will).
      else this.#refill(held);
    }
  }

  /** Presence accepted here, for the other instances holding the room. */
  presence(room: string, update: Uint8Array): void {
    this.#fanout.publishPresence(room, update);
  }

  evicted(name: string): void {
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
    if (message.prevSeq !== held.clock) return this.#refill(held);
    try {
      held.room.integrateRemote(message);
      held.clock = message.seq;
    } catch (err) {
      this.#log.warn('an update from another instance did not apply; refilling', {
        room: held.room.name,
        error: messageOf(err)
      });
      this.#refill(held);
    }
  }

  /** Reads the room from storage, one refill at a time per room (a second request runs after). */
  #refill(held: Held): void {
    if (held.refilling) {
      held.refillAgain = true;
      return;
    }
    held.refilling = (async () => {
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
        } catch (err) {
          this.#log.error('refilling a room from storage failed', {
            room: room.name,
            error: messageOf(err)
          });
          return;
        }
      } while (held.refillAgain);
    })().finally(() => (held.refilling = null));
  }

  close(): void {
    this.#stop();
    this.#held.clear();
  }
}
