/**
 * A headless y-websocket client that knows which of its edits the relay acknowledged: it speaks
 * the protocol on a raw socket (step 1, step 2, updates; `?acks=1`) and counts the sync messages
 * it sent on the current connection, since "saved" ([100, K]) says the first K of them are stored.
 * An edit is acknowledged when the first message sent after it on some connection is within K.
 * It reconnects after every close, as y-websocket does, and can throw its whole document away
 * after an acknowledgement (`forgetful`), so that only the server holds what it wrote.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { MessageType } from '../../src/lib/shared/protocol/messageTypes.ts';

const REMOTE = Symbol('remote');

type PendingEdit = { id: string; connection: number; message: number };

export type ChaosClientOptions = {
  name: string;
  url: string;
  ca: string;
  forgetful: boolean;
  /** Called with an edit's id when the relay has acknowledged it. */
  acknowledged(id: string): void;
};

export class ChaosClient {
  readonly name: string;
  /** Close codes seen, for the scorecard: a 44xx would mean the relay refused us. */
  readonly closeCodes = new Map<number, number>();
  doc = new Y.Doc();
  #options: ChaosClientOptions;
  #ws: WebSocket | null = null;
  #connection = 0;
  #sent = 0;
  #synced = false;
  #edits = 0;
  /** Edits not yet acknowledged, with the connection and message number that carries them. */
  #pending: PendingEdit[] = [];
  #stopped = false;
  #reconnectTimer: NodeJS.Timeout | null = null;

  constructor(options: ChaosClientOptions) {
    this.name = options.name;
    this.#options = options;
    this.#watch();
    this.#connect();
  }

  get synced(): boolean {
    return this.#synced;
  }

  get pendingCount(): number {
    return this.#pending.length;
  }

  /** One edit: `<name>.<n>;` at the end of the shared text. */
  edit(): string {
    const id = `${this.name}.${this.#edits++}`;
    const text = this.doc.getText('t');
    this.#pending.push({ id, connection: -1, message: 0 });
    text.insert(text.length, `${id};`);
    return id;
  }

  text(): string {
    return this.doc.getText('t').toString();
  }

  stop(): void {
    this.#stopped = true;
    if (this.#reconnectTimer) clearTimeout(this.#reconnectTimer);
    this.#ws?.terminate();
  }

  #watch(): void {
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE) return;
      if (this.#ws?.readyState === WebSocket.OPEN)
        this.#send(syncProtocol.messageYjsUpdate, update);
    });
  }

  #connect(): void {
    const ws = new WebSocket(this.#options.url, { ca: this.#options.ca, perMessageDeflate: false });
    this.#ws = ws;
    this.#connection++;
    this.#sent = 0;
    this.#synced = false;
    for (const edit of this.#pending) edit.connection = -1;
    ws.binaryType = 'nodebuffer';
    ws.on('open', () =>
      this.#send(syncProtocol.messageYjsSyncStep1, Y.encodeStateVector(this.doc))
    );
    ws.on('message', (data: Buffer) => this.#receive(data));
    ws.on('error', () => {});
    ws.on('close', (code) => {
      this.closeCodes.set(code, (this.closeCodes.get(code) ?? 0) + 1);
      if (this.#ws !== ws || this.#stopped) return;
      this.#ws = null;
      // y-websocket's backoff starts at 100 ms; a fixed short delay keeps the run bounded.
      this.#reconnectTimer = setTimeout(() => this.#connect(), 100 + Math.random() * 200);
    });
  }

  #send(type: number, payload: Uint8Array): void {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MessageType.sync);
    encoding.writeVarUint(e, type);
    encoding.writeVarUint8Array(e, payload);
    this.#ws!.send(encoding.toUint8Array(e));
    this.#sent++;
    // Every edit made so far that no message on this connection carries yet rides on this one:
    // an update carries the edit just made, a step 2 everything the server lacks.
    if (type === syncProtocol.messageYjsSyncStep1) return;
    for (const edit of this.#pending) {
      if (edit.connection !== this.#connection) {
        edit.connection = this.#connection;
        edit.message = this.#sent;
      }
    }
  }

  #receive(data: Buffer): void {
    if (data[0] === MessageType.saved) {
      const d = decoding.createDecoder(data);
      decoding.readVarUint(d);
      this.#onSaved(decoding.readVarUint(d));
      return;
    }
    if (data[0] !== MessageType.sync) return;
    const d = decoding.createDecoder(data);
    decoding.readVarUint(d);
    const type = decoding.readVarUint(d);
    const payload = decoding.readVarUint8Array(d);
    if (type === syncProtocol.messageYjsSyncStep1) {
      this.#send(syncProtocol.messageYjsSyncStep2, Y.encodeStateAsUpdate(this.doc, payload));
    } else {
      Y.applyUpdate(this.doc, payload, REMOTE);
      if (type === syncProtocol.messageYjsSyncStep2) this.#synced = true;
    }
  }

  #onSaved(count: number): void {
    const still: PendingEdit[] = [];
    for (const edit of this.#pending) {
      if (edit.connection === this.#connection && edit.message <= count) {
        this.#options.acknowledged(edit.id);
      } else still.push(edit);
    }
    const acknowledgedNow = this.#pending.length - still.length;
    this.#pending = still;
    // Only after an acknowledgement of its own edits: the one for the empty step 2 of a fresh
    // copy would otherwise have it throw away and reconnect for ever.
    if (this.#options.forgetful && acknowledgedNow > 0 && still.length === 0 && this.#synced)
      this.#forget();
  }

  /** Drops the local document: from now on only the server has this client's edits. */
  #forget(): void {
    const old = this.#ws;
    this.doc.destroy();
    this.doc = new Y.Doc();
    this.#watch();
    this.#ws = null;
    old?.terminate();
    this.#connect();
  }
}
