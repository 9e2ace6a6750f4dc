import { Redis } from 'ioredis';
import { nanoid } from 'nanoid';
import type { Logger } from '../log.ts';
import type { ClusterEvent, Fanout, RoomListener, RoomUpdate } from './Fanout.ts';
import { ALIVE_EVERY_MS, PeerLiveness } from './PeerLiveness.ts';
import {
  decodeEvent,
  decodeRoomFrame,
  encodeEvent,
  encodePresenceFrame,
  encodeUpdateFrame
} from './wireFormat.ts';

const ROOM_CHANNEL = 'uzel:room:';
const EVENT_CHANNEL = 'uzel:events';
/** Heartbeats: each instance publishes its id here every ALIVE_EVERY_MS. */
const ALIVE_CHANNEL = 'uzel:alive';

/**
 * Updates committed while the publishing connection was away, sent once it is back (receivers
 * skip what they already refilled). Past this many the oldest go: a receiver then sees the gap
 * in the clocks of the next one and refills from storage.
 */
const MAX_UNSENT = 10_000;

/** How long the start waits for Redis before going on alone (it keeps trying meanwhile). */
const FIRST_CONNECT_MS = 5000;

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Fan-out over Redis pub/sub: one channel per open room, one for account events. Pub/sub keeps
 * nothing and drops what a disconnected subscriber misses, which is why every update carries its
 * clocks and a reconnect resyncs every room from storage. While Redis is away the instance goes
 * on serving its own clients; nothing waits for Redis.
 */
export class RedisFanout implements Fanout {
  readonly shared = true;
  /** Frames from this process come back on its own subscription; this tells them apart. */
  readonly instanceId = nanoid(12);
  readonly #publisher: Redis;
  readonly #subscriber: Redis;
  readonly #log: Logger;
  readonly #rooms = new Map<string, RoomListener>();
  readonly #eventListeners = new Set<(event: ClusterEvent) => void>();
  readonly #reconnectListeners = new Set<() => void>();
  readonly #unsent: RoomUpdate[] = [];
  /** The subscriber lost its connection since it was last ready. */
  #lost = false;
  #closed = false;
  readonly #liveness = new PeerLiveness();
  readonly #heartbeat: NodeJS.Timeout;

