import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { translate, type MessageKey } from '../../../src/lib/shared/i18n/translate.ts';
import {
  blankTask,
  Institutions,
  ProjectTasks,
  Projects,
  removeInstitution,
  type ProjectValues,
  type TaskInput
} from '../../../src/lib/shared/model/network/index.ts';
import { institution, replicas } from './fixtures.ts';

const ru = (key: string) => translate('ru', key as MessageKey);

function project(patch: Partial<ProjectValues> = {}): ProjectValues {
  return {
    ...new Projects(new Y.Doc()).blank(),
    title: 'Народные промыслы родного края',
    goal: 'Познакомить детей с традиционными ремёслами',
    start: '2026-09-01',
    end: '2027-05-31',
    ...patch
  };
}

const task = (title: string, patch: Partial<TaskInput> = {}): TaskInput => ({
  ...blankTask(),
  title,
  ...patch
});

/** A project with tasks «1»…«n» planned, on doc `a` of two synced replicas. */
function boardOf(n: number) {
  const r = replicas();
  const created = new Projects(r.a).create(project());
  if (!created.ok) throw new Error('fixture');
  const tasks = new ProjectTasks(r.a, created.id);
  const ids = Array.from({ length: n }, (_, i) => {
    const added = tasks.add(task(String(i + 1)));
    if (!added.ok) throw new Error('fixture');
    return added.id;
  });
  return { ...r, projectId: created.id, ids };
}

const columns = (doc: Y.Doc, projectId: string) => {
  const out: Record<string, string[]> = {};
  for (const t of new ProjectTasks(doc, projectId).all()) (out[t.status] ??= []).push(t.title);
  return out;
};

describe('projects model', () => {
  it('PE1 a project keeps its partners, dates and plan; tasks keep their fields', () => {
    const doc = new Y.Doc();
    const partner = new Institutions(doc).create(institution());
    if (!partner.ok) throw new Error('fixture');
    const projects = new Projects(doc);
    const created = projects.create(project({ partners: [partner.id] }));
    if (!created.ok) throw new Error('fixture');
    expect(projects.get(created.id)).toMatchObject({
      title: 'Народные промыслы родного края',
      partners: [partner.id],
      start: '2026-09-01',
      end: '2027-05-31'
    });
    const tasks = new ProjectTasks(doc, created.id);
    const added = tasks.add(
      task('Подготовить выставку работ', {
        institutionId: partner.id,
        person: 'Лобанова Л. Е.',
        due: '2026-11-20'
      })
    );
    expect(added.ok).toBe(true);
    expect(tasks.all()).toEqual([
      expect.objectContaining({
        title: 'Подготовить выставку работ',
        institutionId: partner.id,
        person: 'Лобанова Л. Е.',
        due: '2026-11-20',
        status: 'planned'
      })
    ]);
    // The responsible institution ties it to the project too: it cannot be deleted.
    expect(removeInstitution(new Institutions(doc), partner.id).ok).toBe(false);
  });

  it('PE2 invalid projects and tasks are refused with Russian messages', () => {
    const projects = new Projects(new Y.Doc());
    const errors = projects.validate(
      project({ title: '', start: '2027-01-01', end: '2026-01-01' })
    );
    expect(ru(errors.title!)).toBe('Укажите название проекта');
    expect(ru(errors.end!)).toBe('Окончание не может быть раньше начала');
    expect(ru(projects.validate(project({ start: '2026-02-30' })).start!)).toBe(
      'Дата указана неверно'
    );
    const { a, projectId } = boardOf(0);
    const tasks = new ProjectTasks(a, projectId);
    const bad = tasks.add(task(' ', { start: '2026-12-01', due: '2026-11-01' }));
    expect(bad.ok).toBe(false);
    const taskErrors = (bad as { errors: Record<string, string> }).errors;
    expect(ru(taskErrors.title!)).toBe('Опишите задачу');
    expect(ru(taskErrors.due!)).toBe('Срок не может быть раньше начала работы');
    expect(tasks.all()).toEqual([]);
    expect(
      ['planned', 'inProgress', 'done', 'cancelled'].map((s) => ru(`task.status.${s}`))
    ).toEqual(['запланирована', 'в работе', 'выполнена', 'отменена']);
  });

  it('PE5 moving a task sets its column and its place among the others', () => {
    const { a, projectId, ids } = boardOf(3);
    const tasks = new ProjectTasks(a, projectId);
    tasks.move(ids[2]!, 'planned', ids[0]!);
    expect(columns(a, projectId)).toEqual({ planned: ['3', '1', '2'] });
    tasks.move(ids[0]!, 'inProgress');
    tasks.move(ids[1]!, 'inProgress', ids[0]!);
    expect(columns(a, projectId)).toEqual({ planned: ['3'], inProgress: ['2', '1'] });
  });

  it('PE5 two people moving different tasks at the same time both keep their move', () => {
    const { a, b, projectId, ids, disconnect, connect } = boardOf(4);
    disconnect();
    new ProjectTasks(a, projectId).move(ids[0]!, 'done');
    new ProjectTasks(a, projectId).update(ids[0]!, { person: 'Иванова' });
    new ProjectTasks(b, projectId).move(ids[1]!, 'inProgress');
    new ProjectTasks(b, projectId).move(ids[3]!, 'planned', ids[2]!);
    connect();
    const expected = { planned: ['4', '3'], inProgress: ['2'], done: ['1'] };
    expect(columns(a, projectId)).toEqual(expected);
    expect(columns(b, projectId)).toEqual(expected);
    expect(new ProjectTasks(b, projectId).get(ids[0]!)?.person).toBe('Иванова');
  });

  it('PE5 two tasks dropped at the same place at once get a stable order on both sides', () => {
    const { a, b, projectId, ids, disconnect, connect } = boardOf(3);
    disconnect();
    new ProjectTasks(a, projectId).move(ids[0]!, 'done');
    new ProjectTasks(b, projectId).move(ids[1]!, 'done');
    connect();
    expect(columns(a, projectId)).toEqual(columns(b, projectId));
    // Their keys may be equal; a later move between them still works.
    new ProjectTasks(a, projectId).move(
      ids[2]!,
      'done',
      new ProjectTasks(a, projectId).column('done')[1]!.id
    );
    expect(new ProjectTasks(a, projectId).column('done').map((t) => t.title)).toHaveLength(3);
    expect(new ProjectTasks(a, projectId).column('done')[1]!.title).toBe('3');
  });

  it('PE5 two people adding the first tasks of a new project at once both keep theirs', () => {
    const { a, b, projectId, disconnect, connect } = boardOf(0);
    disconnect();
    new ProjectTasks(a, projectId).add(task('Афиша'));
    new ProjectTasks(b, projectId).add(task('Пресс-релиз'));
    connect();
    expect(
      new ProjectTasks(a, projectId)
        .all()
        .map((t) => t.title)
        .sort()
    ).toEqual(['Афиша', 'Пресс-релиз']);
  });

  it('PE1 a malformed task written by a peer reads with safe defaults', () => {
    const { a, projectId, ids } = boardOf(1);
    const map = a.getMap<Y.Map<Y.Map<unknown>>>('projects').get(projectId)!.get('tasks') as Y.Map<
      Y.Map<unknown>
    >;
    map.get(ids[0]!)!.set('status', 'lost');
    map.get(ids[0]!)!.set('due', '31.12.2026');
    expect(new ProjectTasks(a, projectId).get(ids[0]!)).toMatchObject({
      status: 'planned',
      due: ''
    });
  });
});
