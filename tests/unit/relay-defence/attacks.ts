import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { tokenFor } from '../helpers/credentials.ts';
import { RawClient } from '../helpers/rawClient.ts';
import type { TestRelay } from '../helpers/relay.ts';

/**
 * An update with no structs and a delete set of `ranges` one-clock ranges for `client`, a client
 * the room does not have: valid Yjs data that Yjs can never apply and keeps pending.
 */
export function deletionBomb(ranges: number, client = 424242): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0); // no structs
  encoding.writeVarUint(e, 1); // one client in the delete set
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, ranges);
  for (let i = 0; i < ranges; i++) {
    encoding.writeVarUint(e, i * 2);
    encoding.writeVarUint(e, 1);
  }
  return encoding.toUint8Array(e);
}

/** A text edit whose structs start past clock 0 of a fresh client: its start is missing. */
export function updateWithGap(): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('body').insert(0, 'первое');
  const before = Y.encodeStateVector(doc);
  doc.getText('body').insert(6, ' второе');
  return Y.encodeStateAsUpdate(doc, before);
}

/** Every edit of `doc` from now on, as a client would send them. */
export function recordUpdates(doc: Y.Doc): Uint8Array[] {
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  return updates;
}

/** A raw socket to `room` as the member `name` (each name its own person), asking for acks. */
export async function openAs(
  relay: TestRelay,
  room: string,
  name: string,
  role: 'editor' | 'viewer' = 'editor',
  acks = true
): Promise<RawClient> {
  const token = tokenFor(room, role, name)!;
  const query = `?token=${encodeURIComponent(token)}${acks ? '&acks=1' : ''}`;
  return RawClient.open(relay.roomUrl(room, query));
}
