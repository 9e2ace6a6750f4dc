import { oncePerFrame } from '../scheduling/oncePerFrame.ts';
import { notifyUnsyncedChanged } from './unsyncedRooms.ts';

/**
 * Counts the local changes the server has not yet confirmed as stored.
 *
 * The relay, asked with `?acks=1`, answers "the first K sync messages you sent on this connection
 * are stored" after each commit. Every local change is tied to the sync message that carried it:
 * the next update, or after a reconnect the sync step 2 (which carries everything the server
 * lacks, deletions included). A change counts as saved once a K covering its message arrives.
 * The count survives a reload through `store`, because the changes themselves survive in
 * IndexedDB and are sent again on the next connection.
 */

const SYNC_MESSAGE = 0;
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;

export type CountStore = { load(): number; save(count: number): void };

export class SaveTracker {
  readonly #store: CountStore;
  readonly #onChange: () => void;
  /** Local changes not yet sent on the current connection. */
  #unsent: number;
  /** Changes sent on the current connection, by the number of the message that carried them. */
  #sent: { message: number; count: number }[] = [];
  /** Sync messages sent on the current connection (the relay counts the same ones). */
  #messagesSent = 0;

  constructor(store: CountStore, onChange: () => void) {
    this.#store = store;
    this.#onChange = onChange;
    this.#unsent = Math.max(0, Math.floor(store.load()) || 0);
  }

  get pending(): number {
    return this.#unsent + this.#sent.reduce((sum, s) => sum + s.count, 0);
  }

  /** A change made on this device (not one received from the server or loaded from disk). */
  localChange(): void {
    this.#unsent++;
    this.#changed();
  }

  /** Every frame the websocket sends passes here, in order. */
  frameSent(frame: Uint8Array): void {
    if (frame[0] !== SYNC_MESSAGE) return;
    this.#messagesSent++;
    const kind = frame[1];
    if ((kind === SYNC_STEP2 || kind === SYNC_UPDATE) && this.#unsent > 0) {
      this.#sent.push({ message: this.#messagesSent, count: this.#unsent });
      this.#unsent = 0;
    }
  }

  /** The relay stored the first `messages` sync messages of this connection. */
  acknowledged(messages: number): void {
    const before = this.#sent.length;
    this.#sent = this.#sent.filter((s) => s.message > messages);
    if (this.#sent.length !== before) this.#changed();
  }

  /** A connection opened or closed: whatever was in flight is sent again with the next step 2. */
  connectionReset(): void {
    this.#unsent = this.pending;
    this.#sent = [];
    this.#messagesSent = 0;
  }

  #changed(): void {
    this.#store.save(this.pending);
    this.#onChange();
  }
}

/**
 * Keeps the count in localStorage under one key per room (read by `unsyncedRooms.ts`). Only
 * whether a room has some matters to the lists and to the next reload, so a room starting or
 * stopping to have some is written at once, and a count that merely grows while typing is
 * written once per frame: `setItem` is a synchronous disk write, too slow for every keystroke.
 */
export function localStorageCount(key: string): CountStore {
  let latest = 0;
  const write = () => {
    try {
      const had = Number(localStorage.getItem(key) ?? 0) > 0;
      if (latest === 0) localStorage.removeItem(key);
      else localStorage.setItem(key, String(latest));
      // Lists of unsynced documents care only about a room starting or stopping to have some.
      if (had !== latest > 0) notifyUnsyncedChanged();
    } catch {
      // Storage full or blocked: the count is only advisory, the changes are in IndexedDB.
    }
  };
  const later = oncePerFrame(write);
  return {
    load: () => {
      try {
        latest = Number(localStorage.getItem(key) ?? 0);
      } catch {
        latest = 0;
      }
      return latest;
    },
    save: (count) => {
      const crossesZero = latest > 0 !== count > 0;
      latest = count;
      if (!crossesZero) return later.run();
      later.stop();
      write();
    }
  };
}
