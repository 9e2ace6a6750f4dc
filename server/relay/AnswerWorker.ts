import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import * as Y from 'yjs';

/** A room whose stored parts are at least this large is answered off the event loop. */
export const OFF_THREAD_BYTES = 256 * 1024;

export type RoomAnswer = { update: Uint8Array; stateVector: Uint8Array };

/**
 * The worker's whole program, plain CommonJS so it runs the same under `node --import tsx`, the
 * built server and the test runner; Yjs is loaded from the path this module resolves.
 */
const PROGRAM = (yjsPath: string) => `
const { parentPort } = require('node:worker_threads');
const Y = require(${JSON.stringify(yjsPath)});
parentPort.on('message', ({ id, parts, stateVector }) => {
  try {
    const state = parts.length === 0 ? new Uint8Array([0, 0]) : Y.mergeUpdates(parts);
    const update = Y.diffUpdate(state, stateVector);
    const vector = Y.encodeStateVectorFromUpdate(state);
    parentPort.postMessage({ id, update, stateVector: vector });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});`;

/** What a batch answer for one room is: the update a client with `stateVector` lacks, and ours. */
export function answerInline(parts: Uint8Array[], stateVector: Uint8Array): RoomAnswer {
  const state = parts.length === 0 ? new Uint8Array([0, 0]) : Y.mergeUpdates(parts);
  return {
    update: Y.diffUpdate(state, stateVector),
    stateVector: Y.encodeStateVectorFromUpdate(state)
  };
}

/**
 * Merging and diffing a large document takes hundreds of milliseconds; on the event loop that
 * would hold back everyone's acknowledgements. One worker thread, started on first use, does it
 * for large rooms; small ones are cheaper inline than the copy to a thread.
 */
export class AnswerWorker {
  #worker: Worker | null = null;
  #nextId = 1;
  readonly #waiting = new Map<
    number,
    { resolve: (a: RoomAnswer) => void; reject: (e: Error) => void }
  >();

  answer(parts: Uint8Array[], stateVector: Uint8Array): Promise<RoomAnswer> {
    let bytes = 0;
    for (const part of parts) bytes += part.byteLength;
    if (bytes < OFF_THREAD_BYTES) return Promise.resolve(answerInline(parts, stateVector));
    const worker = this.#start();
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      worker.postMessage({ id, parts, stateVector });
    });
  }

  #start(): Worker {
    if (this.#worker) return this.#worker;
    const yjsPath = createRequire(import.meta.url).resolve('yjs');
    const worker = new Worker(PROGRAM(yjsPath), { eval: true });
    worker.unref();
    worker.on(
      'message',
      (m: { id: number; update?: Uint8Array; stateVector?: Uint8Array; error?: string }) => {
        const waiting = this.#waiting.get(m.id);
        this.#waiting.delete(m.id);
        if (!waiting) return;
        if (m.error !== undefined) waiting.reject(new Error(m.error));
        else waiting.resolve({ update: m.update!, stateVector: m.stateVector! });
      }
    );
    const fail = (error: Error) => {
      for (const waiting of this.#waiting.values()) waiting.reject(error);
      this.#waiting.clear();
      this.#worker = null;
    };
    worker.on('error', fail);
    worker.on('exit', () => fail(new Error('the answer worker stopped')));
    this.#worker = worker;
    return worker;
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = null;
    if (worker) await worker.terminate();
  }
}
