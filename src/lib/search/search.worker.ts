/// <reference lib="webworker" />
import type { FromWorker, ToWorker } from './protocol.ts';
import { SearchService } from './SearchService.ts';

/**
 * The search worker owns the index, so building it, reading documents from IndexedDB and saving
 * never block typing on the page. It answers searches as soon as the saved index is loaded,
 * while catching up in the background.
 */

declare const self: DedicatedWorkerGlobalScope;

let service: Promise<SearchService> | null = null;

function post(message: FromWorker): void {
  self.postMessage(message);
}

async function reportStatus(): Promise<void> {
  if (service) post({ kind: 'status', status: (await service).status });
}

async function handle(message: ToWorker): Promise<void> {
  if (message.kind === 'open') {
    if (service) return;
    service = SearchService.open({ idb: self.indexedDB, workspaceId: message.workspaceId });
    return reportStatus();
  }
  if (!service) throw new Error('The search index is not open');
  const ready = await service;
  switch (message.kind) {
    case 'reconcile':
      void ready.reconcile(message.docs).then(reportStatus);
      return reportStatus();
    case 'update':
      void ready.update(message.docs, message.removed).then(reportStatus);
      return;
    case 'changed':
      void ready.documentChanged(message.ids).then(reportStatus);
      return;
    case 'text':
      await ready.setText(message.id, message.text);
      return;
    case 'search':
      return post({
        kind: 'result',
        requestId: message.requestId,
        result: ready.search(message.query)
      });
    case 'flush':
      await ready.flush();
      return post({ kind: 'flushed', requestId: message.requestId });
  }
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  handle(message).catch((error: unknown) => {
    const requestId = 'requestId' in message ? message.requestId : null;
    post({
      kind: 'failed',
      requestId,
      message: error instanceof Error ? error.message : String(error)
    });
  });
};
