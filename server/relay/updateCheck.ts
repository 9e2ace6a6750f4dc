import * as Y from 'yjs';

/** Why an update was refused before anything was applied or stored. */
export class RefusedUpdate extends Error {
  override name = 'RefusedUpdate';
}

/** The update needs structs or deletions the room does not have: Yjs would keep it pending. */
export class PendingUpdate extends RefusedUpdate {}

/**
 * A decoded update: which Yjs client ids its new structs carry (for the client-id binding), and
 * each such client's clock once it is applied (what the room's state vector advances to).
 */
export type CheckedUpdate = { clients: number[]; ends: Map<number, number> };

/**
 * Decides, without applying it, whether `update` would integrate completely into a document
 * whose state vector is `state` (client → clock; the room keeps no Y.Doc, only this). Yjs keeps structs whose predecessors are missing, and deletions of clocks it
 * has not seen, in `pendingStructs`/`pendingDs` and re-reads them on every later update: one
 * update with a million ranges for an unknown client made every later edit of the room slow.
 * Such an update is refused whole (throws PendingUpdate); a well-formed update from a client
 * that synced with the room always passes, since it only builds on what the room holds.
 * Throws RefusedUpdate-free errors from Yjs for data that is not an update at all.
 */
export function checkUpdate(state: ReadonlyMap<number, number>, update: Uint8Array): CheckedUpdate {
  // Decoding whole first also proves the bytes are an update (Yjs would half-apply a cut one).
  const { structs, ds } = Y.decodeUpdate(update);
  const reach = new Map<number, number>();
  const stateOf = (client: number) => reach.get(client) ?? state.get(client) ?? 0;
  const byClient = new Map<number, (Y.Item | Y.GC | Y.Skip)[]>();
  for (const struct of structs) {
    const list = byClient.get(struct.id.client) ?? [];
    list.push(struct);
    byClient.set(struct.id.client, list);
  }
  // Each client's structs must continue from what the room has, without a gap.
  for (const [client, list] of byClient) {
    list.sort((a, b) => a.id.clock - b.id.clock);
    let clock = stateOf(client);
    for (const struct of list) {
      if (struct instanceof Y.Skip) continue;
      if (struct.id.clock > clock) {
        throw new PendingUpdate(
          `client ${client} continues at ${struct.id.clock}, the room has ${clock}`
        );
      }
      clock = Math.max(clock, struct.id.clock + struct.length);
    }
    reach.set(client, clock);
  }
  // What a struct is anchored to (its neighbours when inserted, its parent) must exist by then.
  const known = (id: Y.ID | null, own: number) =>
    id === null || id.client === own || id.clock < stateOf(id.client);
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    const own = struct.id.client;
    const parent = struct.parent instanceof Y.ID ? struct.parent : null;
    if (!known(struct.origin, own) || !known(struct.rightOrigin, own) || !known(parent, own)) {
      throw new PendingUpdate(`a struct of client ${own} refers to one the room does not have`);
    }
  }
  // Deletions may only name clocks the room (or this update) has.
  for (const [client, ranges] of ds.clients) {
    const clock = stateOf(client);
    for (const range of ranges) {
      if (range.clock + range.len > clock) {
        throw new PendingUpdate(`deletions for client ${client} beyond its clock ${clock}`);
      }
    }
  }
  const clients = [...byClient.keys()].filter((client) =>
    byClient.get(client)!.some((s) => !(s instanceof Y.Skip))
  );
  const ends = new Map<number, number>();
  for (const client of clients) ends.set(client, reach.get(client)!);
  return { clients, ends };
}
