import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { ClusterEvent, RoomUpdate } from './Fanout.ts';

/**
 * Frames on a room's channel: which instance sent it (so it ignores its own), then an update
 * with its clocks or a presence update. Binary, so an update travels without base64.
 */
const KIND_UPDATE = 0;
const KIND_PRESENCE = 1;

export type RoomFrame =
  | { kind: 'update'; from: string; message: RoomUpdate }
  | { kind: 'presence'; from: string; room: string; update: Uint8Array };

export function encodeUpdateFrame(from: string, message: RoomUpdate): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, KIND_UPDATE);
  encoding.writeVarString(e, from);
  encoding.writeVarString(e, message.room);
  encoding.writeVarUint(e, message.seq);
  encoding.writeVarUint(e, message.prevSeq);
  encoding.writeVarUint8Array(e, message.update);
  encoding.writeVarString(e, message.claims?.subject ?? '');
  const clients = message.claims?.clients ?? [];
  encoding.writeVarUint(e, clients.length);
  for (const client of clients) encoding.writeVarUint(e, client);
  return encoding.toUint8Array(e);
}

export function encodePresenceFrame(from: string, room: string, update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, KIND_PRESENCE);
  encoding.writeVarString(e, from);
  encoding.writeVarString(e, room);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

/** Throws on a frame this version cannot read (another version's, or not ours at all). */
export function decodeRoomFrame(frame: Uint8Array): RoomFrame {
  const d = decoding.createDecoder(frame);
  const kind = decoding.readVarUint(d);
  const from = decoding.readVarString(d);
  const room = decoding.readVarString(d);
  if (kind === KIND_UPDATE) {
    const seq = decoding.readVarUint(d);
    const prevSeq = decoding.readVarUint(d);
    const update = decoding.readVarUint8Array(d);
    const subject = decoding.readVarString(d);
    const clients = Array.from({ length: decoding.readVarUint(d) }, () => decoding.readVarUint(d));
    const message: RoomUpdate = { room, seq, prevSeq, update };
    if (subject && clients.length > 0) message.claims = { subject, clients };
    return { kind: 'update', from, message };
  }
  if (kind === KIND_PRESENCE) {
    return { kind: 'presence', from, room, update: decoding.readVarUint8Array(d) };
  }
  throw new Error(`unknown fan-out frame kind ${kind}`);
}

/** Events are few and small: JSON, checked field by field on the way in. */
export function encodeEvent(from: string, event: ClusterEvent): string {
  return JSON.stringify({ from, event });
}

export function decodeEvent(text: string): { from: string; event: ClusterEvent } {
  const parsed = JSON.parse(text) as { from?: unknown; event?: Record<string, unknown> };
  const from = parsed.from;
  const event = parsed.event;
  if (typeof from !== 'string' || !event) throw new Error('not a fan-out event');
  if (event.kind === 'sessionEnded' && typeof event.sessionKey === 'string')
    return { from, event: { kind: 'sessionEnded', sessionKey: event.sessionKey } };
  const change = event.change as Record<string, unknown> | undefined;
  if (
    event.kind === 'membership' &&
    change &&
    typeof change.workspaceId === 'string' &&
    typeof change.userId === 'string' &&
    (change.role === null || ['owner', 'editor', 'viewer'].includes(change.role as string))
  ) {
    return {
      from,
      event: {
        kind: 'membership',
        change: {
          workspaceId: change.workspaceId,
          userId: change.userId,
          role: change.role as 'owner' | 'editor' | 'viewer' | null
        }
      }
    };
  }
  throw new Error('unknown fan-out event');
}
