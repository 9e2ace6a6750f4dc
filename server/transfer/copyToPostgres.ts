import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import type { Pool, PoolClient } from 'pg';
import { SECRET_FILE, loadOrCreateSecret } from '../accounts/secretKey.ts';
import { CHUNK_BYTES } from '../blobs/PostgresBlobEngine.ts';
import { BLOBS_FILE } from '../blobs/SqliteBlobEngine.ts';
import { migrateStores } from '../db/migrateStores.ts';
import { foldUpdates, workspaceOf } from '../storage/foldUpdates.ts';
import { DOCUMENTS_FILE } from '../storage/roomSchema.ts';
import { TABLE_COPIES, type TableCopy } from './copyTables.ts';

/** The copy cannot start or did not verify; nothing of it is committed. */
export class CopyError extends Error {
  override name = 'CopyError';
}

type Row = Record<string, unknown>;

/** Rows per INSERT stay under PostgreSQL's 65,535 parameters and a few megabytes of data. */
const MAX_PARAMETERS = 30_000;
const MAX_BATCH_BYTES = 8 * 1024 * 1024;

export type CopyReport = {
  tables: { table: string; rows: number }[];
  rooms: number;
  files: number;
};

/**
 * Copies an installation's DATA_DIR (documents, accounts with sessions and invites, version
 * history, publications, file metadata and bytes, calendar feeds, the signing key) into an empty
 * PostgreSQL database, in one transaction, then checks every table's row count and every
 * document's state against the SQLite files. The server must not run on DATA_DIR meanwhile.
 */
export async function copyToPostgres(
  dataDir: string,
  pool: Pool,
  progress: (line: string) => void
): Promise<CopyReport> {
  if (!existsSync(path.join(dataDir, DOCUMENTS_FILE)))
    throw new CopyError(`DATA_DIR ${dataDir} holds no Uzel installation (no ${DOCUMENTS_FILE})`);
  await refuseNonEmpty(pool);
  // Both sides at this version's schema, through the one migration mechanism.
  await migrateStores({ kind: 'sqlite', dataDir, synchronous: 'full' });
  await migrateStores({ kind: 'postgres', pool });
  progress('Tables created in the PostgreSQL database of DATABASE_URL.');

  const files = new Map<string, Database.Database>();
  const sqlite = (file: string) => {
    let db = files.get(file);
    if (!db) {
      db = new Database(path.join(dataDir, file), { readonly: true, fileMustExist: true });
      files.set(file, db);
    }
    return db;
  };
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const tables: CopyReport['tables'] = [];
    for (const copy of TABLE_COPIES) {
      const rows = await copyTable(sqlite(copy.file), client, copy);
      tables.push({ table: copy.to, rows });
      progress(`${copy.store}: ${rows} rows of ${copy.from} copied into ${copy.to}`);
    }
    await setWorkspaceSequences(client);
    const fileCount = await copyBlobBytes(dataDir, sqlite, client, progress);
    if (existsSync(path.join(dataDir, SECRET_FILE))) {
      await client.query('INSERT INTO signing_key (id, key, created_at) VALUES (1, $1, $2)', [
        loadOrCreateSecret(dataDir),
        Date.now()
      ]);
      progress('signing key: copied (sync tokens signed before stay valid)');
    }
    // Checked inside the copy's transaction: a difference rolls it all back.
    progress('Verifying…');
    for (const copy of TABLE_COPIES) await verifyCount(sqlite(copy.file), client, copy);
    const rooms = await verifyDocuments(sqlite(DOCUMENTS_FILE), client);
    await client.query('COMMIT');
    progress(
      `verified: every table's row count, the state of ${rooms} documents, ${fileCount} files`
    );
    return { tables, rooms, files: fileCount };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
    for (const db of files.values()) db.close();
  }
}

/**
 * Empty means: nothing but Uzel's own tables, none of them holding a row (a copy that failed
 * half way left its tables, empty, and may be run again).
 */
