import path from 'node:path';
import type { Engine } from '../db/engine.ts';
import { PostgresPublicationStore } from './PostgresPublicationStore.ts';
import type { PublicationStore } from './PublicationStore.ts';
import { PUBLICATIONS_FILE, SqlitePublicationStore } from './SqlitePublicationStore.ts';

export async function openPublicationStore(engine: Engine): Promise<PublicationStore> {
  if (engine.kind === 'postgres') return PostgresPublicationStore.open(engine.pool);
  return new SqlitePublicationStore(
    path.join(engine.dataDir, PUBLICATIONS_FILE),
    engine.synchronous
  );
}
