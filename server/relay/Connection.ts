import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import { canWrite, type Principal, type Role } from '../accounts/types.ts';
import type { Logger } from '../log.ts';
import { CloseCode, type CloseReason } from '../../src/lib/shared/protocol/closeCodes.ts';
import type { Peer, SendOptions } from './Peer.ts';
import {
  decodeClientMessage,
  encodeAuthDenied,
  isEmptyUpdate,
  MalformedMessage,
  type ClientMessage
} from './protocol.ts';
import { ByteBucket, type PersonByteBudget } from './ByteBudget.ts';
import { WorkspaceQuotaExceeded } from './DocumentQuota.ts';
import { RateLimiter } from './RateLimiter.ts';
import { MAX_SHARED_FRAME_BYTES, serverFrame } from './serverFrame.ts';
import { StorageReadOnly } from './ReadOnlyGuard.ts';
import { HeldUpdates } from './HeldUpdates.ts';
import { ClientIdTaken, type Room } from './Room.ts';
import type { RoomRegistry } from './RoomRegistry.ts';
import { PendingUpdate } from './updateCheck.ts';

let nextId = 1;

/** Who may use the connection, decided before any document byte is sent. */
export type Admission = { principal: Principal; role: Role };

export type ConnectionOptions = {
  roomName: string;
  workspaceId: string;
  wantsAcks: boolean;
  messagesPerSecond: number;
  /** Bytes this connection may send per second on average; bursts up to `burstBytes`. */
  bytesPerSecond: number;
  burstBytes: number;
  /** The same for the person, across all their connections and reconnects. */
  personBudget: PersonByteBudget;
  /** Bytes waiting to be sent to this client beyond which it is closed (it does not read). */
  maxQueuedBytes: number;
  /** Authenticates and authorises; a CloseReason refuses the connection. */
  admit: (connection: Connection) => Promise<Admission | CloseReason>;
};

/** Viewers are told at most this often that their changes are not accepted. */
const READ_ONLY_NOTICE_MS = 5000;

/**
 * One client socket bound to one room. Frames are buffered until the client is admitted and
 * the room is loaded, then decoded strictly; anything it cannot understand, and any flood,
 * closes this connection only.
 */
export class Connection implements Peer {
  readonly id = `c${nextId++}`;
  readonly wantsAcks: boolean;
  readonly workspaceId: string;
  syncMessagesReceived = 0;
  get holdsWrites(): boolean {
    return this.#held.count > 0;
  }
  readonly #ws: WebSocket;
  readonly #registry: RoomRegistry;
  readonly #log: Logger;
  readonly #limiter: RateLimiter;
  readonly #bytes: ByteBucket;
  readonly #personBudget: PersonByteBudget;
  readonly #maxQueuedBytes: number;
  readonly #socket: Duplex | null;
  /** A step 2 answer is on its way to the client; a new step 1 waits for it (latest one only). */
  #answering = false;
  #deferredStep1: Uint8Array | null = null;
  #principal: Principal | null = null;
  #role: Role | null = null;
  #room: Room | null = null;
  /** Frames that arrived before the room was ready, handled in order once it is. */
  #early: Uint8Array[] | null = [];
  #lastReadOnlyNotice = -Infinity;
  /** The client has answered the server's step 1; before that, updates may wait (HeldUpdates). */
  #step2Received = false;
  readonly #held = new HeldUpdates();
  #closed = false;
  readonly #closeListeners: (() => void)[] = [];

