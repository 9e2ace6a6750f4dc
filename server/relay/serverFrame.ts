/**
 * Binary websocket messages as a server puts them on the wire (one final frame, unmasked),
 * built here once and written to each peer's socket. Through `ws.send` every peer's copy is
 * framed again (a header buffer, options, a cork and two writes); a forward goes to every other
 * client of the room, and sending was the largest part of the relay's CPU. Only for messages
 * without extensions (the relay does not negotiate compression), where the two are the same bytes.
 */

/** Larger payloads go through `ws`, which writes header and payload without copying them. */
export const MAX_SHARED_FRAME_BYTES = 64 * 1024;

const FIN_BINARY = 0x82;

// The payload framed last: a broadcast sends one payload to its peers one after another.
let lastPayload: Uint8Array | null = null;
let lastFrame: Buffer | null = null;

/** The wire bytes of a binary message (payloads are never changed once sent, so one is reused). */
export function serverFrame(payload: Uint8Array): Buffer {
  if (payload === lastPayload && lastFrame) return lastFrame;
  const length = payload.byteLength;
  const header = length < 126 ? 2 : length < 65536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(header + length);
  frame[0] = FIN_BINARY;
  if (header === 2) frame[1] = length;
  else if (header === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  frame.set(payload, header);
  lastPayload = payload;
  lastFrame = frame;
  return frame;
}
