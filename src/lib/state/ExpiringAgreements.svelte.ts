import { createSubscriber } from 'svelte/reactivity';
import type * as Y from 'yjs';
import { Agreements, type Agreement } from '../shared/model/network/agreements.ts';
import { Institutions } from '../shared/model/network/institutions.ts';
import type { Workspace } from './workspace.svelte.ts';

/**
 * The home page's flag of agreements running out. It reads agreements and institutions straight
 * from their modules, not through NetworkState: that one brings the whole network model (projects,
 * tasks, events and their calendar code), which the home page does not need.
 */
export class ExpiringAgreementsState {
  readonly institutions: Institutions;
  readonly #agreements: Agreements;
  readonly #subscribe: () => void;

  constructor(doc: Y.Doc) {
    this.institutions = new Institutions(doc);
    this.#agreements = new Agreements(doc);
    this.#subscribe = createSubscriber((update) => {
      doc.on('update', update);
      return () => doc.off('update', update);
    });
  }

  /** Active agreements that run out within the warning period, nearest first. */
  list(today: string): (Agreement & { daysLeft: number })[] {
    this.#subscribe();
    return this.#agreements.expiring(today);
  }
}

const states = new WeakMap<Workspace, ExpiringAgreementsState>();

export function expiringAgreementsOf(workspace: Workspace): ExpiringAgreementsState {
  let state = states.get(workspace);
  if (!state) {
    state = new ExpiringAgreementsState(workspace.index.doc);
    states.set(workspace, state);
  }
  return state;
}
