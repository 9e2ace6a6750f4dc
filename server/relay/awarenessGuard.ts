import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MalformedMessage } from './protocol.ts';

/** One client's presence in a y-protocols awareness update; `state` null means "gone". */
export type AwarenessEntry = { clientId: number; clock: number; state: unknown };

/** Decodes an awareness update strictly (y-protocols' own reader trusts its input). */
export function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  try {
    const d = decoding.createDecoder(update);
    const count = decoding.readVarUint(d);
    const entries: AwarenessEntry[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(d);
      const clock = decoding.readVarUint(d);
      const state: unknown = JSON.parse(decoding.readVarString(d));
      entries.push({ clientId, clock, state });
    }
    if (decoding.hasContent(d))
      throw new MalformedMessage('trailing bytes after the awareness update');
    return entries;
  } catch (err) {
    if (err instanceof MalformedMessage) throw err;
    throw new MalformedMessage('undecodable awareness update');
  }
}

export function encodeAwarenessEntries(entries: AwarenessEntry[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(e, entry.clientId);
    encoding.writeVarUint(e, entry.clock);
    encoding.writeVarString(e, JSON.stringify(entry.state));
  }
  return encoding.toUint8Array(e);
}

/**
 * Presence shows the authenticated name, whatever the client claims: the caret label of a
 * signed-in person cannot be made to read as someone else's.
 */
export function bindIdentity(state: unknown, displayName: string): unknown {
  if (state === null || typeof state !== 'object' || Array.isArray(state)) return state;
  const record = state as Record<string, unknown>;
  const user = record.user;
  // A state without `user` gets one too, so no presence ever goes out without the bound name.
  const base = user !== null && typeof user === 'object' && !Array.isArray(user) ? user : {};
  return { ...record, user: { ...base, name: displayName } };
}