  constructor(ws: WebSocket, registry: RoomRegistry, log: Logger, options: ConnectionOptions) {
    this.#ws = ws;
    this.#registry = registry;
    this.#log = log;
    this.wantsAcks = options.wantsAcks;
    this.workspaceId = options.workspaceId;
    this.#limiter = new RateLimiter(options.messagesPerSecond);
    this.#bytes = new ByteBucket(options.bytesPerSecond, options.burstBytes);
    this.#personBudget = options.personBudget;
    this.#maxQueuedBytes = options.maxQueuedBytes;

    // The raw socket, for frames built once per broadcast (serverFrame), only while `ws` adds
    // nothing of its own to a frame: no extension negotiated.
    const socket = (ws as unknown as { _socket?: Duplex })._socket;
    this.#socket = ws.extensions === '' && socket ? socket : null;
    ws.binaryType = 'nodebuffer';
    ws.on('message', (data, isBinary) => this.#receive(data as Buffer, isBinary));
    ws.on('close', () => this.#onClose());
    ws.on('error', (err) => this.#log.debug('socket error', { conn: this.id, error: err.message }));

    void this.#start(options);
  }

  get subject(): string {
    return this.#principal?.userId ?? '';
  }

  get displayName(): string {
    return this.#principal?.displayName ?? '';
  }

  get principal(): Principal | null {
    return this.#principal;
  }

  get role(): Role | null {
    return this.#role;
  }

  get isOpen(): boolean {
    return !this.#closed && this.#ws.readyState === this.#ws.OPEN;
  }

  onClose(listener: () => void): void {
    this.#closeListeners.push(listener);
  }

  async #start(options: ConnectionOptions): Promise<void> {
    let admission: Admission | CloseReason;
    try {
      admission = await options.admit(this);
    } catch (err) {
      this.#log.error('admission failed', {
        conn: this.id,
        error: err instanceof Error ? err.message : String(err)
      });
      admission = CloseCode.storageUnavailable;
    }
    if (this.#closed) return;
    if ('code' in admission) return this.close(admission);
    this.#principal = admission.principal;
    this.#role = admission.role;

    let room: Room;
    try {
      room = await this.#registry.open(options.roomName);
    } catch (err) {
      this.#log.error('room could not be loaded', {
        room: options.roomName,
        error: err instanceof Error ? err.message : String(err)
      });
      return this.close(CloseCode.storageUnavailable);
    }
    if (this.#closed) {
      if (room.peerCount === 0) this.#registry.leave(room, this);
      return;
    }
    this.#room = room;
    this.#registry.join(room, this);
    const early = this.#early ?? [];
    this.#early = null;
    for (const frame of early) this.#handle(frame);
  }

  send(frame: Uint8Array, { sent, continues = false }: SendOptions = {}): void {
    if (!this.isOpen) return sent?.();
    // A client that stops reading would have the server hold everything sent to it. Checked
    // before a new message only: one answer larger than the bound still goes out whole.
    if (!continues && this.#ws.bufferedAmount > this.#maxQueuedBytes) {
      this.#log.warn('client does not read, closing connection', {
        conn: this.id,
        queued: this.#ws.bufferedAmount
      });
      sent?.();
      return this.close(CloseCode.sendQueueFull, { drop: true });
    }
    // Only a caller that waits for the frame to leave gets a callback: one per frame would cost a
    // closure and a completion to track on every forward. A failed write closes the socket,
    // which `ws` reports as a close either way.
    if (!sent) {
      if (this.#socket && frame.byteLength <= MAX_SHARED_FRAME_BYTES) {
        this.#socket.write(serverFrame(frame));
      } else this.#ws.send(frame);
      return;
    }
    this.#ws.send(frame, (err) => {
      sent();
      if (err) this.close(CloseCode.goingAway);
    });
  }

  /**
   * `drop` also discards what is still queued for the client (after a second for the close frame
   * to go out), so its memory returns even when the client never reads again.
   */
  close(reason: CloseReason, { drop = false } = {}): void {
    if (this.#closed) return;
    this.#ws.close(reason.code, reason.reason);
    if (drop) setTimeout(() => this.#ws.terminate(), 1000).unref();
    this.#onClose();
  }

  #receive(data: Buffer, isBinary: boolean): void {
    if (this.#closed) return;
    if (!this.#limiter.take()) {
      this.#log.warn('message rate over the limit, closing connection', { conn: this.id });
      return this.close(CloseCode.rateLimited);
    }
    if (!this.#bytes.take(data.byteLength)) {
      this.#log.warn('byte rate over the limit, closing connection', { conn: this.id });
      return this.close(CloseCode.writeRateLimited);
    }
    if (!isBinary) return this.#reject('text frame');
    // Kept a Buffer: an update frame is forwarded as it is, and `ws` sends a Buffer without
    // wrapping it again for every peer.
    const frame: Uint8Array = data;
    if (this.#early) {
      // Bounded: a client that floods before it is admitted is a flood all the same.
      if (this.#early.length >= 1000) return this.close(CloseCode.rateLimited);
      this.#early.push(frame);
    } else this.#handle(frame);
  }

  #handle(frame: Uint8Array): void {
    const room = this.#room;
    if (!room || this.#closed) return;
    let message: ClientMessage;
    try {
      message = decodeClientMessage(frame);
    } catch (err) {
      return this.#reject(err instanceof MalformedMessage ? err.message : 'undecodable message');
    }
    if (message.kind === 'syncStep1' || message.kind === 'update') this.syncMessagesReceived++;
    if (!this.#personBudget.take(this.subject, frame.byteLength)) {
      this.#log.warn("person's byte rate over the limit, closing connection", { conn: this.id });
      return this.close(CloseCode.writeRateLimited);
    }
    try {
      switch (message.kind) {
        case 'syncStep1':
          this.#answerStep1(room, message.stateVector);
          break;
        case 'update':
          if (!this.#role || !canWrite(this.#role)) this.#refuseWrite();
          else this.#submit(room, message);
          break;
        case 'awareness':
          room.applyAwareness(this, message.update);
          break;
        case 'queryAwareness':
          room.sendAwarenessTo(this);
          break;
      }
    } catch (err) {
      const detail = err instanceof Error ? err.message : 'invalid payload';
      if (err instanceof PendingUpdate) return this.#refuse(CloseCode.pendingUpdate, detail);
      if (err instanceof ClientIdTaken) return this.#refuse(CloseCode.clientIdTaken, detail);
      if (err instanceof StorageReadOnly) return this.#refuse(CloseCode.storageReadOnly, detail);
      if (err instanceof WorkspaceQuotaExceeded)
        return this.#refuse(CloseCode.workspaceQuotaExceeded, detail);
      // y-protocols and Yjs throw on payloads that frame correctly but are not valid data.
      this.#reject(detail);
    }
  }

  /**
   * Before the client's step 2, an update that builds on what the room lacks is held, not
   * refused (see HeldUpdates); the step 2 brings what it builds on, then the held ones follow.
   * While any are held the connection `holdsWrites`, so no acknowledgement covers them before
   * they are stored.
   */
  #submit(room: Room, message: Extract<ClientMessage, { kind: 'update' }>): void {
    const isStep2 = message.frame === null;
    if (isEmptyUpdate(message.update)) this.#registry.acknowledge(room, this);
    else if (isStep2 || this.#step2Received) {
      this.#registry.submitUpdate(room, message.update, this, message.frame);
    } else {
      try {
        this.#registry.submitUpdate(room, message.update, this, message.frame);
      } catch (err) {
        if (!(err instanceof PendingUpdate) || !this.#held.hold(message)) throw err;
      }
    }
    if (isStep2 && !this.#step2Received) {
      this.#step2Received = true;
      const held = this.#held.release();
      // One that still does not fit throws PendingUpdate and closes the connection (4422).
      for (const update of held)
        this.#registry.submitUpdate(room, update.update, this, update.frame);
    }
  }

  /**
   * A step 2 can be as large as the document; a client asking again and again while it does not
   * read would have the server hold a copy for each request. While one answer is on its way, a
   * new step 1 waits, and only the latest one is answered after it.
   */
  #answerStep1(room: Room, stateVector: Uint8Array): void {
    if (this.#answering) {
      this.#deferredStep1 = stateVector;
      return;
    }
    this.#answering = true;
    room.answerSyncStep1(this, stateVector, () => {
      this.#answering = false;
      const next = this.#deferredStep1;
      this.#deferredStep1 = null;
      if (next && !this.#closed && this.#room) {
        try {
          this.#answerStep1(this.#room, next);
        } catch (err) {
          this.#reject(err instanceof Error ? err.message : 'invalid state vector');
        }
      }
    });
  }

  #refuse(reason: CloseReason, detail: string): void {
    this.#log.warn('update refused, closing connection', {
      conn: this.id,
      room: this.#room?.name,
      code: reason.code,
      detail: detail.slice(0, 200)
    });
    this.close(reason);
  }

  /** Viewers' updates are dropped, and the client is told why (y-protocols auth message). */
  #refuseWrite(): void {
    const now = performance.now();
    if (now - this.#lastReadOnlyNotice < READ_ONLY_NOTICE_MS) return;
    this.#lastReadOnlyNotice = now;
    this.send(encodeAuthDenied('read-only: your role in this workspace does not allow changes'));
  }

  #reject(detail: string): void {
    // Logged once: the connection is closed right after.
    this.#log.warn('malformed message, closing connection', {
      conn: this.id,
      room: this.#room?.name,
      detail: detail.slice(0, 200)
    });
    this.close(CloseCode.malformedMessage);
  }

  #onClose(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#early = null;
    try {
      if (this.#room) this.#registry.leave(this.#room, this);
    } catch (err) {
      // A bug in leaving must not take the process (and everyone else's connections) down.
      this.#log.error('leaving the room failed', {
        conn: this.id,
        error: err instanceof Error ? err.message : String(err)
      });
    }
    for (const listener of this.#closeListeners) listener();
  }
}
