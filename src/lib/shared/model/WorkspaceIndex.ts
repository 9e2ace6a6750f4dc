import * as Y from 'yjs';
import { newId } from './ids.ts';
import {
  DEFAULT_DOCUMENT_TYPE,
  FIELD_VALUE_MAX_LENGTH,
  isDocumentType,
  TAG_MAX_LENGTH,
  type DocumentType
} from './documentTypes.ts';
import { InvalidValueError, normaliseFieldValue, normaliseTag } from './fieldValues.ts';
import { freshKeys, keysBetween } from './ordering.ts';
import { DocumentField, indexRoots, TITLE_MAX_LENGTH } from './schema.ts';
import { DocumentTree } from './tree.ts';

export type DocumentMeta = {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  deletedAt: number | null;
  type: DocumentType;
  parentId: string | null;
  order: string;
  tags: string[];
  fields: Record<string, string>;
  /** Ids of the documents this one links to from its text. */
  links: string[];
  template: boolean;
};

/** Titles are one line, trimmed and bounded, whatever a peer wrote. */
export function normaliseTitle(title: string): string {
  return title.replace(/\s+/g, ' ').trim().slice(0, TITLE_MAX_LENGTH);
}

const num = (v: unknown, fallback: number) =>
  typeof v === 'number' && Number.isFinite(v) ? v : fallback;

/** Where a document goes among its new siblings: before or after one of them, or at the end. */
export type Position = { beforeId?: string; afterId?: string };

export type CreateOptions = {
  type?: DocumentType;
  parentId?: string | null;
  position?: Position;
  fields?: Record<string, string>;
  tags?: string[];
  template?: boolean;
};

/** A move the tree cannot take (into itself or below itself, or into something missing). */
export class MoveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MoveError';
  }
}

/**
 * Typed access to a workspace index Y.Doc. Values written by other peers are read defensively:
 * a malformed entry shows up with safe defaults instead of breaking the list.
 */
export class WorkspaceIndex {
  readonly doc: Y.Doc;
  readonly #documents: Y.Map<Y.Map<unknown>>;
  /**
   * Entries already read, read again when their Y.Map changes. Reading 10,000 entries afresh costs
   * tens of milliseconds, too much to repeat for every rename a colleague types.
   */
  readonly #cache = new Map<string, DocumentMeta>();

