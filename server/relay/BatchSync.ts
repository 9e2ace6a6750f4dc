import { setImmediate as yieldTurn } from 'node:timers/promises';
import * as Y from 'yjs';
import { PendingUpdate } from './updateCheck.ts';
import { storedParts, type RoomStorage } from '../storage/RoomStorage.ts';
import { AnswerWorker } from './AnswerWorker.ts';
import { WorkspaceQuotaExceeded } from './DocumentQuota.ts';
import { StorageReadOnly } from './ReadOnlyGuard.ts';
import { ClientIdTaken } from './Room.ts';
import type { RoomRegistry } from './RoomRegistry.ts';
import {
  answerEntryBytes,
  BatchFormatError,
  MAX_BATCH_ANSWER_BYTES,
  type BatchRequestEntry,
  type BatchResponseEntry
} from '../../src/lib/shared/protocol/syncBatch.ts';

/** Rooms listed in one answer about changes; a client pages on with the last clock. */
export const MAX_CHANGES_PER_PAGE = 2000;

export type WorkspaceChanges = {
  /** Where the client continues from: the last listed room's clock, or `since` when none. */
  clock: number;
  rooms: { doc: string; clock: number; bytes: number }[];
  /** More rooms changed than fit in this answer: ask again from `clock`. */
  more: boolean;
};

/**
 * An update was refused (it would leave data pending, carries another person's client id, or
 * would pass the workspace's quota): the whole batch is refused, nothing stored. `code` names why.
 */
export class RefusedBatchError extends Error {
  override name = 'RefusedBatchError';
  readonly code:
    'pending_update' | 'client_id_taken' | 'workspace_quota_exceeded' | 'storage_read_only';
  constructor(code: RefusedBatchError['code'], message: string) {
    super(message);
    this.code = code;
  }
}

/** A viewer sent an update: refused whole, nothing stored. */
export class ReadOnlyBatchError extends Error {
  override name = 'ReadOnlyBatchError';
}

/**
 * Syncs many rooms of a workspace without a websocket per room. What changed is answered from
 * the per-room clocks; a batch exchange writes through the relay's own path (committed, then
 * fanned out to connected peers) and answers from storage, so a client is never handed an
 * update before it is durable — the same promise the relay keeps (SY2).
 */
export class BatchSync {
  readonly #registry: RoomRegistry;
  readonly #storage: RoomStorage;
  readonly #answerBytes: number;
  readonly #worker = new AnswerWorker();

  constructor(
    registry: RoomRegistry,
    storage: RoomStorage,
    options: { answerBytes?: number } = {}
  ) {
    this.#registry = registry;
    this.#storage = storage;
    this.#answerBytes = options.answerBytes ?? MAX_BATCH_ANSWER_BYTES;
  }

  /** Stops the worker that answers large rooms. */
  close(): Promise<void> {
    return this.#worker.close();
  }

  async changes(workspaceId: string, since: number, limit: number): Promise<WorkspaceChanges> {
    const page = Math.min(Math.max(1, limit), MAX_CHANGES_PER_PAGE);
    // One extra row tells whether there is more without a second query.
    const rows = await this.#storage.changedRooms(workspaceId, since, page + 1);
    const listed = rows.slice(0, page);
    return {
      clock: listed.at(-1)?.clock ?? since,
      rooms: listed.map((r) => ({
        doc: r.room.slice(workspaceId.length + 1),
        clock: r.clock,
        bytes: r.bytes
      })),
      more: rows.length > page
    };
  }

  /**
   * Every entry is checked before anything is written, so a batch with one bad entry changes
   * nothing. Every update is committed; the answer holds the rooms, in request order, that fit
   * its byte budget (at least the first). `subject` is the person writing (client ids are bound
   * to them). Throws BatchFormatError, ReadOnlyBatchError or RefusedBatchError.
   */
  async exchange(
    workspaceId: string,
    entries: BatchRequestEntry[],
    canWrite: boolean,
    subject: string
  ): Promise<BatchResponseEntry[]> {
    for (const entry of entries) {
      try {
        Y.decodeStateVector(entry.stateVector);
      } catch {
        throw new BatchFormatError(`The state vector of ${entry.docId} is not valid.`);
      }
      if (!entry.update) continue;
      if (!canWrite) throw new ReadOnlyBatchError('Viewers cannot change documents.');
      try {
        Y.decodeUpdate(entry.update);
      } catch {
        throw new BatchFormatError(`The update of ${entry.docId} is not valid Yjs data.`);
      }
    }
    const room = (docId: string) => `${workspaceId}/${docId}`;
    const writes = entries.filter((e) => e.update);
    await refused(async () => {
      // Against each room's current state: a batch with one refused update writes nothing.
      for (const e of writes) await this.#registry.checkDetached(room(e.docId), e.update!, subject);
      await Promise.all(
        writes.map((e) => this.#registry.submitDetached(room(e.docId), e.update!, subject))
      );
    });
    const answers: BatchResponseEntry[] = [];
    let answerBytes = 0;
    for (const entry of entries) {
      // A turn of the event loop between rooms: other people's writes and acks go in between.
      await yieldTurn();
      const stored = await this.#storage.load(room(entry.docId));
      const parts = storedParts(stored);
      const computed = await this.#worker.answer(parts, entry.stateVector);
      const answer = { docId: entry.docId, clock: stored.clock, ...computed };
      answerBytes += answerEntryBytes(answer);
      if (answers.length > 0 && answerBytes > this.#answerBytes) break;
      answers.push(answer);
    }
    return answers;
  }
}

/** The relay's refusals of an update, as the batch sync reports them. */
async function refused<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof PendingUpdate) throw new RefusedBatchError('pending_update', message);
    if (err instanceof ClientIdTaken) throw new RefusedBatchError('client_id_taken', message);
    if (err instanceof WorkspaceQuotaExceeded)
      throw new RefusedBatchError('workspace_quota_exceeded', message);
    if (err instanceof StorageReadOnly) throw new RefusedBatchError('storage_read_only', message);
    throw err;
  }
}