async function refuseNonEmpty(pool: Pool): Promise<void> {
  const ours = new Set(['uzel_schema_versions', 'signing_key', 'workspace_sequences']);
  for (const c of TABLE_COPIES) ours.add(c.to);
  ours.add('blob_chunks').add('blob_bytes');
  const { rows } = await pool.query<{ table: string }>(
    `SELECT tablename AS table FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`
  );
  const foreign = rows.map((r) => r.table).filter((t) => !ours.has(t));
  if (foreign.length > 0)
    throw new CopyError(
      `DATABASE_URL names a database that is not empty (it has tables such as ${foreign.slice(0, 3).join(', ')}); copy-to-postgres needs an empty one`
    );
  for (const { table } of rows) {
    if (table === 'uzel_schema_versions') continue;
    const any = await pool.query(`SELECT 1 FROM ${quote(table)} LIMIT 1`);
    if (any.rowCount)
      throw new CopyError(
        `DATABASE_URL names a database that already holds Uzel data (table ${table}); copy-to-postgres needs an empty one`
      );
  }
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function copyTable(
  db: Database.Database,
  client: PoolClient,
  copy: TableCopy
): Promise<number> {
  const target = await client.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER'
     ORDER BY ordinal_position`,
    [copy.to]
  );
  const source = new Set(
    (db.pragma(`table_info(${quote(copy.from)})`) as { name: string }[]).map((c) => c.name)
  );
  const derived = new Set(copy.derive?.columns ?? []);
  const columns = target.rows
    .map((r) => r.column_name)
    .filter((c) => source.has(c) || derived.has(c));
  const perBatch = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  let batch: unknown[][] = [];
  let bytes = 0;
  let count = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const values = batch.map(
      (_, r) => `(${columns.map((__, c) => `$${r * columns.length + c + 1}`).join(', ')})`
    );
    await client.query(
      `INSERT INTO ${quote(copy.to)} (${columns.map(quote).join(', ')}) VALUES ${values.join(', ')}`,
      batch.flat()
    );
    count += batch.length;
    batch = [];
    bytes = 0;
  };
  for (const row of db.prepare(`SELECT * FROM ${quote(copy.from)}`).iterate() as Iterable<Row>) {
    const full = copy.derive ? { ...row, ...copy.derive.values(row) } : row;
    const values = columns.map((c) => full[c] ?? null);
    for (const v of values) if (Buffer.isBuffer(v)) bytes += v.byteLength;
    batch.push(values);
    if (batch.length >= perBatch || bytes >= MAX_BATCH_BYTES) await flush();
  }
  await flush();
  if (copy.serial)
    await client.query(
      `SELECT setval(pg_get_serial_sequence($1, $2), GREATEST((SELECT MAX(${quote(copy.serial)}) FROM ${quote(copy.to)}), 1))`,
      [copy.to, copy.serial]
    );
  return count;
}

/**
 * SQLite numbers every update from one sequence; PostgreSQL from a counter per workspace. Each
 * counter starts after the largest number its workspace has, so a new update sorts after all.
 */
async function setWorkspaceSequences(client: PoolClient): Promise<void> {
  const { rows } = await client.query<{ room: string; clock: string }>(
    'SELECT room, clock FROM room_clocks'
  );
  const last = new Map<string, number>();
  for (const r of rows)
    last.set(workspaceOf(r.room), Math.max(last.get(workspaceOf(r.room)) ?? 0, Number(r.clock)));
  if (last.size === 0) return;
  await client.query(
    `INSERT INTO workspace_sequences (workspace, seq) SELECT * FROM unnest($1::text[], $2::int8[])`,
    [[...last.keys()], [...last.values()]]
  );
}

/** File bytes from `DATA_DIR/blobs/<2 hex>/<hash>` into chunks, once per hash. */
async function copyBlobBytes(
  dataDir: string,
  sqlite: (file: string) => Database.Database,
  client: PoolClient,
  progress: (line: string) => void
): Promise<number> {
  const hashes = sqlite(BLOBS_FILE)
    .prepare<[], { hash: string; size: number }>(
      'SELECT hash, MAX(size) AS size FROM blobs GROUP BY hash'
    )
    .all();
  let done = 0;
  for (const { hash, size } of hashes) {
    const file = await open(path.join(dataDir, 'blobs', hash.slice(0, 2), hash), 'r').catch(
      (err: NodeJS.ErrnoException) => {
        throw new CopyError(`the bytes of file ${hash} are missing from DATA_DIR (${err.code})`);
      }
    );
    let n = 0;
    let offset = 0;
    try {
      const buffer = Buffer.alloc(CHUNK_BYTES);
      while (offset < size) {
        const { bytesRead } = await file.read(buffer, 0, CHUNK_BYTES, offset);
        if (bytesRead === 0) throw new CopyError(`file ${hash} is shorter than its recorded size`);
        await client.query('INSERT INTO blob_chunks (hash, n, data) VALUES ($1, $2, $3)', [
          hash,
          n++,
          buffer.subarray(0, bytesRead)
        ]);
        offset += bytesRead;
      }
    } finally {
      await file.close();
    }
    await client.query('INSERT INTO blob_bytes (hash, size, chunks) VALUES ($1, $2, $3)', [
      hash,
      size,
      n
    ]);
    if (++done % 100 === 0) progress(`files: ${done} of ${hashes.length} copied`);
  }
  progress(`files: ${done} copied`);
  return done;
}

async function verifyCount(
  db: Database.Database,
  client: PoolClient,
  copy: TableCopy
): Promise<void> {
  const expected = (
    db.prepare(`SELECT COUNT(*) AS n FROM ${quote(copy.from)}`).get() as { n: number }
  ).n;
  const { rows } = await client.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${quote(copy.to)}`);
  if (Number(rows[0]!.n) !== expected)
    throw new CopyError(
      `verification failed: ${copy.to} has ${rows[0]!.n} rows, ${copy.from} in SQLite has ${expected}`
    );
}

/** Every document folds to the same state from PostgreSQL's rows as from SQLite's. */
async function verifyDocuments(db: Database.Database, client: PoolClient): Promise<number> {
  const rooms = db.prepare<[], { room: string }>('SELECT room FROM room_clocks').all();
  const snapshot = db.prepare<[string], { data: Buffer }>(
    'SELECT data FROM room_snapshots WHERE room = ?'
  );
  const updates = db.prepare<[string], { data: Buffer }>(
    'SELECT data FROM room_updates WHERE room = ? ORDER BY seq'
  );
  for (const { room } of rooms) {
    const local = foldUpdates(
      snapshot.get(room)?.data ?? null,
      updates.all(room).map((u) => u.data)
    );
    const stored = await client.query<{ k: number; data: Buffer }>(
      `SELECT k, data FROM (SELECT 0 AS k, 0 AS seq, data FROM room_snapshots WHERE room = $1
         UNION ALL SELECT 1, seq, data FROM room_updates WHERE room = $1) AS t ORDER BY k, seq`,
      [room]
    );
    const copied = foldUpdates(
      stored.rows.find((r) => r.k === 0)?.data ?? null,
      stored.rows.filter((r) => r.k === 1).map((r) => r.data)
    );
    if (Buffer.compare(Buffer.from(local), Buffer.from(copied)) !== 0)
      throw new CopyError(`verification failed: document ${room} differs after the copy`);
  }
  return rooms.length;
}
