/** How often an instance says it is alive, and after how long without a word it is presumed dead. */
export const ALIVE_EVERY_MS = 1000;
export const PRESUMED_DEAD_MS = 5000;

/**
 * Which other instances are alive, from the heartbeats they publish. An instance killed between
 * storing an update and publishing it leaves the others behind storage with nothing to show it
 * (the gap check needs a later message of the room); when its heartbeats stop, `sweep` names it,
 * and the caller resyncs its open rooms from storage.
 */
export class PeerLiveness {
  readonly #lastSeen = new Map<string, number>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  get peers(): number {
    return this.#lastSeen.size;
  }

  heard(instanceId: string): void {
    this.#lastSeen.set(instanceId, this.#now());
  }

  /** After our own connection was away nobody could be heard: everyone gets a fresh start. */
  forgive(): void {
    const now = this.#now();
    for (const id of this.#lastSeen.keys()) this.#lastSeen.set(id, now);
  }

  /** The instances silent for PRESUMED_DEAD_MS, forgotten from now on (a restart has a new id). */
  sweep(): string[] {
    const dead: string[] = [];
    const limit = this.#now() - PRESUMED_DEAD_MS;
    for (const [id, seen] of this.#lastSeen)
      if (seen < limit) {
        dead.push(id);
        this.#lastSeen.delete(id);
      }
    return dead;
  }
}