  private constructor(url: string, log: Logger) {
    this.#log = log;
    const options = {
      // A command while disconnected fails at once instead of piling up: a lost publish is
      // refilled by the receivers, a queued one would only arrive late.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      retryStrategy: (times: number) => Math.min(50 * times, 1000),
      lazyConnect: true
    };
    this.#publisher = new Redis(url, { ...options, connectionName: 'uzel-publish' });
    this.#subscriber = new Redis(url, {
      ...options,
      // Resubscribed by `#resubscribe`, before rooms resync, not at ioredis's own moment.
      autoResubscribe: false,
      enableOfflineQueue: true,
      connectionName: 'uzel-subscribe'
    });
    for (const [name, conn] of [
      ['publish', this.#publisher],
      ['subscribe', this.#subscriber]
    ] as const) {
      conn.on('error', (err) =>
        log.debug('redis connection error', { conn: name, error: err.message })
      );
    }
    this.#subscriber.on('close', () => {
      if (this.#closed || this.#lost) return;
      this.#lost = true;
      log.warn('lost the connection to Redis; serving this instance alone until it returns');
    });
    this.#subscriber.on('ready', () => {
      if (!this.#lost || this.#closed) return;
      this.#lost = false;
      this.#liveness.forgive();
      void this.#resubscribe();
    });
    this.#publisher.on('ready', () => this.#sendUnsent());
    this.#heartbeat = setInterval(() => this.#beat(), ALIVE_EVERY_MS);
    this.#heartbeat.unref();
    this.#subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) =>
      this.#receive(channel.toString(), message)
    );
  }

  /** Connects both connections; Redis being down is logged, not fatal (it reconnects later). */
  static async connect(url: string, log: Logger): Promise<RedisFanout> {
    const fanout = new RedisFanout(url, log);
    const first = Promise.all([
      fanout.#publisher.connect(),
      fanout.#subscriber
        .connect()
        .then(() => fanout.#subscriber.subscribe(EVENT_CHANNEL, ALIVE_CHANNEL))
    ]);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), FIRST_CONNECT_MS);
    });
    try {
      const outcome = await Promise.race([first, late]);
      if (outcome === 'late') throw new Error(`no answer within ${FIRST_CONNECT_MS} ms`);
    } catch (err) {
      fanout.#lost = true;
      log.error('Redis (REDIS_URL) cannot be reached; starting alone and retrying', {
        error: messageOf(err)
      });
      first.catch(() => undefined);
    } finally {
      clearTimeout(timer);
    }
    return fanout;
  }

  /** Both connections are up: what is published now reaches the other instances. */
  get connected(): boolean {
    return this.#publisher.status === 'ready' && this.#subscriber.status === 'ready' && !this.#lost;
  }

  /** The command connection (fails fast while Redis is away), for counters kept in Redis. */
  get commands(): Redis {
    return this.#publisher;
  }

  async subscribe(room: string, listener: RoomListener): Promise<void> {
    this.#rooms.set(room, listener);
    // While Redis is away the room loads all the same; the reconnect subscribes and resyncs it.
    if (this.#subscriber.status !== 'ready') return;
    try {
      await this.#subscriber.subscribe(ROOM_CHANNEL + room);
    } catch (err) {
      this.#log.warn('subscribing to a room failed; it resyncs when Redis returns', {
        room,
        error: messageOf(err)
      });
    }
  }

  async unsubscribe(room: string): Promise<void> {
    this.#rooms.delete(room);
    if (this.#subscriber.status !== 'ready') return;
    await this.#subscriber.unsubscribe(ROOM_CHANNEL + room).catch(() => undefined);
  }

  publishUpdates(updates: RoomUpdate[]): void {
    if (updates.length === 0) return;
    if (this.#publisher.status !== 'ready' || this.#unsent.length > 0) return this.#keep(updates);
    this.#send(updates);
  }

  #send(updates: RoomUpdate[]): void {
    const pipeline = this.#publisher.pipeline();
    for (const u of updates)
      pipeline.publish(ROOM_CHANNEL + u.room, Buffer.from(encodeUpdateFrame(this.instanceId, u)));
    pipeline.exec().then(
      (results) => {
        if (results?.some(([err]) => err)) this.#keep(updates);
      },
      () => this.#keep(updates)
    );
  }

  /** Holds updates that could not be published, in commit order, for `#sendUnsent`. */
  #keep(updates: RoomUpdate[]): void {
    this.#unsent.push(...updates);
    if (this.#unsent.length > MAX_UNSENT) this.#unsent.splice(0, this.#unsent.length - MAX_UNSENT);
  }

  #sendUnsent(): void {
    if (this.#closed || this.#unsent.length === 0) return;
    this.#log.info('Redis is back; publishing the updates committed meanwhile', {
      count: this.#unsent.length
    });
    this.#send(this.#unsent.splice(0));
  }

  publishPresence(room: string, update: Uint8Array): void {
    if (this.#publisher.status !== 'ready') return;
    this.#publisher
      .publish(ROOM_CHANNEL + room, Buffer.from(encodePresenceFrame(this.instanceId, room, update)))
      .catch((err) => this.#log.debug('publishing presence failed', { error: messageOf(err) }));
  }

  publishEvent(event: ClusterEvent): void {
    if (this.#publisher.status !== 'ready') {
      this.#log.warn('Redis is away: an account event reaches only this instance', {
        kind: event.kind
      });
      return;
    }
    this.#publisher
      .publish(EVENT_CHANNEL, encodeEvent(this.instanceId, event))
      .catch((err) =>
        this.#log.warn('publishing an account event failed', { error: messageOf(err) })
      );
  }

  onEvent(listener: (event: ClusterEvent) => void): () => void {
    this.#eventListeners.add(listener);
    return () => this.#eventListeners.delete(listener);
  }

  onReconnect(listener: () => void): () => void {
    this.#reconnectListeners.add(listener);
    return () => this.#reconnectListeners.delete(listener);
  }

  /** After a loss: every channel again, then the rooms resync (what fell in between is stored). */
  async #resubscribe(): Promise<void> {
    try {
      await this.#subscriber.subscribe(
        EVENT_CHANNEL,
        ALIVE_CHANNEL,
        ...[...this.#rooms.keys()].map((room) => ROOM_CHANNEL + room)
      );
    } catch (err) {
      this.#log.warn('resubscribing after a Redis reconnect failed', { error: messageOf(err) });
    }
    this.#log.info('Redis is back; resyncing open rooms from storage', { rooms: this.#rooms.size });
    this.#resync();
  }

  /**
   * Says this instance is alive, and resyncs every open room when another one fell silent: it may
   * have stored updates it never published.
   */
  #beat(): void {
    if (this.#closed || this.#publisher.status !== 'ready') return;
    this.#publisher.publish(ALIVE_CHANNEL, this.instanceId).catch(() => undefined);
    if (!this.connected) return;
    const dead = this.#liveness.sweep();
    if (dead.length === 0) return;
    this.#log.warn('another instance stopped answering; resyncing open rooms from storage', {
      instances: dead.length,
      rooms: this.#rooms.size
    });
    this.#resync();
  }

  #resync(): void {
    for (const listener of this.#reconnectListeners) {
      try {
        listener();
      } catch (err) {
        this.#log.error('a reconnect listener failed', { error: messageOf(err) });
      }
    }
  }

  #receive(channel: string, message: Buffer): void {
    try {
      if (channel === ALIVE_CHANNEL) {
        const from = message.toString();
        if (from !== this.instanceId) this.#liveness.heard(from);
        return;
      }
      if (channel === EVENT_CHANNEL) {
        const { from, event } = decodeEvent(message.toString());
        if (from === this.instanceId) return;
        for (const listener of this.#eventListeners) listener(event);
        return;
      }
      const frame = decodeRoomFrame(
        new Uint8Array(message.buffer, message.byteOffset, message.byteLength)
      );
      if (frame.from === this.instanceId) return;
      // A busy instance's heartbeat may queue behind its room messages: those say it lives too.
      this.#liveness.heard(frame.from);
      const room = frame.kind === 'update' ? frame.message.room : frame.room;
      if (channel !== ROOM_CHANNEL + room) throw new Error('frame names another room');
      const listener = this.#rooms.get(room);
      if (!listener) return;
      if (frame.kind === 'update') listener.update(frame.message);
      else listener.presence(frame.update);
    } catch (err) {
      // Another version's frame, or a bug: logged and skipped; the gap check refills content.
      this.#log.warn('a fan-out message could not be handled', {
        channel: channel.slice(0, 200),
        error: messageOf(err)
      });
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#heartbeat);
    this.#rooms.clear();
    this.#publisher.disconnect();
    this.#subscriber.disconnect();
  }
}
