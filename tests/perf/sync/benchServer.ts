/**
 * The server side of the workspace sync benchmark: a real UzelServer in this process on a fresh
 * data folder, one signed-in owner and one workspace, filled with documents through the batch
 * endpoint (as a client would, so the stored rows look like real ones).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { loadConfig } from '../../../server/config.ts';
import { closeEngine, openEngine } from '../../../server/db/engine.ts';
import { createLogger } from '../../../server/log.ts';
import {
  decodeBatchResponse,
  encodeBatchRequest,
  SYNC_BATCH_CONTENT_TYPE,
  type BatchRequestEntry
} from '../../../src/lib/shared/protocol/syncBatch.ts';
import { writeBlocks } from '../../../src/lib/shared/model/richText.ts';
import { UzelServer } from '../../../server/UzelServer.ts';
import {
  DocumentField,
  documentRoots,
  INDEX_DOC_ID,
  indexRoots
} from '../../../src/lib/shared/model/schema.ts';
import { benchDatabase } from '../benchDatabase.ts';

export type BenchServer = {
  url: string;
  workspaceId: string;
  /** Session cookie and Origin, as the app sends them. */
  headers: Record<string, string>;
  docIds: string[];
  /** A sync token for websocket clients. */
  token: () => Promise<string>;
  /** Appends a paragraph to each of `docIds` on the server (another person's edits). */
  edit: (docIds: string[]) => Promise<void>;
  close: () => Promise<void>;
};

const PARAGRAPHS = [
  'Семинары, мастер-классы, круглые столы, дискуссии и встречи, дни партнёрского взаимодействия.',
  'Партнёрские связи учреждений культуры и дополнительного образования города помогают решать задачи образования и воспитания.',
  'Участники: педагоги дополнительного образования, библиотекари, сотрудники музея народной культуры.',
  'Ход занятия: знакомство с промыслом, работа с материалом, выставка работ, обсуждение итогов.'
];

export async function startBenchServer(docCount: number): Promise<BenchServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'uzel-bench-sync-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: 'silent',
    SAMPLE_DATA: 'off',
    // Every naive client connects under one person.
    MAX_CONNECTIONS_PER_USER: '256',
    MESSAGES_PER_SECOND: '1000',
    ROOM_IDLE_MS: '2000'
  });
  // BENCH_ENGINE=postgres: every store on a fresh PostgreSQL database of the run's own.
  const database = process.env.BENCH_ENGINE === 'postgres' ? await benchDatabase() : null;
  if (database) config.databaseUrl = database.url;
  const engine = await openEngine(config);
  const server = await UzelServer.onEngine({ config, log: createLogger('silent') }, engine);
  const url = await server.listen();
  const headers: Record<string, string> = { origin: url };

  const json = async (pathname: string, body: unknown) => {
    const res = await fetch(url + pathname, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(body)
    });
    const cookie = res.headers.getSetCookie()[0]?.split(';')[0];
    if (cookie) headers.cookie = cookie;
    if (!res.ok) throw new Error(`${pathname} answered ${res.status}`);
    return res.json() as Promise<Record<string, any>>;
  };
  const email = `bench.${Date.now()}@example.org`;
  await json('/api/auth/register', {
    email,
    password: 'пароль-для-замера',
    displayName: 'Замер Синхронизации'
  });
  await json('/api/auth/login', { email, password: 'пароль-для-замера' });
  const workspaceId = (await json('/api/workspaces', { name: 'Замер' })).workspace.id as string;

  const batch = async (entries: BatchRequestEntry[]) => {
    for (let i = 0; i < entries.length; i += 64) {
      const res = await fetch(`${url}/api/workspaces/${workspaceId}/sync`, {
        method: 'POST',
        headers: { ...headers, 'content-type': SYNC_BATCH_CONTENT_TYPE },
        body: encodeBatchRequest(entries.slice(i, i + 64)) as BodyInit
      });
      if (!res.ok) throw new Error(`batch answered ${res.status}: ${await res.text()}`);
      decodeBatchResponse(new Uint8Array(await res.arrayBuffer()));
    }
  };

  const docIds = Array.from({ length: docCount }, (_, i) => `bench-${String(i).padStart(4, '0')}`);
  const index = new Y.Doc();
  const documents = indexRoots.documents(index);
  const entries: BatchRequestEntry[] = docIds.map((id, i) => {
    const doc = new Y.Doc();
    writeBlocks(documentRoots.content(doc), [
      { type: 'heading', level: 2, text: `Мастер-класс №${i + 1}` },
      ...PARAGRAPHS.map((p) => ({ type: 'paragraph' as const, runs: [p] }))
    ]);
    const meta = new Y.Map<unknown>();
    meta.set(DocumentField.title, `Мастер-класс №${i + 1}`);
    meta.set(DocumentField.createdAt, Date.now());
    meta.set(DocumentField.updatedAt, Date.now());
    meta.set(DocumentField.deletedAt, null);
    documents.set(id, meta);
    return { docId: id, stateVector: new Uint8Array([0]), update: Y.encodeStateAsUpdate(doc) };
  });
  entries.push({
    docId: INDEX_DOC_ID,
    stateVector: new Uint8Array([0]),
    update: Y.encodeStateAsUpdate(index)
  });
  await batch(entries);

  return {
    url,
    workspaceId,
    headers,
    docIds: [INDEX_DOC_ID, ...docIds],
    token: async () => (await json(`/api/workspaces/${workspaceId}/token`, {})).token as string,
    edit: async (ids) => {
      // A new paragraph from another client: an update independent of the current state.
      await batch(
        ids.map((docId) => {
          const doc = new Y.Doc();
          writeBlocks(documentRoots.content(doc), [
            { type: 'paragraph', runs: ['Дополнение: итоги встречи.'] }
          ]);
          return { docId, stateVector: new Uint8Array([0]), update: Y.encodeStateAsUpdate(doc) };
        })
      );
    },
    close: async () => {
      await server.close();
      await closeEngine(engine);
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  };
}