  constructor(doc: Y.Doc) {
    this.doc = doc;
    this.#documents = indexRoots.documents(doc);
    // Registered first, so it runs before any listener that reads the index.
    // Changed entries are read again at once: a large index arrives in slices, and reading each
    // slice's entries with it spares the first tree build from reading 10,000 in one task.
    this.#documents.observeDeep((events) => {
      for (const id of this.#changedIds(events)) {
        const entry = this.#documents.get(id);
        if (entry instanceof Y.Map) this.#cache.set(id, read(id, entry));
        else this.#cache.delete(id);
      }
    });
  }

  get(id: string): DocumentMeta | null {
    const entry = this.#documents.get(id);
    return entry instanceof Y.Map ? this.#read(id, entry) : null;
  }

  /** Every document, the bin and templates included. */
  all(): DocumentMeta[] {
    const out: DocumentMeta[] = [];
    this.#documents.forEach((entry, id) => {
      if (entry instanceof Y.Map) out.push(this.#read(id, entry));
    });
    return out;
  }

  #read(id: string, entry: Y.Map<unknown>): DocumentMeta {
    // Inside a transaction the observer has not run yet: read the Y.Map itself.
    if (this.doc._transaction !== null) return read(id, entry);
    let meta = this.#cache.get(id);
    if (!meta) {
      meta = read(id, entry);
      this.#cache.set(id, meta);
    }
    return meta;
  }

  /** The tree as it stands now (cycles and missing parents resolved; see tree.ts). */
  tree(): DocumentTree {
    return new DocumentTree(this.all());
  }

  /**
   * Creates a document, by default a note at the end of the top level. `options` may also be the
   * creation time, as before documents had a place in a tree.
   */
  create(title: string, options: CreateOptions | number = {}, now = Date.now()): string {
    if (typeof options === 'number') return this.create(title, {}, options);
    const type = options.type ?? DEFAULT_DOCUMENT_TYPE;
    if (!isDocumentType(type)) throw new InvalidValueError(`Unknown document type ${type}`);
    const template = options.template === true;
    const parentId = template ? null : (options.parentId ?? null);
    const tree = this.tree();
    if (parentId !== null) this.#checkParent(tree, parentId);
    const fields = Object.entries(options.fields ?? {}).map(
      ([k, v]) => [k, normaliseFieldValue(type, k, v)] as const
    );
    const tags = (options.tags ?? []).map(normaliseTag);
    const id = newId();
    this.doc.transact(() => {
      const entry = new Y.Map<unknown>();
      entry.set(DocumentField.title, normaliseTitle(title));
      entry.set(DocumentField.createdAt, now);
      entry.set(DocumentField.updatedAt, now);
      entry.set(DocumentField.deletedAt, null);
      entry.set(DocumentField.type, type);
      entry.set(DocumentField.parentId, parentId);
      entry.set(DocumentField.template, template);
      // The nested maps exist from the start: two peers creating one lazily at the same time
      // would each make their own, and one person's tags or fields would be lost.
      entry.set(DocumentField.fields, mapOf(fields.filter(([, v]) => v !== '')));
      entry.set(DocumentField.tags, mapOf(tags.map((t) => [t, true])));
      entry.set(DocumentField.links, new Y.Map());
      this.#documents.set(id, entry);
      const siblings = template ? [] : tree.childrenOf(parentId);
      this.#place(entry, id, siblings, options.position ?? {});
    });
    return id;
  }

  rename(id: string, title: string, now = Date.now()): void {
    this.#update(id, (entry) => {
      entry.set(DocumentField.title, normaliseTitle(title));
      entry.set(DocumentField.updatedAt, now);
    });
  }

  /** Records that the document's content changed (the list sorts by it). */
  touch(id: string, now = Date.now()): void {
    this.#update(id, (entry) => entry.set(DocumentField.updatedAt, now));
  }

  /**
   * Puts a document under `parentId` (null: the top level), before or after a sibling. Refuses a
   * move into itself or below itself; a concurrent move that still makes a cycle is resolved
   * when the tree is read.
   */
  move(id: string, parentId: string | null, position: Position = {}): void {
    const tree = this.tree();
    if (!tree.get(id)) throw new MoveError(`No document ${id} in the tree`);
    if (parentId !== null) {
      this.#checkParent(tree, parentId);
      if (tree.isWithin(parentId, id)) {
        throw new MoveError('A document cannot go into itself or into a document inside it');
      }
    }
    const siblings = tree.childrenOf(parentId).filter((m) => m.id !== id);
    this.#update(id, (entry) => {
      entry.set(DocumentField.parentId, parentId);
      this.#place(entry, id, siblings, position);
    });
  }

  setType(id: string, type: DocumentType, now = Date.now()): void {
    if (!isDocumentType(type)) throw new InvalidValueError(`Unknown document type ${type}`);
    // Fields of the old type stay in the map: switching back shows them again.
    this.#update(id, (entry) => {
      entry.set(DocumentField.type, type);
      entry.set(DocumentField.updatedAt, now);
    });
  }

  /** Sets one structured field ('' clears it); other fields, set by others at once, stay. */
  setField(id: string, fieldId: string, value: string, now = Date.now()): void {
    const meta = this.#require(id);
    const clean = normaliseFieldValue(meta.type, fieldId, value);
    this.#update(id, (entry) => {
      const fields = nested(entry, DocumentField.fields);
      if (clean === '') fields.delete(fieldId);
      else fields.set(fieldId, clean);
      entry.set(DocumentField.updatedAt, now);
    });
  }

  addTag(id: string, tag: string): string {
    const clean = normaliseTag(tag);
    this.#update(id, (entry) => nested(entry, DocumentField.tags).set(clean, true));
    return clean;
  }

  removeTag(id: string, tag: string): void {
    this.#update(id, (entry) => {
      const tags = entry.get(DocumentField.tags);
      if (tags instanceof Y.Map) tags.delete(tag);
    });
  }

  /** A template leaves the tree and shows in the template picker; turning it off puts it back. */
  setTemplate(id: string, template: boolean): void {
    this.#update(id, (entry) => {
      entry.set(DocumentField.template, template);
      if (template) entry.set(DocumentField.parentId, null);
    });
  }

  /**
   * Moves a document to the bin; its content is kept and it can be restored. What is inside a
   * collection goes to the bin with it (the tree reads it so) and comes back with it.
   */
  delete(id: string, now = Date.now()): void {
    this.#update(id, (entry) => entry.set(DocumentField.deletedAt, now));
  }

  /** Takes a document out of the bin; if its collection is still there, it goes to the top. */
  restore(id: string): void {
    this.#update(id, (entry) => entry.set(DocumentField.deletedAt, null));
    const tree = this.tree();
    if (tree.get(id) && tree.isInBin(id)) this.move(id, null);
  }

  /** Calls `listener` after any change to the index, local or remote. */
  observe(listener: () => void): () => void {
    const handler = () => listener();
    this.#documents.observeDeep(handler);
    return () => this.#documents.unobserveDeep(handler);
  }

  /** Calls `listener` with the ids of the entries each change added, changed or removed. */
  observeEntries(listener: (ids: Set<string>) => void): () => void {
    const handler = (events: Y.YEvent<Y.AbstractType<unknown>>[]) =>
      listener(this.#changedIds(events));
    this.#documents.observeDeep(handler);
    return () => this.#documents.unobserveDeep(handler);
  }

  /** Every entry id, without reading the entries. */
  ids(): string[] {
    return [...this.#documents.keys()];
  }

  #changedIds(events: Y.YEvent<Y.AbstractType<unknown>>[]): Set<string> {
    const ids = new Set<string>();
    for (const event of events) {
      if (event instanceof Y.YMapEvent && event.target === this.#documents) {
        for (const id of event.keysChanged) ids.add(id);
      } else {
        const id = event.path[0];
        if (typeof id === 'string') ids.add(id);
      }
    }
    return ids;
  }

  #checkParent(tree: DocumentTree, parentId: string): void {
    if (!tree.get(parentId)) throw new MoveError(`No collection ${parentId} in the tree`);
    if (tree.isInBin(parentId)) throw new MoveError('A document cannot go into the bin this way');
  }

  /** Writes the order key that puts `entry` at `position` among `siblings` (it excluded). */
  #place(entry: Y.Map<unknown>, id: string, siblings: DocumentMeta[], position: Position): void {
    let at = siblings.length;
    const anchor = position.beforeId ?? position.afterId;
    if (anchor !== undefined) {
      const i = siblings.findIndex((m) => m.id === anchor);
      if (i < 0) throw new MoveError(`${anchor} is not a sibling at the new place`);
      at = position.beforeId !== undefined ? i : i + 1;
    }
    const key = keysBetween(siblings[at - 1]?.order ?? null, siblings[at]?.order ?? null);
    if (key) {
      entry.set(DocumentField.order, key[0]);
      return;
    }
    // Tied or malformed neighbours (from concurrent inserts or a raw peer): re-key them all.
    const ordered = siblings.map((m) => m.id);
    ordered.splice(at, 0, id);
    const keys = freshKeys(ordered.length);
    ordered.forEach((siblingId, i) => {
      const target = siblingId === id ? entry : this.#documents.get(siblingId);
      if (target instanceof Y.Map) target.set(DocumentField.order, keys[i]);
    });
  }

  #require(id: string): DocumentMeta {
    const meta = this.get(id);
    if (!meta) throw new Error(`No document ${id} in the index`);
    return meta;
  }

  #update(id: string, change: (entry: Y.Map<unknown>) => void): void {
    const entry = this.#documents.get(id);
    if (!(entry instanceof Y.Map)) throw new Error(`No document ${id} in the index`);
    this.doc.transact(() => change(entry));
  }
}

