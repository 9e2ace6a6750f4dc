import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * The wire format of the batch sync (`POST /api/workspaces/:id/sync`): many rooms of one
 * workspace in one request, binary because it carries Yjs updates (base64 in JSON would add a
 * third). Shared by the server and the app, so both read and write exactly the same bytes.
 *
 * request:  varUint version, varUint count, count × (varString docId, varUint8Array stateVector,
 *           varUint8Array update — empty when the client has nothing to send)
 * response: varUint version, varUint count, count × (varString docId, varUint clock,
 *           varUint8Array update the client lacks, varUint8Array the server's state vector);
 *           a room asked for may be absent (the answer's size is bounded): ask for it again
 */
export const SYNC_BATCH_VERSION = 1;
export const SYNC_BATCH_CONTENT_TYPE = 'application/x-uzel-sync';

/** Rooms in one request: enough to amortise a round trip, few enough to answer quickly. */
export const MAX_BATCH_ROOMS = 64;
/** Largest request body; the same bound as one websocket message. */
export const MAX_BATCH_BYTES = 8 * 1024 * 1024;

/**
 * What one answer aims to stay under: rooms are answered in request order until the next would
 * pass it (the first always is, so every request makes progress); the rest are left out and the
 * client asks for them again.
 */
export const MAX_BATCH_ANSWER_BYTES = 8 * 1024 * 1024;

const DOC_ID = /^[A-Za-z0-9_-]{1,64}$/;

export type BatchRequestEntry = {
  docId: string;
  stateVector: Uint8Array;
  update: Uint8Array | null;
};
export type BatchResponseEntry = {
  docId: string;
  clock: number;
  update: Uint8Array;
  stateVector: Uint8Array;
};

/** Why a batch was refused: `message` says what was wrong, in English, for the log and the API. */
export class BatchFormatError extends Error {
  override name = 'BatchFormatError';
}

export function encodeBatchRequest(entries: BatchRequestEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, SYNC_BATCH_VERSION);
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarString(encoder, entry.docId);
    encoding.writeVarUint8Array(encoder, entry.stateVector);
    encoding.writeVarUint8Array(encoder, entry.update ?? new Uint8Array());
  }
  return encoding.toUint8Array(encoder);
}

/** Reads a request, refusing anything but a well-formed batch of distinct, valid doc ids. */
export function decodeBatchRequest(bytes: Uint8Array): BatchRequestEntry[] {
  return strictly(bytes, (decoder) => {
    const count = decoding.readVarUint(decoder);
    if (count === 0) throw new BatchFormatError('The batch names no document.');
    if (count > MAX_BATCH_ROOMS) {
      throw new BatchFormatError(`A batch holds at most ${MAX_BATCH_ROOMS} documents.`);
    }
    const entries: BatchRequestEntry[] = [];
    const seen = new Set<string>();
    for (let i = 0; i < count; i++) {
      const docId = decoding.readVarString(decoder);
      if (!DOC_ID.test(docId)) throw new BatchFormatError(`Entry ${i} has an invalid document id.`);
      if (seen.has(docId)) throw new BatchFormatError(`Document ${docId} appears twice.`);
      seen.add(docId);
      const stateVector = decoding.readVarUint8Array(decoder);
      const update = decoding.readVarUint8Array(decoder);
      entries.push({ docId, stateVector, update: update.length > 0 ? update : null });
    }
    return entries;
  });
}

/** What an entry adds to an encoded answer, at most (each length prefix is a varUint ≤ 8 bytes). */
export function answerEntryBytes(entry: BatchResponseEntry): number {
  return (
    new TextEncoder().encode(entry.docId).byteLength +
    entry.update.byteLength +
    entry.stateVector.byteLength +
    32
  );
}

export function encodeBatchResponse(entries: BatchResponseEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, SYNC_BATCH_VERSION);
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarString(encoder, entry.docId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarUint8Array(encoder, entry.update);
    encoding.writeVarUint8Array(encoder, entry.stateVector);
  }
  return encoding.toUint8Array(encoder);
}

export function decodeBatchResponse(bytes: Uint8Array): BatchResponseEntry[] {
  return strictly(bytes, (decoder) => {
    const count = decoding.readVarUint(decoder);
    if (count > MAX_BATCH_ROOMS) throw new BatchFormatError('The answer holds too many documents.');
    const entries: BatchResponseEntry[] = [];
    for (let i = 0; i < count; i++) {
      entries.push({
        docId: decoding.readVarString(decoder),
        clock: decoding.readVarUint(decoder),
        update: decoding.readVarUint8Array(decoder),
        stateVector: decoding.readVarUint8Array(decoder)
      });
    }
    return entries;
  });
}

/** Version first, nothing left over, and lib0's out-of-range reads turned into a named error. */
function strictly<T>(bytes: Uint8Array, read: (decoder: decoding.Decoder) => T): T {
  const decoder = decoding.createDecoder(bytes);
  try {
    const version = decoding.readVarUint(decoder);
    if (version !== SYNC_BATCH_VERSION) {
      throw new BatchFormatError(`Unknown batch version ${version}.`);
    }
    const result = read(decoder);
    if (decoding.hasContent(decoder)) throw new BatchFormatError('The batch has trailing bytes.');
    return result;
  } catch (error) {
    if (error instanceof BatchFormatError) throw error;
    throw new BatchFormatError('The batch is cut short or not in the sync format.');
  }
}
