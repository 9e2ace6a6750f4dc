import { describe, expect, it } from 'vitest';
import { WorkspaceIndex } from '../../../src/lib/shared/model/WorkspaceIndex.ts';
import type { ToWorker } from '../../../src/lib/search/protocol.ts';
import { SearchClient } from '../../../src/lib/search/SearchClient.ts';
import { generateIndex } from '../../perf/treeWorkspace.ts';
import { waitFor } from '../helpers/wait.ts';

/** A stand-in for the search worker that records what the page tells it. */
class RecordingWorker {
  readonly posted: ToWorker[] = [];
  onmessage: unknown = null;
  onerror: unknown = null;
  postMessage(message: ToWorker): void {
    this.posted.push(message);
  }
  terminate(): void {}
  of<K extends ToWorker['kind']>(kind: K): Extract<ToWorker, { kind: K }>[] {
    return this.posted.filter((m): m is Extract<ToWorker, { kind: K }> => m.kind === kind);
  }
}

function client(index: WorkspaceIndex, whenIndexLoaded?: Promise<void>) {
  const worker = new RecordingWorker();
  const search = new SearchClient('ws', index, {
    labelOf: (key) => key,
    worker: worker as unknown as Worker,
    whenIndexLoaded
  });
  return { worker, search };
}

describe('the page side of search', () => {
  it('SR18 the worker first gets every live document of a large index, read in pieces; later only what changed', async () => {
    // 3,000 documents in 60 collections, written as the app writes them.
    const index = new WorkspaceIndex(generateIndex(3000).doc);
    const ids = index.ids().filter((id) => id.startsWith('doc'));
    index.delete(ids[0]!, 5000); // in the bin: not searched
    const { worker, search } = client(index);
    await waitFor(() => worker.of('reconcile').length === 1, 'the worker got the index');
    const [reconcile] = worker.of('reconcile');
    expect(reconcile!.docs).toHaveLength(3060 - 1);
    expect(reconcile!.docs.some((d) => d.id === ids[0])).toBe(false);

    index.rename(ids[1]!, 'Театр на окошке', 6000);
    index.delete(ids[2]!, 6001);
    await waitFor(() => worker.of('update').length === 1, 'the worker got the changes');
    const [update] = worker.of('update');
    expect(update!.docs.map((d) => [d.id, d.title])).toEqual([[ids[1], 'Театр на окошке']]);
    expect(update!.removed).toEqual([ids[2]]);
    search.destroy();
  });

  it('SR18 an entry changed while the index is still being read reaches the worker afterwards', async () => {
    const index = new WorkspaceIndex(generateIndex(5000).doc);
    const { worker, search } = client(index);
    // The reading runs in pieces with the event loop turning in between: change an entry then.
    const added = await new Promise<string>((resolve) =>
      setTimeout(() => resolve(index.create('Краеведческая справка о Куликовом поле', 9000)), 0)
    );
    await waitFor(
      () =>
        [
          ...(worker.of('reconcile')[0]?.docs ?? []),
          ...worker.of('update').flatMap((u) => u.docs)
        ].some((d) => d.id === added),
      'the worker was told of the new entry'
    );
    search.destroy();
  });
});
