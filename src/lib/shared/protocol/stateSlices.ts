import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/**
 * Yjs decodes and integrates an update in one go: the 3.9 MB index of a 10,000-document workspace
 * keeps a browser's main thread busy for most of a second. Cut into slices of a few thousand
 * structs, each applied in its own task, the same state arrives without a long task.
 */

/** Structs per slice: decoding and integrating this many takes a few tens of milliseconds. */
export const SLICE_STRUCTS = 2048;

type Struct = Y.Item | Y.GC;
type Range = { client: number; structs: Struct[]; from: number; to: number; offset: number };

/** The structs of each client, as the doc's store keeps them (ordered by clock). */
function clientStructs(doc: Y.Doc): Map<number, Struct[]> {
  return (doc.store as unknown as { clients: Map<number, Struct[]> }).clients;
}

/** How many structs the doc holds: what slicing counts. */
export function structCount(doc: Y.Doc): number {
  let count = 0;
  for (const structs of clientStructs(doc).values()) count += structs.length;
  return count;
}

/** Index of the struct holding `clock` (the structs of one client are ordered and contiguous). */
function findIndex(structs: Struct[], clock: number): number {
  let low = 0;
  let high = structs.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const struct = structs[mid]!;
    if (clock < struct.id.clock) high = mid - 1;
    else if (clock >= struct.id.clock + struct.length) low = mid + 1;
    else return mid;
  }
  return structs.length;
}

/** The structs of one slice, written as an update (no deletions: the last slice carries them). */
function encodeRanges(ranges: Range[]): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  // Higher client ids first, as Yjs writes them.
  ranges.sort((a, b) => b.client - a.client);
  encoding.writeVarUint(encoder.restEncoder, ranges.length);
  for (const { client, structs, from, to, offset } of ranges) {
    encoding.writeVarUint(encoder.restEncoder, to - from);
    encoder.writeClient(client);
    encoding.writeVarUint(encoder.restEncoder, structs[from]!.id.clock + offset);
    structs[from]!.write(encoder, offset);
    for (let i = from + 1; i < to; i++) structs[i]!.write(encoder, 0);
  }
  encoding.writeVarUint(encoder.restEncoder, 0); // an empty delete set
  return encoder.toUint8Array();
}

/**
 * What `Y.encodeStateAsUpdate(doc, stateVector)` returns, as a list of updates of at most
 * `maxStructs` structs each (the last may hold more when the doc's history cannot be cut).
 * Applied in order, each slice finds everything it refers to already there, so none waits in
 * Yjs's pending queue; the last slice carries the delete set. Small states come as one update.
 */
export function encodeStateAsSlices(
  doc: Y.Doc,
  stateVector?: Uint8Array,
  maxStructs = SLICE_STRUCTS
): Uint8Array[] {
  return slice(
    clientStructs(doc),
    stateVector,
    maxStructs,
    () => Y.encodeStateAsUpdate(doc, stateVector),
    (sent) => Y.encodeStateAsUpdate(doc, sent)
  );
}

/**
 * The same from a state held as update bytes (a server that keeps no Y.Doc): what
 * `Y.diffUpdate(update, stateVector)` returns, cut into slices the same way. `update` must be
 * complete (no gaps); one that has any is answered whole.
 */
export function sliceUpdate(
  update: Uint8Array,
  stateVector?: Uint8Array,
  maxStructs = SLICE_STRUCTS
): Uint8Array[] {
  const diff = stateVector ? Y.diffUpdate(update, stateVector) : update;
  // Every struct takes at least two bytes: a small update cannot need cutting, nor decoding.
  if (diff.byteLength <= 2 * maxStructs) return [diff];
  const clients = new Map<number, Struct[]>();
  for (const struct of Y.decodeUpdate(diff).structs) {
    if (struct instanceof Y.Skip) return [diff];
    const list = clients.get(struct.id.client);
    if (list) list.push(struct);
    else clients.set(struct.id.client, [struct]);
  }
  return slice(
    clients,
    stateVector,
    maxStructs,
    () => diff,
    (sent) => Y.diffUpdate(diff, sent)
  );
}

/**
 * The slicing itself, over each client's structs ordered by clock (a doc's store, or a decoded
 * update). `whole` encodes everything at once; `rest` what is left after the state `sent`.
 */
function slice(
  clients: Map<number, Struct[]>,
  stateVector: Uint8Array | undefined,
  maxStructs: number,
  whole: () => Uint8Array,
  rest: (sent: Uint8Array) => Uint8Array
): Uint8Array[] {
  const known = stateVector ? Y.decodeStateVector(stateVector) : new Map<number, number>();
  const sent = new Map<number, number>(known);
  const cursors: { client: number; structs: Struct[]; next: number; offset: number }[] = [];
  let remaining = 0;
  for (const [client, structs] of clients) {
    const state = structs.length ? structs.at(-1)!.id.clock + structs.at(-1)!.length : 0;
    const from = Math.min(known.get(client) ?? 0, state);
    sent.set(client, from);
    const next = findIndex(structs, from);
    if (next >= structs.length) continue;
    cursors.push({ client, structs, next, offset: from - structs[next]!.id.clock });
    remaining += structs.length - next;
  }
  if (remaining <= maxStructs) return [whole()];

  const has = (id: Y.ID | null) => id === null || id.clock < (sent.get(id.client) ?? 0);
  // An item needs its neighbours at insertion and its parent; the same client's earlier structs
  // come before it anyway. A decoded item names its parent by id (or root key), a doc's by type.
  const ready = (struct: Struct) => {
    if (!(struct instanceof Y.Item)) return true;
    const parent =
      struct.parent instanceof Y.AbstractType
        ? (struct.parent._item?.id ?? null)
        : struct.parent instanceof Y.ID
          ? struct.parent
          : null;
    return has(struct.origin) && has(struct.rightOrigin) && has(parent);
  };

  const slices: Uint8Array[] = [];
  // One range per client and slice: an update lists each client once.
  let ranges = new Map<number, Range>();
  const cut = () => {
    slices.push(encodeRanges([...ranges.values()]));
    ranges = new Map();
  };
  let count = 0;
  while (remaining > maxStructs) {
    let progressed = false;
    for (const cursor of cursors) {
      const { client, structs } = cursor;
      while (remaining > maxStructs && cursor.next < structs.length) {
        const struct = structs[cursor.next]!;
        if (!ready(struct)) break;
        let range = ranges.get(client);
        if (!range) {
          range = { client, structs, from: cursor.next, to: cursor.next, offset: cursor.offset };
          ranges.set(client, range);
          cursor.offset = 0;
        }
        sent.set(client, struct.id.clock + struct.length);
        range.to = ++cursor.next;
        remaining--;
        progressed = true;
        if (++count < maxStructs) continue;
        cut();
        count = 0;
      }
    }
    // Nothing could go on (refers to something the doc lacks): the rest goes in one piece.
    if (!progressed) break;
  }
  if (ranges.size > 0) cut();
  // The rest, with every deletion, exactly as Yjs encodes it from where the slices ended.
  slices.push(rest(Y.encodeStateVector(sent)));
  return slices;
}