function mapOf(pairs: readonly (readonly [string, unknown])[]): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [k, v] of pairs) map.set(k, v);
  return map;
}

/** The nested map under `key`, made when an older entry has none (or a peer wrote junk). */
function nested(entry: Y.Map<unknown>, key: string): Y.Map<unknown> {
  const value = entry.get(key);
  if (value instanceof Y.Map) return value;
  const map = new Y.Map<unknown>();
  entry.set(key, map);
  return map;
}

function read(id: string, entry: Y.Map<unknown>): DocumentMeta {
  const title = entry.get(DocumentField.title);
  const createdAt = num(entry.get(DocumentField.createdAt), 0);
  const deletedAt = entry.get(DocumentField.deletedAt);
  const type = entry.get(DocumentField.type);
  const parentId = entry.get(DocumentField.parentId);
  const order = entry.get(DocumentField.order);
  return {
    id,
    title: typeof title === 'string' ? normaliseTitle(title) : '',
    createdAt,
    updatedAt: num(entry.get(DocumentField.updatedAt), createdAt),
    deletedAt: typeof deletedAt === 'number' && Number.isFinite(deletedAt) ? deletedAt : null,
    type: isDocumentType(type) ? type : DEFAULT_DOCUMENT_TYPE,
    parentId: typeof parentId === 'string' && parentId !== id ? parentId : null,
    order: typeof order === 'string' ? order : '',
    tags: keysOf(entry.get(DocumentField.tags)).map((t) => t.slice(0, TAG_MAX_LENGTH)),
    fields: stringsOf(entry.get(DocumentField.fields)),
    links: keysOf(entry.get(DocumentField.links)),
    template: entry.get(DocumentField.template) === true
  };
}

/** The keys of a nested Y.Map set (tags, links); anything else reads as empty. */
function keysOf(value: unknown): string[] {
  if (!(value instanceof Y.Map)) return [];
  // The map's own entries: Y.Map.keys() goes through lib0 iterators, several times slower
  // when 10,000 entries are read at once.
  const out: string[] = [];
  for (const [key, item] of value._map) if (!item.deleted) out.push(key);
  return out;
}

function stringsOf(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(value instanceof Y.Map)) return out;
  value.forEach((v, k) => {
    if (typeof v === 'string') out[k] = v.slice(0, FIELD_VALUE_MAX_LENGTH);
  });
  return out;
}
