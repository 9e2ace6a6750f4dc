import * as Y from 'yjs';
import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';
import { isValidId, newId } from '../ids.ts';
import { indexRoots } from '../schema.ts';
import { isIsoDate, readField, writeField, type FieldSpecs, type ValuesOf } from './fields.ts';
import { maxLength, minLength, must, oneOf, text, trimmed, validateFields } from './checks.ts';
import type { FieldErrors, WriteResult } from './records.ts';
import { tasksMapOf } from './projects.ts';

/** Task statuses, in board column order; labels are `task.status.<id>`. */
export const TASK_STATUSES = ['planned', 'inProgress', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_LIMITS = { title: 300, person: 200 } as const;

const fields = {
  title: { kind: 'text', max: TASK_LIMITS.title },
  /** The responsible institution's id, or ''. */
  institutionId: { kind: 'text', max: 64 },
  /** The responsible person, as people name each other («Лобанова Л. Е.»). */
  person: { kind: 'text', max: TASK_LIMITS.person },
  /** When work starts, for the timeline; '' means a point at the due date. */
  start: { kind: 'date' },
  due: { kind: 'date' },
  status: { kind: 'choice', values: TASK_STATUSES, fallback: 'planned' },
  /** A fractional-index key ordering the task within its column; plain string comparison. */
  order: { kind: 'text', max: 100 }
} as const satisfies FieldSpecs;

export type TaskValues = ValuesOf<typeof fields>;
export type Task = TaskValues & { id: string };
/** What a form edits: the order is the board's business. */
export type TaskInput = Omit<TaskValues, 'order'>;

const optionalDate = text(must((v) => v === '' || isIsoDate(v), 'task.error.date'));

export function validateTask(values: TaskInput): FieldErrors {
  return validateFields(
    values,
    {
      title: trimmed(
        minLength(1, 'task.error.titleRequired'),
        maxLength(TASK_LIMITS.title, 'task.error.titleTooLong')
      ),
      institutionId: text(must((v) => v === '' || isValidId(v), 'task.error.institution')),
      person: text(maxLength(TASK_LIMITS.person, 'task.error.tooLong')),
      start: optionalDate,
      due: optionalDate,
      status: oneOf(TASK_STATUSES, 'task.error.status')
    },
    (t) =>
      !t.start || !t.due || t.start <= t.due
        ? []
        : [{ field: 'due', message: 'task.error.dueBeforeStart' }]
  );
}

export const blankTask = (): TaskInput => ({
  title: '',
  institutionId: '',
  person: '',
  start: '',
  due: '',
  status: 'planned'
});

/** A key after `last`; a malformed last key (from a peer) starts the column over. */
function appendKey(last: string | null): string {
  try {
    return generateKeyBetween(last, null);
  } catch {
    return generateKeyBetween(null, null);
  }
}

const byOrder = (a: Task, b: Task) =>
  a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** Whether a column's keys are valid and strictly increasing, so a key fits between any two. */
function wellOrdered(tasks: readonly Task[]): boolean {
  try {
    for (let i = 0; i < tasks.length; i++) {
      generateKeyBetween(tasks[i]!.order, tasks[i + 1]?.order ?? null);
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * A project's plan of tasks, inside the project's record: one Y.Map per task, so two people
 * moving or editing different tasks at once both keep their change, and a move (status + order)
 * of one task is one transaction.
 */
export class ProjectTasks {
  readonly doc: Y.Doc;
  readonly projectId: string;

  constructor(doc: Y.Doc, projectId: string) {
    this.doc = doc;
    this.projectId = projectId;
  }

  /** Every task, column by column in board order. */
  all(): Task[] {
    const map = tasksMapOf(this.doc, this.projectId);
    const out: Task[] = [];
    map?.forEach((entry, id) => {
      if (!(entry instanceof Y.Map) || !isValidId(id)) return;
      const task: Record<string, unknown> = { id };
      for (const [key, spec] of Object.entries(fields)) task[key] = readField(spec, entry.get(key));
      out.push(task as Task);
    });
    const column = (t: Task) => TASK_STATUSES.indexOf(t.status);
    return out.sort((a, b) => column(a) - column(b) || byOrder(a, b));
  }

  column(status: TaskStatus): Task[] {
    return this.all().filter((t) => t.status === status);
  }

  get(taskId: string): Task | null {
    return this.all().find((t) => t.id === taskId) ?? null;
  }

  add(values: TaskInput, id = newId()): WriteResult {
    const errors = validateTask(values);
    if (Object.keys(errors).length > 0) return { ok: false, errors };
    const map = tasksMapOf(this.doc, this.projectId);
    if (!map) return { ok: false, errors: { _: 'task.error.missing' } };
    const last = this.column(values.status).at(-1);
    this.doc.transact(() => {
      const entry = new Y.Map<unknown>();
      map.set(id, entry);
      this.#write(entry, { ...values, order: appendKey(last?.order ?? null) });
    });
    return { ok: true, id };
  }

  /** Changes some fields of a task; only the fields that change are written. */
  update(taskId: string, patch: Partial<TaskInput>): WriteResult {
    const entry = tasksMapOf(this.doc, this.projectId)?.get(taskId);
    const current = this.get(taskId);
    if (!(entry instanceof Y.Map) || !current) {
      return { ok: false, errors: { _: 'task.error.missing' } };
    }
    const next = { ...current, ...patch };
    const errors = validateTask(next);
    if (Object.keys(errors).length > 0) return { ok: false, errors };
    const changed = Object.fromEntries(
      Object.entries(patch).filter(([k, v]) => current[k as keyof Task] !== v)
    );
    this.doc.transact(() => this.#write(entry, changed));
    return { ok: true, id: taskId };
  }

  /**
   * Moves a task into a column, before `beforeId` (or to the end). Writes only this task's
   * status and order: a concurrent move of another task is untouched.
   */
  move(taskId: string, status: TaskStatus, beforeId: string | null = null): boolean {
    const map = tasksMapOf(this.doc, this.projectId);
    const entry = map?.get(taskId);
    if (!map || !(entry instanceof Y.Map)) return false;
    const others = this.column(status).filter((t) => t.id !== taskId);
    let at = beforeId === null ? -1 : others.findIndex((t) => t.id === beforeId);
    if (at === -1) at = others.length;
    this.doc.transact(() => {
      // Two tasks dropped at the same place at once share a key (or a peer wrote a bad one):
      // the column gets fresh keys in the order it shows, then the task fits anywhere.
      if (!wellOrdered(others)) {
        const keys = generateNKeysBetween(null, null, others.length);
        others.forEach((t, i) => {
          const other = map.get(t.id);
          if (other instanceof Y.Map) other.set('order', keys[i]!);
          t.order = keys[i]!;
        });
      }
      const order = generateKeyBetween(others[at - 1]?.order ?? null, others[at]?.order ?? null);
      this.#write(entry, { status, order });
    });
    return true;
  }

  remove(taskId: string): void {
    tasksMapOf(this.doc, this.projectId)?.delete(taskId);
  }

  observe(listener: () => void): () => void {
    const root = indexRoots.projects(this.doc);
    const handler = () => listener();
    root.observeDeep(handler);
    return () => root.unobserveDeep(handler);
  }

  #write(entry: Y.Map<unknown>, values: Partial<TaskValues>): void {
    for (const [key, value] of Object.entries(values)) {
      const spec = fields[key as keyof typeof fields];
      if (spec) writeField(entry, key, spec, value);
    }
  }
}
