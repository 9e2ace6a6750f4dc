import path from 'node:path';
import type { Engine } from '../db/engine.ts';
import type { HistoryStore } from './HistoryStore.ts';
import { PostgresHistoryStore } from './PostgresHistoryStore.ts';
import { SqliteHistoryStore } from './SqliteHistoryStore.ts';

export const HISTORY_FILE = 'history.sqlite';

export async function openHistoryStore(engine: Engine): Promise<HistoryStore> {
  if (engine.kind === 'postgres') return PostgresHistoryStore.open(engine.pool);
  return new SqliteHistoryStore(path.join(engine.dataDir, HISTORY_FILE), engine.synchronous);
}
