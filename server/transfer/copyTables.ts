import { ACCOUNTS_FILE } from '../accounts/store/SqliteAccountStore.ts';
import { BLOBS_FILE } from '../blobs/SqliteBlobEngine.ts';
import { FEEDS_FILE } from '../calendar/SqliteFeedTokens.ts';
import { HISTORY_FILE } from '../history/openHistoryStore.ts';
import { foldForSearch, searchWords } from '../publishing/catalogueSearch.ts';
import { PUBLICATIONS_FILE } from '../publishing/SqlitePublicationStore.ts';
import type { PinnedMeta } from '../publishing/types.ts';
import { DOCUMENTS_FILE } from '../storage/roomSchema.ts';

type Row = Record<string, unknown>;

/**
 * One SQLite table and the PostgreSQL table its rows go to. Columns are the ones both sides
 * have (PostgreSQL's generated and serial-only columns are left to it), plus what `derive`
 * adds from a row: data only the PostgreSQL engine keeps.
 */
export type TableCopy = {
  store: string;
  file: string;
  from: string;
  to: string;
  derive?: { columns: string[]; values: (row: Row) => Row };
  /** A serial id copied as it is: the sequence behind it is moved past the largest. */
  serial?: string;
};

/** The catalogue's words of a published version, as the PostgreSQL engine writes them on publish. */
function searchColumns(row: Row): Row {
  if (row.status !== 'published' || typeof row.pinned !== 'string')
    return { search_title: null, search_fields: null, search_body: null };
  const words = searchWords(JSON.parse(row.pinned) as PinnedMeta);
  return {
    search_title: foldForSearch(words.title),
    search_fields: foldForSearch(words.fields),
    search_body: foldForSearch(words.body)
  };
}

/** In an order that keeps foreign keys satisfied (people and workspaces before memberships). */
export const TABLE_COPIES: readonly TableCopy[] = [
  { store: 'documents', file: DOCUMENTS_FILE, from: 'room_updates', to: 'room_updates' },
  { store: 'documents', file: DOCUMENTS_FILE, from: 'room_snapshots', to: 'room_snapshots' },
  { store: 'documents', file: DOCUMENTS_FILE, from: 'room_clocks', to: 'room_clocks' },
  {
    store: 'documents',
    file: DOCUMENTS_FILE,
    from: 'room_client_owners',
    to: 'room_client_owners'
  },
  { store: 'accounts', file: ACCOUNTS_FILE, from: 'users', to: 'users' },
  { store: 'accounts', file: ACCOUNTS_FILE, from: 'workspaces', to: 'workspaces' },
  { store: 'accounts', file: ACCOUNTS_FILE, from: 'memberships', to: 'memberships' },
  { store: 'accounts', file: ACCOUNTS_FILE, from: 'sessions', to: 'sessions' },
  { store: 'accounts', file: ACCOUNTS_FILE, from: 'invites', to: 'invites' },
  { store: 'accounts', file: ACCOUNTS_FILE, from: 'password_resets', to: 'password_resets' },
  { store: 'accounts', file: ACCOUNTS_FILE, from: 'deleted_users', to: 'deleted_users' },
  { store: 'accounts', file: ACCOUNTS_FILE, from: 'deleted_members', to: 'deleted_members' },
  { store: 'history', file: HISTORY_FILE, from: 'versions', to: 'history_versions', serial: 'id' },
  { store: 'publications', file: PUBLICATIONS_FILE, from: 'sites', to: 'publication_sites' },
  {
    store: 'publications',
    file: PUBLICATIONS_FILE,
    from: 'publishers',
    to: 'publication_publishers'
  },
  {
    store: 'publications',
    file: PUBLICATIONS_FILE,
    from: 'publications',
    to: 'publications',
    derive: { columns: ['search_title', 'search_fields', 'search_body'], values: searchColumns }
  },
  {
    store: 'publications',
    file: PUBLICATIONS_FILE,
    from: 'publication_parts',
    to: 'publication_parts'
  },
  { store: 'blobs', file: BLOBS_FILE, from: 'blobs', to: 'blobs' },
  { store: 'calendar-feeds', file: FEEDS_FILE, from: 'calendar_feeds', to: 'calendar_feeds' }
];
