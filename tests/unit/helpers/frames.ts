import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';

// Built from lib0 and y-protocols directly rather than from server/relay/protocol.ts, so a test
// speaks the wire format as any y-websocket client would and cannot inherit a bug of the relay.

export const MSG_SYNC = 0;
export const MSG_AWARENESS = 1;
export const MSG_SAVED = 100;
const SYNC_STEP1 = 0;
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

export function syncStep1Frame(stateVector: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MSG_SYNC);
    encoding.writeVarUint(e, SYNC_STEP1);
    encoding.writeVarUint8Array(e, stateVector);
  });
}

export function syncStep2Frame(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MSG_SYNC);
    encoding.writeVarUint(e, SYNC_STEP2);
    encoding.writeVarUint8Array(e, update);
  });
}

export function updateFrame(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MSG_SYNC);
    encoding.writeVarUint(e, SYNC_UPDATE);
    encoding.writeVarUint8Array(e, update);
  });
}

export function awarenessFrame(
  awareness: awarenessProtocol.Awareness,
  clients: number[]
): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MSG_AWARENESS);
    encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  });
}

export function messageType(bytes: Uint8Array): number {
  return decoding.readVarUint(decoding.createDecoder(bytes));
}

/** The count carried by a "saved" message, or null for any other message. */
export function savedCount(bytes: Uint8Array): number | null {
  const d = decoding.createDecoder(bytes);
  if (decoding.readVarUint(d) !== MSG_SAVED) return null;
  return decoding.readVarUint(d);
}

/** The Yjs update carried by a sync step 2 or update message, or null for any other message. */
export function syncPayload(bytes: Uint8Array): Uint8Array | null {
  const d = decoding.createDecoder(bytes);
  if (decoding.readVarUint(d) !== MSG_SYNC) return null;
  const sub = decoding.readVarUint(d);
  if (sub !== SYNC_STEP2 && sub !== SYNC_UPDATE) return null;
  return decoding.readVarUint8Array(d);
}
