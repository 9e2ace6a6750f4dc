import { createSubscriber } from 'svelte/reactivity';
import type * as Y from 'yjs';
import { collator, type Locale } from '../shared/i18n/translate.ts';
import {
  CalendarEvents,
  Institutions,
  ProjectTasks,
  Projects,
  type CalendarEvent,
  type Institution,
  type Project,
  type Task
} from '../shared/model/network/index.ts';
import type { Workspace } from './workspace.svelte.ts';

/**
 * Joint projects, their tasks and the events calendar as components see them. Every read
 * subscribes to the workspace index, so a task a colleague moves shows up at once.
 */
export class PlansState {
  readonly doc: Y.Doc;
  readonly events: CalendarEvents;
  readonly projects: Projects;
  readonly institutions: Institutions;
  readonly #subscribe: () => void;

  constructor(doc: Y.Doc) {
    this.doc = doc;
    this.events = new CalendarEvents(doc);
    this.projects = new Projects(doc);
    this.institutions = new Institutions(doc);
    this.#subscribe = createSubscriber((update) => {
      doc.on('update', update);
      return () => doc.off('update', update);
    });
  }

  eventList(): CalendarEvent[] {
    this.#subscribe();
    return this.events.sorted();
  }

  eventsBetween(from: Date, to: Date): CalendarEvent[] {
    this.#subscribe();
    return this.events.between(from, to);
  }

  event(id: string): CalendarEvent | null {
    this.#subscribe();
    return this.events.get(id);
  }

  /** Projects, the most recently started first; those without dates last, by title. */
  projectList(locale: Locale): Project[] {
    this.#subscribe();
    const byTitle = collator(locale);
    return this.projects
      .all()
      .sort((a, b) => b.start.localeCompare(a.start) || byTitle.compare(a.title, b.title));
  }

  project(id: string): Project | null {
    this.#subscribe();
    return this.projects.get(id);
  }

  tasks(projectId: string): Task[] {
    this.#subscribe();
    return new ProjectTasks(this.doc, projectId).all();
  }

  taskStore(projectId: string): ProjectTasks {
    return new ProjectTasks(this.doc, projectId);
  }

  /** Institutions a picker offers: not archived, plus those already chosen; by name. */
  choosableInstitutions(locale: Locale, keep: readonly string[] = []): Institution[] {
    this.#subscribe();
    const byName = collator(locale);
    return this.institutions.choosable(keep).sort((a, b) => byName.compare(a.name, b.name));
  }

  institutionName(id: string): string {
    this.#subscribe();
    return this.institutions.get(id)?.name ?? '';
  }
}

const states = new WeakMap<Workspace, PlansState>();

/** The plans of the open workspace, one per workspace. */
export function plansOf(workspace: Workspace): PlansState {
  let state = states.get(workspace);
  if (!state) {
    state = new PlansState(workspace.index.doc);
    states.set(workspace, state);
  }
  return state;
}
