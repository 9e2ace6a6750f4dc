import * as Y from 'yjs';
import { isValidId, newId } from '../ids.ts';
import type { FieldErrors } from './checks.ts';
import { readField, sameValue, writeField, type FieldSpecs, type ValuesOf } from './fields.ts';

export type { FieldErrors };

/**
 * A kind of record kept in the workspace index (institutions, agreements, projects, events…).
 * Each record is a nested Y.Map under its root, one key per field, so two people editing
 * different fields of one record at the same time both keep their change.
 */
export type RecordKind<F extends FieldSpecs> = {
  /** The index root holding the records, from `indexRoots` in schema.ts. */
  root: (doc: Y.Doc) => Y.Map<Y.Map<unknown>>;
  fields: F;
  /**
   * Validates a whole record before it is written (see checks.ts). Messages are i18n keys
   * (Russian first), so a form shows them in the person's language.
   */
  validate: (values: ValuesOf<F>) => FieldErrors;
  /** Checks that need the rest of the workspace (e.g. that parties exist). */
  check?: (values: ValuesOf<F>, doc: Y.Doc, id: string | null) => FieldErrors;
};

export type RecordBase = { id: string; createdAt: number; updatedAt: number };
export type StoredRecord<F extends FieldSpecs> = RecordBase & ValuesOf<F>;

export type WriteResult = { ok: true; id: string } | { ok: false; errors: FieldErrors };

const CREATED_AT = 'createdAt';
const UPDATED_AT = 'updatedAt';

/** Typed, validated access to one kind of record in a workspace index Y.Doc. */
export class RecordStore<F extends FieldSpecs> {
  readonly doc: Y.Doc;
  readonly kind: RecordKind<F>;
  readonly #root: Y.Map<Y.Map<unknown>>;

  constructor(doc: Y.Doc, kind: RecordKind<F>) {
    this.doc = doc;
    this.kind = kind;
    this.#root = kind.root(doc);
  }

  get(id: string): StoredRecord<F> | null {
    const entry = this.#root.get(id);
    return entry instanceof Y.Map && isValidId(id) ? this.#read(id, entry) : null;
  }

  all(): StoredRecord<F>[] {
    const out: StoredRecord<F>[] = [];
    this.#root.forEach((entry, id) => {
      if (entry instanceof Y.Map && isValidId(id)) out.push(this.#read(id, entry));
    });
    return out;
  }

  /** A record with every field at its default, for a new form. */
  blank(): ValuesOf<F> {
    const values: Record<string, unknown> = {};
    for (const [key, spec] of Object.entries(this.kind.fields)) values[key] = readField(spec, null);
    return values as ValuesOf<F>;
  }

  /** Validates and checks a whole record without writing it. */
  validate(values: ValuesOf<F>, id: string | null = null): FieldErrors {
    const errors = this.kind.validate(values);
    return { ...this.kind.check?.(values, this.doc, id), ...errors };
  }

  create(values: ValuesOf<F>, now = Date.now(), id = newId()): WriteResult {
    const errors = this.validate(values);
    if (Object.keys(errors).length > 0) return { ok: false, errors };
    this.doc.transact(() => this.insert(id, values, now));
    return { ok: true, id };
  }

  /**
   * Writes an already validated record; for callers that put many records into one transaction
   * (an import) after validating them all.
   */
  insert(id: string, values: ValuesOf<F>, now = Date.now()): void {
    const entry = new Y.Map<unknown>();
    this.#root.set(id, entry);
    entry.set(CREATED_AT, now);
    entry.set(UPDATED_AT, now);
    for (const [key, spec] of Object.entries(this.kind.fields)) {
      writeField(entry, key, spec, (values as Record<string, unknown>)[key]);
    }
  }

  /**
   * Changes some fields. The whole record is validated as it would become, but only the fields
   * that actually change are written: a concurrent edit of another field is kept.
   */
  update(id: string, patch: Partial<ValuesOf<F>>, now = Date.now()): WriteResult {
    const entry = this.#root.get(id);
    const current = this.get(id);
    if (!(entry instanceof Y.Map) || !current)
      return { ok: false, errors: { _: 'partners.recordMissing' } };
    const next = { ...current, ...patch } as StoredRecord<F>;
    const errors = this.validate(next, id);
    if (Object.keys(errors).length > 0) return { ok: false, errors };
    this.doc.transact(() => {
      let changed = false;
      for (const [key, spec] of Object.entries(this.kind.fields)) {
        if (!(key in patch)) continue;
        const value = (next as Record<string, unknown>)[key];
        if (sameValue((current as Record<string, unknown>)[key], value)) continue;
        writeField(entry, key, spec, value);
        changed = true;
      }
      if (changed) entry.set(UPDATED_AT, now);
    });
    return { ok: true, id };
  }

  /** Removes a record for good; callers check references first. */
  remove(id: string): void {
    this.#root.delete(id);
  }

  /** Calls `listener` after any change to this kind's records, local or remote. */
  observe(listener: () => void): () => void {
    const handler = () => listener();
    this.#root.observeDeep(handler);
    return () => this.#root.unobserveDeep(handler);
  }

  #read(id: string, entry: Y.Map<unknown>): StoredRecord<F> {
    const record: Record<string, unknown> = {
      id,
      createdAt: readField({ kind: 'number' }, entry.get(CREATED_AT)),
      updatedAt: readField({ kind: 'number' }, entry.get(UPDATED_AT))
    };
    for (const [key, spec] of Object.entries(this.kind.fields)) {
      record[key] = readField(spec, entry.get(key));
    }
    return record as StoredRecord<F>;
  }
}
