import type { Role, WorkspaceSummary } from '../api/client.ts';
import { WorkspaceIndex } from '../shared/model/WorkspaceIndex.ts';
import { INDEX_DOC_ID, roomName } from '../shared/model/schema.ts';
import { acquireDoc, type DocLease } from '../sync/docPool.ts';
import { DocumentList } from './DocumentList.svelte.ts';
import { FavouriteList } from './FavouriteList.svelte.ts';

/** A workspace as the app holds it: its index doc, kept open while it is the current one. */
export class Workspace {
  readonly id: string;
  readonly indexLease: DocLease;
  readonly index: WorkspaceIndex;
  readonly documents: DocumentList;
  readonly favourites: FavouriteList;
  #name = $state('');
  #role = $state<Role>('viewer');

  constructor(summary: WorkspaceSummary) {
    this.id = summary.id;
    this.#name = summary.name;
    this.#role = summary.role;
    this.indexLease = acquireDoc(roomName(summary.id, INDEX_DOC_ID));
    this.index = new WorkspaceIndex(this.indexLease.doc.doc);
    this.documents = new DocumentList(this.index);
    this.favourites = new FavouriteList(this.indexLease.doc.doc);
  }

  get name(): string {
    return this.#name;
  }

  get role(): Role {
    return this.#role;
  }

  /** Owners and editors change documents; viewers only read. */
  get canWrite(): boolean {
    return this.#role !== 'viewer';
  }

  update(summary: WorkspaceSummary): void {
    this.#name = summary.name;
    this.#role = summary.role;
  }

  room(docId: string): string {
    return roomName(this.id, docId);
  }

  destroy(): void {
    this.documents.destroy();
    this.indexLease.release();
  }
}

/** The workspace the person is working in; pages read it, the layout switches it. */
class CurrentWorkspace {
  #workspace = $state.raw<Workspace | null>(null);

  get current(): Workspace | null {
    return this.#workspace;
  }

  show(summary: WorkspaceSummary | null): void {
    const open = this.#workspace;
    if (open && summary && open.id === summary.id) return open.update(summary);
    open?.destroy();
    this.#workspace = summary ? new Workspace(summary) : null;
  }
}

export const currentWorkspace = new CurrentWorkspace();

/** For pages rendered inside the layout, which only renders them once a workspace is open. */
export function useWorkspace(): Workspace {
  const workspace = currentWorkspace.current;
  if (!workspace) throw new Error('useWorkspace() before a workspace is open');
  return workspace;
}
