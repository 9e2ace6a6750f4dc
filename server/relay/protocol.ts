import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { MessageType } from '../../src/lib/shared/protocol/messageTypes.ts';

export const SyncType = {
  step1: syncProtocol.messageYjsSyncStep1,
  step2: syncProtocol.messageYjsSyncStep2,
  update: syncProtocol.messageYjsUpdate
} as const;

/** A sync step 1 carrying `stateVector` (encoded as `Y.encodeStateVector` does). */
export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.sync);
  encoding.writeVarUint(e, SyncType.step1);
  encoding.writeVarUint8Array(e, stateVector);
  return encoding.toUint8Array(e);
}

/**
 * A sync step 2 from the slices of what a client lacks (`sliceUpdate`). A large state goes as
 * updates of a few thousand structs followed by a step 2 with the last of them: a browser applies
 * each message in its own task instead of freezing on one, and y-websocket reports "synced" only
 * after the last.
 */
export function encodeSyncStep2Messages(slices: Uint8Array[]): Uint8Array[] {
  return slices.map((slice, i) => {
    if (i < slices.length - 1) return encodeUpdate(slice);
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MessageType.sync);
    encoding.writeVarUint(e, SyncType.step2);
    encoding.writeVarUint8Array(e, slice);
    return encoding.toUint8Array(e);
  });
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.sync);
  syncProtocol.writeUpdate(e, update);
  return encoding.toUint8Array(e);
}

export function encodeAwareness(
  awareness: awarenessProtocol.Awareness,
  clients: number[]
): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.awareness);
  encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(e);
}

export function encodeAwarenessMessage(awarenessUpdate: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.awareness);
  encoding.writeVarUint8Array(e, awarenessUpdate);
  return encoding.toUint8Array(e);
}

export function encodeSaved(syncMessagesStored: number): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.saved);
  encoding.writeVarUint(e, syncMessagesStored);
  return encoding.toUint8Array(e);
}

export function encodeAuthDenied(reason: string): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.auth);
  encoding.writeVarUint(e, 0); // y-protocols/auth: permission denied
  encoding.writeVarString(e, reason);
  return encoding.toUint8Array(e);
}

/** A decoded client message; `frame` is the original bytes, forwarded as they are when possible. */
export type ClientMessage =
  | { kind: 'syncStep1'; stateVector: Uint8Array }
  | { kind: 'update'; update: Uint8Array; frame: Uint8Array | null }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'queryAwareness' };

export class MalformedMessage extends Error {}

/**
 * Decodes one frame strictly: unknown types, trailing bytes or truncated fields are errors, so a
 * broken client is closed instead of half-understood.
 */
export function decodeClientMessage(frame: Uint8Array): ClientMessage {
  try {
    const d = decoding.createDecoder(frame);
    const type = decoding.readVarUint(d);
    let message: ClientMessage;
    if (type === MessageType.sync) {
      const sub = decoding.readVarUint(d);
      const payload = decoding.readVarUint8Array(d);
      if (sub === SyncType.step1) message = { kind: 'syncStep1', stateVector: payload };
      else if (sub === SyncType.step2) message = { kind: 'update', update: payload, frame: null };
      else if (sub === SyncType.update) message = { kind: 'update', update: payload, frame };
      else throw new MalformedMessage(`unknown sync message type ${sub}`);
    } else if (type === MessageType.awareness) {
      message = { kind: 'awareness', update: decoding.readVarUint8Array(d) };
    } else if (type === MessageType.queryAwareness) {
      message = { kind: 'queryAwareness' };
    } else {
      throw new MalformedMessage(`unknown message type ${type}`);
    }
    if (decoding.hasContent(d)) throw new MalformedMessage('trailing bytes after the message');
    return message;
  } catch (err) {
    if (err instanceof MalformedMessage) throw err;
    throw new MalformedMessage(err instanceof Error ? err.message : 'undecodable message');
  }
}

/** An update that carries no structs and no deletions (a sync step 2 from a client with nothing new). */
export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length === 2 && update[0] === 0 && update[1] === 0;
}
