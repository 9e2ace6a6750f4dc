import { createSubscriber } from 'svelte/reactivity';
import type * as Y from 'yjs';
import { collator, type Locale } from '../shared/i18n/translate.ts';
import {
  Agreements,
  Institutions,
  networkItems,
  type Agreement,
  type Institution,
  type NetworkItem
} from '../shared/model/network/index.ts';
import type { Workspace } from './workspace.svelte.ts';

/**
 * The partner network as components see it: reads recompute when the workspace index changes,
 * locally or from a peer. Any change of the index counts, so kinds registered later (projects,
 * events) refresh the map and the report without being known here.
 */
export class NetworkState {
  readonly institutions: Institutions;
  readonly agreements: Agreements;
  readonly doc: Y.Doc;
  readonly #subscribe: () => void;

  constructor(doc: Y.Doc) {
    this.doc = doc;
    this.institutions = new Institutions(doc);
    this.agreements = new Agreements(doc);
    this.#subscribe = createSubscriber((update) => {
      doc.on('update', update);
      return () => doc.off('update', update);
    });
  }

  /** Every institution, archived ones included, by name in the reader's order. */
  institutionList(locale: Locale): Institution[] {
    this.#subscribe();
    const byName = collator(locale);
    return this.institutions.all().sort((a, b) => byName.compare(a.name, b.name));
  }

  institution(id: string): Institution | null {
    this.#subscribe();
    return this.institutions.get(id);
  }

  /** Agreements, most recently signed first (drafts without a date last). */
  agreementList(): Agreement[] {
    this.#subscribe();
    return this.agreements
      .all()
      .sort((a, b) => b.signedAt.localeCompare(a.signedAt) || b.createdAt - a.createdAt);
  }

  agreement(id: string): Agreement | null {
    this.#subscribe();
    return this.agreements.get(id);
  }

  /** Everything that ties institutions together (see model/network/cooperation.ts). */
  items(): NetworkItem[] {
    this.#subscribe();
    return networkItems(this.doc);
  }
}

const states = new WeakMap<Workspace, NetworkState>();

/** The network of the open workspace, one per workspace. */
export function networkOf(workspace: Workspace): NetworkState {
  let state = states.get(workspace);
  if (!state) {
    state = new NetworkState(workspace.index.doc);
    states.set(workspace, state);
  }
  return state;
}
