import Database from 'better-sqlite3';
import {
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  fsyncSync,
  closeSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs';
import path from 'node:path';
import { create } from 'tar';
import { listDataFiles, sha256File, type DataFile } from './dataDirFiles.ts';
import {
  BackupError,
  DATA_PREFIX,
  MANIFEST_FORMAT,
  MANIFEST_NAME,
  MANIFEST_VERSION,
  type Manifest
} from './manifest.ts';

/**
 * One SQLite file through the online backup API, while the server keeps writing to it. After
 * better-sqlite3's first step (which only counts pages), every page is copied in one step under
 * one read transaction: a consistent snapshot that a busy writer cannot make restart over and
 * over, as steps of a hundred pages would.
 */
const ALL_PAGES = 0x7fffffff;

async function snapshotSqlite(source: string, target: string): Promise<void> {
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(target, { progress: () => ALL_PAGES });
  } finally {
    db.close();
  }
  const copy = new Database(target, { fileMustExist: true });
  try {
    const check = copy.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new BackupError(`the copy of ${source} failed its check: ${check}`);
  } finally {
    copy.close();
  }
}

/** Files never change once written (blobs are named by their hash): a link costs no space. */
function stageFile(source: string, target: string): void {
  try {
    linkSync(source, target);
  } catch {
    copyFileSync(source, target);
  }
}

export type BackupSummary = { archive: string; files: number; bytes: number };

/**
 * Writes every store of a SQLite installation into one gzipped tar: `uzel-backup.json` (each
 * file with its size and SHA-256) and `data/…` as the files sit in DATA_DIR. The databases are
 * copied before the blob files, so every file a database names is in the archive (bytes are
 * kept before their row is written). Staged beside the archive and renamed into place at the
 * end, so a failed run never leaves a half archive under the asked-for name.
 */
export async function backupDataDir(dataDir: string, archive: string): Promise<BackupSummary> {
  if (!existsSync(dataDir) || !statSync(dataDir).isDirectory())
    throw new BackupError(`DATA_DIR ${dataDir} is not a folder: nothing to back up`);
  const files = listDataFiles(dataDir);
  if (!files.some((f) => f.kind === 'sqlite'))
    throw new BackupError(`DATA_DIR ${dataDir} holds no Uzel databases: nothing to back up`);
  const target = path.resolve(archive);
  if (!existsSync(path.dirname(target)))
    throw new BackupError(`the folder for ${archive} does not exist`);

  const staging = mkdtempSync(path.join(path.dirname(target), '.uzel-backup-'));
  try {
    const manifest: Manifest = {
      format: MANIFEST_FORMAT,
      version: MANIFEST_VERSION,
      createdAt: new Date().toISOString(),
      files: []
    };
    const add = async (file: DataFile, copy: (source: string, staged: string) => unknown) => {
      const source = path.join(dataDir, file.path);
      const staged = path.join(staging, DATA_PREFIX, file.path);
      mkdirSync(path.dirname(staged), { recursive: true, mode: 0o700 });
      await copy(source, staged);
      const sha256 = await sha256File(staged);
      manifest.files.push({ ...file, bytes: statSync(staged).size, sha256 });
    };
    for (const file of files.filter((f) => f.kind === 'sqlite')) await add(file, snapshotSqlite);
    // Listed again once the databases are copied: a file kept meanwhile is in the archive too,
    // whether or not the copied database names it yet.
    for (const file of listDataFiles(dataDir).filter((f) => f.kind === 'file'))
      await add(file, stageFile);
    writeFileSync(path.join(staging, MANIFEST_NAME), JSON.stringify(manifest, null, 2), {
      mode: 0o600
    });

    // Password hashes, sessions and the signing key are inside: private to the operator.
    const partial = `${target}.partial`;
    writeFileSync(partial, '', { mode: 0o600 });
    await create({ gzip: true, file: partial, cwd: staging, portable: true }, [
      MANIFEST_NAME,
      ...manifest.files.map((f) => DATA_PREFIX + f.path)
    ]);
    const fd = openSync(partial, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(partial, target);
    return {
      archive: target,
      files: manifest.files.length,
      bytes: manifest.files.reduce((sum, f) => sum + f.bytes, 0)
    };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
