import { getContext, setContext } from 'svelte';
import { WorkspaceIndex } from '../model/WorkspaceIndex.ts';
import { INDEX_DOC_ID, roomName } from '../model/schema.ts';
import { acquireDoc, type DocLease } from '../sync/docPool.ts';
import { DocumentList } from './DocumentList.svelte.ts';

/** A workspace as the app holds it: its index doc, kept open while the app runs. */
export class Workspace {
  readonly id: string;
  readonly indexLease: DocLease;
  readonly index: WorkspaceIndex;
  readonly documents: DocumentList;

  constructor(id: string) {
    this.id = id;
    this.indexLease = acquireDoc(roomName(id, INDEX_DOC_ID));
    this.index = new WorkspaceIndex(this.indexLease.doc.doc);
    this.documents = new DocumentList(this.index);
  }

  room(docId: string): string {
    return roomName(this.id, docId);
  }

  destroy(): void {
    this.indexLease.release();
  }
}

const KEY = Symbol('workspace');

export function provideWorkspace(workspace: Workspace): void {
  setContext(KEY, workspace);
}

export function useWorkspace(): Workspace {
  const workspace = getContext<Workspace | undefined>(KEY);
  if (!workspace) throw new Error('useWorkspace() outside the app layout');
  return workspace;
}
