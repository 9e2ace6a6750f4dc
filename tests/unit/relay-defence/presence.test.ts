import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { deferCleanup } from '../helpers/cleanup.ts';
import { MSG_AWARENESS, messageType } from '../helpers/frames.ts';
import type { RawClient } from '../helpers/rawClient.ts';
import { TestRelay } from '../helpers/relay.ts';
import { openAs } from './attacks.ts';

const ROOM = 'ws-presence/room';

/** One awareness entry, written by hand so a test can pick any client id and clock. */
function presenceFrame(clientId: number, clock: number, state: unknown): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, 1);
  encoding.writeVarUint(inner, clientId);
  encoding.writeVarUint(inner, clock);
  encoding.writeVarString(inner, JSON.stringify(state));
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MSG_AWARENESS);
  encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
  return encoding.toUint8Array(e);
}

/** Every (client id, shown name) an observer was told about, in order. */
function namesSeen(observer: RawClient): [number, string | null][] {
  const seen: [number, string | null][] = [];
  for (const frame of observer.received) {
    if (messageType(frame) !== MSG_AWARENESS) continue;
    const outer = decoding.createDecoder(frame);
    decoding.readVarUint(outer);
    const d = decoding.createDecoder(decoding.readVarUint8Array(outer));
    for (let i = decoding.readVarUint(d); i > 0; i--) {
      const id = decoding.readVarUint(d);
      decoding.readVarUint(d);
      const state = JSON.parse(decoding.readVarString(d)) as { user?: { name?: string } } | null;
      seen.push([id, state?.user?.name ?? null]);
    }
  }
  return seen;
}

describe('RL7 presence ids stay with the person who set them', () => {
  const defer = deferCleanup();

  it('RL7 a viewer cannot take a departed editor’s presence id, and the editor gets it back on reconnecting', async () => {
    const relay = await TestRelay.startFresh(defer);
    const observer = await openAs(relay, ROOM, 'Наблюдатель', 'viewer', false);
    defer(() => observer.close());
    const ANNA_ID = 777001;
    const anna = await openAs(relay, ROOM, 'Анна', 'editor', false);
    anna.send(presenceFrame(ANNA_ID, 1, { user: { name: 'Анна' } }));
    await observer.next(() => namesSeen(observer).some(([id]) => id === ANNA_ID), 'Анна shows');
    await anna.close();

    const boris = await openAs(relay, ROOM, 'Борис', 'viewer', false);
    defer(() => boris.close());
    boris.send(presenceFrame(ANNA_ID, 50, { user: { name: 'Анна' } }));
    boris.send(presenceFrame(888002, 1, { cursor: 'без имени' }));
    await observer.next(
      () => namesSeen(observer).some(([id]) => id === 888002),
      'Борис’s own presence shows'
    );
    // A state without `user` still carries the bound name.
    expect(namesSeen(observer).find(([id]) => id === 888002)).toEqual([888002, 'Борис']);
    expect(namesSeen(observer).filter(([id, name]) => id === ANNA_ID && name === 'Борис')).toEqual(
      []
    );

    const back = await openAs(relay, ROOM, 'Анна', 'editor', false);
    defer(() => back.close());
    const before = namesSeen(observer).length;
    back.send(presenceFrame(ANNA_ID, 60, { user: { name: 'Анна' } }));
    await observer.next(
      () =>
        namesSeen(observer)
          .slice(before)
          .some(([id, name]) => id === ANNA_ID && name === 'Анна'),
      'Анна’s presence is hers again'
    );
  });
});
