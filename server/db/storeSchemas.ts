import { ACCOUNTS_FILE } from '../accounts/store/SqliteAccountStore.ts';
import { ACCOUNTS_SCHEMA } from '../accounts/store/accountsSchema.ts';
import { SIGNING_KEY_SCHEMA } from '../accounts/secretKey.ts';
import { BLOB_SCHEMA } from '../blobs/blobSchema.ts';
import { BLOBS_FILE } from '../blobs/SqliteBlobEngine.ts';
import { FEEDS_FILE } from '../calendar/SqliteFeedTokens.ts';
import { FEED_TOKENS_SCHEMA } from '../calendar/feedTokensSchema.ts';
import { HISTORY_SCHEMA } from '../history/historySchema.ts';
import { HISTORY_FILE } from '../history/openHistoryStore.ts';
import { PUBLICATIONS_SCHEMA } from '../publishing/database.ts';
import { PUBLICATIONS_FILE } from '../publishing/SqlitePublicationStore.ts';
import { DOCUMENTS_FILE, ROOM_SCHEMA } from '../storage/roomSchema.ts';
import type { StoreSchema } from './migrations.ts';

/**
 * Every store's schema, with the file it has in DATA_DIR on SQLite (none: the signing key is
 * `secret.key`, not a database). Each store migrates itself when the server opens it; the admin
 * command's `migrate` goes through this list, so the two can never disagree on what exists.
 */
export const STORE_SCHEMAS: readonly { schema: StoreSchema; sqliteFile: string | null }[] = [
  { schema: ROOM_SCHEMA, sqliteFile: DOCUMENTS_FILE },
  { schema: ACCOUNTS_SCHEMA, sqliteFile: ACCOUNTS_FILE },
  { schema: HISTORY_SCHEMA, sqliteFile: HISTORY_FILE },
  { schema: PUBLICATIONS_SCHEMA, sqliteFile: PUBLICATIONS_FILE },
  { schema: BLOB_SCHEMA, sqliteFile: BLOBS_FILE },
  { schema: FEED_TOKENS_SCHEMA, sqliteFile: FEEDS_FILE },
  { schema: SIGNING_KEY_SCHEMA, sqliteFile: null }
];
