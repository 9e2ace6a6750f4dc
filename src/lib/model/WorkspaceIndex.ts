import * as Y from 'yjs';
import { newId } from './ids.ts';
import {
  DEFAULT_DOCUMENT_TYPE,
  FIELD_VALUE_MAX_LENGTH,
  isDocumentType,
  TAG_MAX_LENGTH,
  type DocumentType
} from './documentTypes.ts';
import { DocumentField, indexRoots, TITLE_MAX_LENGTH } from './schema.ts';

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

/**
 * Typed access to a workspace index Y.Doc. Values written by other peers are read defensively:
 * a malformed entry shows up with safe defaults instead of breaking the list.
 */
export class WorkspaceIndex {
  readonly doc: Y.Doc;
  readonly #documents: Y.Map<Y.Map<unknown>>;

  constructor(doc: Y.Doc) {
    this.doc = doc;
    this.#documents = indexRoots.documents(doc);
  }

  get(id: string): DocumentMeta | null {
    const entry = this.#documents.get(id);
    return entry instanceof Y.Map ? read(id, entry) : null;
  }

  /** Every document, the bin included. */
  all(): DocumentMeta[] {
    const out: DocumentMeta[] = [];
    this.#documents.forEach((entry, id) => {
      if (entry instanceof Y.Map) out.push(read(id, entry));
    });
    return out;
  }

  create(title: string, now = Date.now()): string {
    const id = newId();
    this.doc.transact(() => {
      const entry = new Y.Map<unknown>();
      entry.set(DocumentField.title, normaliseTitle(title));
      entry.set(DocumentField.createdAt, now);
      entry.set(DocumentField.updatedAt, now);
      entry.set(DocumentField.deletedAt, null);
      this.#documents.set(id, entry);
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

  /** Moves a document to the bin; its content is kept and it can be restored. */
  delete(id: string, now = Date.now()): void {
    this.#update(id, (entry) => entry.set(DocumentField.deletedAt, now));
  }

  restore(id: string): void {
    this.#update(id, (entry) => entry.set(DocumentField.deletedAt, null));
  }

  /** Calls `listener` after any change to the index, local or remote. */
  observe(listener: () => void): () => void {
    const handler = () => listener();
    this.#documents.observeDeep(handler);
    return () => this.#documents.unobserveDeep(handler);
  }

  #update(id: string, change: (entry: Y.Map<unknown>) => void): void {
    const entry = this.#documents.get(id);
    if (!(entry instanceof Y.Map)) throw new Error(`No document ${id} in the index`);
    this.doc.transact(() => change(entry));
  }
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
  return value instanceof Y.Map ? [...value.keys()] : [];
}

function stringsOf(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(value instanceof Y.Map)) return out;
  value.forEach((v, k) => {
    if (typeof v === 'string') out[k] = v.slice(0, FIELD_VALUE_MAX_LENGTH);
  });
  return out;
}
