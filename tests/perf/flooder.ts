/**
 * A hostile editor for the relay benchmark: in one document, either 4 MB updates twice a second
 * (`bytes`), as many small updates as the socket takes (`messages`), or either of those with a
 * new connection after every close (`reconnect`). Its own edits are not measured; the other
 * clients' latencies are, to show what one flooder costs everyone else.
 */
import { WebSocket } from 'ws';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

export const FLOOD_MODES = ['none', 'bytes', 'messages', 'reconnect'] as const;
export type FloodMode = (typeof FLOOD_MODES)[number];

function updateFrame(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 2);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

/** A self-contained update of about `bytes` (a new client each time, so it never waits). */
function bigUpdate(bytes: number): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('flood').insert(0, 'ж'.repeat(Math.floor(bytes / 2)));
  return updateFrame(Y.encodeStateAsUpdate(doc));
}

export class Flooder {
  readonly #url: string;
  readonly #mode: FloodMode;
  #ws: WebSocket | null = null;
  #timer: NodeJS.Timeout | null = null;
  #stopped = false;
  connections = 0;
  closes = 0;
  sentBytes = 0;

  constructor(url: string, mode: FloodMode) {
    this.#url = url;
    this.#mode = mode;
  }

  start(): void {
    if (this.#mode === 'none') return;
    this.#connect();
  }

  #connect(): void {
    if (this.#stopped) return;
    const ws = new WebSocket(this.#url);
    this.#ws = ws;
    this.connections++;
    ws.on('error', () => undefined);
    ws.on('open', () => {
      const big = this.#mode !== 'messages';
      const frame = big ? bigUpdate(4 * 1024 * 1024) : null;
      this.#timer = setInterval(
        () => {
          if (ws.readyState !== ws.OPEN) return;
          if (frame) {
            ws.send(frame);
            this.sentBytes += frame.byteLength;
          } else {
            for (let i = 0; i < 50; i++) {
              const small = bigUpdate(64);
              ws.send(small);
              this.sentBytes += small.byteLength;
            }
          }
        },
        big ? 500 : 10
      );
    });
    ws.on('close', () => {
      this.closes++;
      if (this.#timer) clearInterval(this.#timer);
      if (this.#mode === 'reconnect') setTimeout(() => this.#connect(), 50);
    });
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#ws?.terminate();
  }
}
