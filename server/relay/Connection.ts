import type { WebSocket } from 'ws';
import type { Logger } from '../log.ts';
import { CloseCode, type CloseReason } from './closeCodes.ts';
import type { Peer } from './Peer.ts';
import {
  decodeClientMessage,
  isEmptyUpdate,
  MalformedMessage,
  type ClientMessage
} from './protocol.ts';
import type { Room } from './Room.ts';
import type { RoomRegistry } from './RoomRegistry.ts';

let nextId = 1;

/**
 * One client socket bound to one room. Decodes frames strictly and hands them to the room;
 * anything it cannot understand closes this connection only.
 */
export class Connection implements Peer {
  readonly id = `c${nextId++}`;
  readonly wantsAcks: boolean;
  syncMessagesReceived = 0;
  writesInFlight = 0;
  readonly #ws: WebSocket;
  readonly #registry: RoomRegistry;
  readonly #log: Logger;
  #room: Room | null = null;
  /** Frames that arrived while the room was loading, handled in order once it is ready. */
  #early: Uint8Array[] | null = [];
  #closed = false;

  constructor(
    ws: WebSocket,
    roomName: string,
    registry: RoomRegistry,
    log: Logger,
    wantsAcks: boolean
  ) {
    this.#ws = ws;
    this.#registry = registry;
    this.#log = log;
    this.wantsAcks = wantsAcks;

    ws.binaryType = 'nodebuffer';
    ws.on('message', (data, isBinary) => this.#receive(data as Buffer, isBinary));
    ws.on('close', () => this.#onClose());
    ws.on('error', (err) => this.#log.debug('socket error', { conn: this.id, error: err.message }));

    registry.open(roomName).then(
      (room) => {
        if (this.#closed) {
          if (room.peerCount === 0) registry.leave(room, this);
          return;
        }
        this.#room = room;
        registry.join(room, this);
        const early = this.#early ?? [];
        this.#early = null;
        for (const frame of early) this.#handle(frame);
      },
      (err: unknown) => {
        this.#log.error('room could not be loaded', {
          room: roomName,
          error: err instanceof Error ? err.message : String(err)
        });
        this.close(CloseCode.storageUnavailable);
      }
    );
  }

  get isOpen(): boolean {
    return !this.#closed && this.#ws.readyState === this.#ws.OPEN;
  }

  send(frame: Uint8Array): void {
    if (!this.isOpen) return;
    this.#ws.send(frame, (err) => {
      if (err) this.close(CloseCode.goingAway);
    });
  }

  close(reason: CloseReason): void {
    if (this.#closed) return;
    this.#ws.close(reason.code, reason.reason);
    this.#onClose();
  }

  #receive(data: Buffer, isBinary: boolean): void {
    if (this.#closed) return;
    if (!isBinary) return this.#reject('text frame');
    const frame = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    if (this.#early) this.#early.push(frame);
    else this.#handle(frame);
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
    try {
      switch (message.kind) {
        case 'syncStep1':
          room.answerSyncStep1(this, message.stateVector);
          break;
        case 'update':
          if (!isEmptyUpdate(message.update))
            this.#registry.submitUpdate(room, message.update, this, message.frame);
          else this.#registry.acknowledge(room, this);
          break;
        case 'awareness':
          room.applyAwareness(this, message.update, message.frame);
          break;
        case 'queryAwareness':
          room.sendAwarenessTo(this);
          break;
      }
    } catch (err) {
      // y-protocols throws on payloads that decode as frames but not as Yjs data.
      this.#reject(err instanceof Error ? err.message : 'invalid payload');
    }
  }

  #reject(detail: string): void {
    this.#log.warn('malformed message, closing connection', {
      conn: this.id,
      room: this.#room?.name,
      detail
    });
    this.close(CloseCode.malformedMessage);
  }

  #onClose(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#room) this.#registry.leave(this.#room, this);
  }
}
