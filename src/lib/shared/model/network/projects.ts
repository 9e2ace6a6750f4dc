import * as Y from 'yjs';
import { isValidId } from '../ids.ts';
import { indexRoots } from '../schema.ts';
import { list, maxLength, minLength, must, text, trimmed, validateFields } from './checks.ts';
import type { NetworkItem } from './cooperation.ts';
import { ProjectTasks } from './tasks.ts';
import { isIsoDate, type ValuesOf } from './fields.ts';
import { Institutions } from './institutions.ts';
import { RecordStore, type FieldErrors, type RecordKind, type StoredRecord } from './records.ts';

export const PROJECT_LIMITS = { title: 200, goal: 4000 } as const;

/** The key of a project's nested map of tasks (task id → task map), see tasks.ts. */
export const PROJECT_TASKS_KEY = 'tasks';

const fields = {
  title: { kind: 'text', max: PROJECT_LIMITS.title },
  goal: { kind: 'text', max: PROJECT_LIMITS.goal },
  partners: { kind: 'set' },
  start: { kind: 'date' },
  end: { kind: 'date' },
  /** The project plan document of the workspace, or ''. */
  planDocId: { kind: 'text', max: 64 },
  materialIds: { kind: 'set' }
} as const;

export type ProjectFields = typeof fields;
export type ProjectValues = ValuesOf<ProjectFields>;
export type Project = StoredRecord<ProjectFields>;

const optionalDate = text(must((v) => v === '' || isIsoDate(v), 'project.error.date'));

function validate(values: ProjectValues): FieldErrors {
  return validateFields(
    values,
    {
      title: trimmed(
        minLength(1, 'project.error.titleRequired'),
        maxLength(PROJECT_LIMITS.title, 'project.error.titleTooLong')
      ),
      goal: text(maxLength(PROJECT_LIMITS.goal, 'project.error.tooLong')),
      partners: list(text(must(isValidId, 'project.error.institution'))),
      start: optionalDate,
      end: optionalDate,
      planDocId: text(must((v) => v === '' || isValidId(v), 'project.error.document')),
      materialIds: list(text(must(isValidId, 'project.error.document')))
    },
    (p) =>
      !p.start || !p.end || p.start <= p.end
        ? []
        : [{ field: 'end', message: 'project.error.endBeforeStart' }]
  );
}

function check(values: ProjectValues, doc: Y.Doc): FieldErrors {
  const institutions = new Institutions(doc);
  return values.partners.every((id) => institutions.get(id) !== null)
    ? {}
    : { partners: 'project.error.unknownInstitution' };
}

export const projectKind: RecordKind<ProjectFields> = {
  root: indexRoots.projects,
  fields,
  validate,
  check
};

export class Projects extends RecordStore<ProjectFields> {
  constructor(doc: Y.Doc) {
    super(doc, projectKind);
  }

  /**
   * The tasks map is made with the project, in the same transaction: made later, two people
   * adding the first task at once would each create one and one map (with its tasks) would lose.
   */
  override insert(id: string, values: ProjectValues, now = Date.now()): void {
    super.insert(id, values, now);
    indexRoots.projects(this.doc).get(id)?.set(PROJECT_TASKS_KEY, new Y.Map<unknown>());
  }
}

/** The project's nested task map, or null for an unknown project (or a malformed entry). */
export function tasksMapOf(doc: Y.Doc, projectId: string): Y.Map<Y.Map<unknown>> | null {
  const tasks = indexRoots.projects(doc).get(projectId)?.get(PROJECT_TASKS_KEY);
  return tasks instanceof Y.Map ? (tasks as Y.Map<Y.Map<unknown>>) : null;
}

/** What ties institutions together, for the map, the report and deletion checks. */
export const projectItems = (doc: Y.Doc): NetworkItem[] =>
  new Projects(doc).all().map((project) => ({
    kind: 'project',
    id: project.id,
    title: project.title,
    // The partners and every institution responsible for a task.
    institutionIds: [
      ...new Set([
        ...project.partners,
        ...new ProjectTasks(doc, project.id).all().flatMap((t) => t.institutionId || [])
      ])
    ],
    start: project.start,
    end: project.end,
    href: `/projects/item?id=${project.id}`
  }));
