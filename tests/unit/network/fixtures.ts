import * as Y from 'yjs';
import {
  Institutions,
  type InstitutionValues
} from '../../../src/lib/shared/model/network/index.ts';

/**
 * Two replicas of one workspace index, synced both ways as the relay would, with a switch to
 * take them apart (two people offline) and bring them together again.
 */
export function replicas() {
  const a = new Y.Doc();
  const b = new Y.Doc();
  let online = true;
  a.on('update', (u: Uint8Array, origin: unknown) => {
    if (online && origin !== 'b') Y.applyUpdate(b, u, 'a');
  });
  b.on('update', (u: Uint8Array, origin: unknown) => {
    if (online && origin !== 'a') Y.applyUpdate(a, u, 'b');
  });
  return {
    a,
    b,
    disconnect: () => (online = false),
    connect: () => {
      online = true;
      Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)), 'a');
      Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)), 'b');
    }
  };
}

/** A valid institution with every other field at its default. */
export function institution(patch: Partial<InstitutionValues> = {}): InstitutionValues {
  return {
    ...new Institutions(new Y.Doc()).blank(),
    name: 'МБУДО «Юность»',
    kind: 'supplementaryEducation',
    ...patch
  };
}
