/**
 * A lean y-websocket client: a raw `ws` socket plus a tiny Y.Doc, enough to speak the protocol
 * exactly as a provider does on the wire, without a provider's timers, awareness and per-message
 * Y.Doc work. A thousand of these must fit in a fraction of one core, or the generator, not the
 * server, would be what the benchmark measures.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { MessageType } from '../../src/lib/shared/protocol/messageTypes.ts';
import type { EditLog } from './editLog.ts';

const SYNC_STEP1 = syncProtocol.messageYjsSyncStep1;
const SYNC_STEP2 = syncProtocol.messageYjsSyncStep2;
const SYNC_UPDATE = syncProtocol.messageYjsUpdate;

/**
 * Each edit inserts `edit#<id>;`. Yjs stores inserted text as plain UTF-8 in the update, so a
 * receiver finds the id with a byte search instead of decoding the update: five fixed bytes do
 * not occur by accident in the binary parts of such small updates.
 */
const MARKER = Buffer.from('edit#');
const END = ';'.charCodeAt(0);
const DIGIT_0 = '0'.charCodeAt(0);

export class LoadClient {
  readonly index: number;
  /** Server acknowledgements received (Uzel with `?acks=1` only). */
  acks = 0;
  /** Edits skipped because the socket was not open. */
  skipped = 0;
  closedEarly = false;
  readonly #url: string;
  readonly #log: EditLog;
  readonly #doc = new Y.Doc();
  readonly #text = this.#doc.getText('t');
  #lastUpdate: Uint8Array | null = null;
  #ws: WebSocket | null = null;
  #closing = false;

  constructor(index: number, url: string, log: EditLog) {
    this.index = index;
    this.#url = url;
    this.#log = log;
    this.#doc.on('update', (update: Uint8Array) => {
      this.#lastUpdate = update;
    });
  }

  /** Opens the socket and resolves once the server has answered our sync step 1. */
  connect(timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(this.#url, { perMessageDeflate: false });
      this.#ws = ws;
      const timer = setTimeout(() => {
        ws.terminate();
        reject(new Error(`client ${this.index}: not synced within ${timeoutMs} ms`));
      }, timeoutMs);
      const synced = () => {
        clearTimeout(timer);
        resolve();
      };
      ws.on('open', () => ws.send(frame(SYNC_STEP1, Y.encodeStateVector(this.#doc))));
      ws.on('message', (data) => this.#receive(data as Buffer, synced));
      ws.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      ws.on('close', (code, reason) => {
        if (!this.#closing) this.closedEarly = true;
        clearTimeout(timer);
        reject(
          new Error(`client ${this.index}: closed before sync (${code} ${reason.toString()})`)
        );
      });
    });
  }

  /** One real Yjs edit: a small insert at the end of this client's own text, sent as an update. */
  edit(): void {
    const ws = this.#ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) {
      this.skipped++;
      return;
    }
    const id = this.#log.next(this.index, performance.now());
    this.#text.insert(this.#text.length, `edit#${id};`);
    if (this.#lastUpdate) ws.send(frame(SYNC_UPDATE, this.#lastUpdate));
    this.#lastUpdate = null;
  }

  close(): void {
    this.#closing = true;
    this.#ws?.close();
  }

  #receive(data: Buffer, synced: () => void): void {
    if (data[0] === MessageType.saved) {
      this.acks++;
      return;
    }
    if (data[0] !== MessageType.sync) return; // awareness and anything else: not measured
    const sub = data[1];
    if (sub === SYNC_UPDATE) this.#recordReceipts(data);
    else if (sub === SYNC_STEP1) this.#answerStep1(data);
    else if (sub === SYNC_STEP2) synced();
  }

  /** Answers the server's state vector with what this client has that the server lacks. */
  #answerStep1(data: Buffer): void {
    const d = decoding.createDecoder(data);
    decoding.readVarUint(d);
    decoding.readVarUint(d);
    const stateVector = decoding.readVarUint8Array(d);
    this.#ws?.send(frame(SYNC_STEP2, Y.encodeStateAsUpdate(this.#doc, stateVector)));
  }

  #recordReceipts(data: Buffer): void {
    const now = performance.now();
    let at = data.indexOf(MARKER, 2);
    while (at !== -1) {
      let id = 0;
      let i = at + MARKER.length;
      for (; i < data.length && data[i] !== END; i++) id = id * 10 + (data[i]! - DIGIT_0);
      this.#log.receipt(id, this.index, now);
      at = data.indexOf(MARKER, i);
    }
  }
}

function frame(syncType: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.sync);
  encoding.writeVarUint(e, syncType);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}
