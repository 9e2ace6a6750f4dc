import { Worker } from 'node:worker_threads';
import type { SqliteSync } from '../db/sqliteFile.ts';
import type { AppendEntry, ClientClaim } from './RoomStorage.ts';
import type { WriterData, WriterReply } from './sqliteWriterThread.ts';

/** A write the writer thread could not make, with SQLite's code (SQLITE_READONLY, …) kept. */
export class SqliteWriteError extends Error {
  override name = 'SqliteError';
  readonly code: string | undefined;

  constructor(message: string, code: string | undefined) {
    super(message);
    this.code = code;
  }
}

/**
 * Where the writer thread's program is: in the bundle, its own entry next to index.mjs
 * (scripts/build-server.js), this code sitting in an entry or, shared by several, in `chunks/`;
 * run from source, the TypeScript module through a small loader beside it.
 */
export function writerThreadProgram(moduleUrl: string): URL {
  const { pathname } = new URL(moduleUrl);
  if (pathname.endsWith('.ts')) return new URL('./sqliteWriterThread.source.cjs', moduleUrl);
  const inChunk = /\/chunks\/[^/]*$/.test(pathname);
  return new URL(inChunk ? '../sqliteWriterThread.mjs' : './sqliteWriterThread.mjs', moduleUrl);
}

type Waiting = { resolve: (reply: WriterReply) => void; reject: (error: Error) => void };

/**
 * The documents file's writes (appends and compactions) on a thread of their own. With
 * `synchronous=FULL` a commit waits for the disk for milliseconds; on the event loop that wait
 * held back every socket. Here the event loop goes on receiving while a commit waits, and what
 * arrives meanwhile is the next batch (WriteBatcher waits for one commit before it starts the
 * next), so batches grow with the load instead of paying one fsync each for a few updates.
 *
 * The reply to an append is posted only after SQLite's COMMIT has returned, so "committed" still
 * means durable as `SQLITE_SYNC` says. Requests run in the order they were posted.
 */
export class SqliteWriter {
  readonly #file: string;
  readonly #synchronous: SqliteSync;
  #worker: Worker | null = null;
  #nextId = 1;
  readonly #waiting = new Map<number, Waiting>();
  #closed = false;

  constructor(file: string, synchronous: SqliteSync) {
    this.#file = file;
    this.#synchronous = synchronous;
  }

  async append(entries: AppendEntry[]): Promise<number[]> {
    // One buffer for the whole batch, moved to the thread rather than copied: a Uint8Array
    // posted as it is would carry its whole underlying buffer (a socket read's, say) along.
    let total = 0;
    for (const entry of entries) total += entry.update.byteLength;
    const packed = new Uint8Array(total);
    const rooms: string[] = [];
    const lengths: number[] = [];
    const claims: (ClientClaim | null)[] = [];
    let offset = 0;
    for (const entry of entries) {
      packed.set(entry.update, offset);
      offset += entry.update.byteLength;
      rooms.push(entry.room);
      lengths.push(entry.update.byteLength);
      claims.push(entry.claims && entry.claims.clients.length > 0 ? entry.claims : null);
    }
    const reply = await this.#post({ op: 'append', batch: { rooms, lengths, packed, claims } }, [
      packed.buffer
    ]);
    return reply.seqs!;
  }

  async compact(room: string): Promise<void> {
    await this.#post({ op: 'compact', room });
  }

  /** Waits for every request posted so far, then closes the writer's connection. */
  async close(): Promise<void> {
    this.#closed = true;
    const worker = this.#worker;
    if (!worker) return;
    await this.#post({ op: 'close' }).catch(() => undefined);
    this.#worker = null;
    await worker.terminate();
  }

  #post(
    message: { op: 'append' | 'compact' | 'close'; [field: string]: unknown },
    transfer: ArrayBuffer[] = []
  ): Promise<WriterReply> {
    // After close, as with a closed better-sqlite3 connection, a write is an error, not a new thread.
    if (this.#closed && message.op !== 'close') {
      return Promise.reject(new Error('The database connection is not open'));
    }
    const worker = this.#start();
    const id = this.#nextId++;
    return new Promise<WriterReply>((resolve, reject) => {
      // Kept alive only while a request is open: an idle writer must not hold the process.
      if (this.#waiting.size === 0) worker.ref();
      this.#waiting.set(id, { resolve, reject });
      worker.postMessage({ ...message, id }, transfer);
    });
  }

  #settle(id: number): Waiting | undefined {
    const waiting = this.#waiting.get(id);
    this.#waiting.delete(id);
    if (this.#waiting.size === 0) this.#worker?.unref();
    return waiting;
  }

  #start(): Worker {
    if (this.#worker) return this.#worker;
    const workerData: WriterData = { file: this.#file, synchronous: this.#synchronous };
    // Not the parent's flags: its `--import tsx` would start a loader thread for this one too.
    const worker = new Worker(writerThreadProgram(import.meta.url), { execArgv: [], workerData });
    worker.unref();
    worker.on('message', (reply: WriterReply) => {
      const waiting = this.#settle(reply.id);
      if (!waiting) return;
      if (reply.error) waiting.reject(new SqliteWriteError(reply.error.message, reply.error.code));
      else waiting.resolve(reply);
    });
    // A thread that died took its open transaction with it (SQLite rolls it back): every open
    // request failed, and the next one starts a new thread.
    const fail = (error: Error) => {
      if (this.#worker !== worker) return;
      this.#worker = null;
      const open = [...this.#waiting.values()];
      this.#waiting.clear();
      for (const waiting of open) waiting.reject(error);
    };
    worker.on('error', (error) => fail(error));
    worker.on('exit', (code) => fail(new Error(`the SQLite writer stopped (exit code ${code})`)));
    this.#worker = worker;
    return worker;
  }
}
