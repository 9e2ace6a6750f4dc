import path from 'node:path';
import { openSigningKey } from './accounts/secretKey.ts';
import { BlobStore, openBlobStore } from './blobs/BlobStore.ts';
import type { Config } from './config.ts';
import type { Engine } from './db/engine.ts';
import type { HistoryStore } from './history/HistoryStore.ts';
import { HISTORY_FILE, openHistoryStore } from './history/openHistoryStore.ts';
import { SqliteHistoryStore } from './history/SqliteHistoryStore.ts';
import { openPublicationStore } from './publishing/openPublicationStore.ts';
import type { PublicationStore } from './publishing/PublicationStore.ts';
import { PUBLICATIONS_FILE, SqlitePublicationStore } from './publishing/SqlitePublicationStore.ts';

/**
 * The stores behind version history, publishing, files and the sync-token key, each opened on the
 * configured engine. Built here and nowhere else, so the server's assembly picks engines once.
 */
export type ContentStores = {
  history: HistoryStore;
  publications: PublicationStore;
  blobs: BlobStore;
  /** Read at start on PostgreSQL; undefined leaves accounts to create `secret.key` on first use. */
  signingKey?: Buffer;
};

export async function openContentStores(engine: Engine, config: Config): Promise<ContentStores> {
  const history = await openHistoryStore(engine);
  const publications = await openPublicationStore(engine);
  const blobs = await openBlobStore(engine, BlobStore.limitsOf(config), config.dataDir);
  const signingKey =
    engine.kind === 'postgres' ? await (await openSigningKey(engine)).key() : undefined;
  return { history, publications, blobs, signingKey };
}

/** The embedded default, opened synchronously for a server built without an engine. */
export function sqliteContentStores(config: Config): ContentStores {
  return {
    history: new SqliteHistoryStore(path.join(config.dataDir, HISTORY_FILE), config.sqliteSync),
    publications: new SqlitePublicationStore(
      path.join(config.dataDir, PUBLICATIONS_FILE),
      config.sqliteSync
    ),
    blobs: BlobStore.inDataDir(config)
  };
}

export async function closeContentStores(stores: ContentStores): Promise<void> {
  await Promise.all([stores.history.close(), stores.publications.close(), stores.blobs.close()]);
}
