import Database from 'better-sqlite3';
import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { extract, list } from 'tar';
import { listDataFiles, sha256File } from './dataDirFiles.ts';
import {
  BackupError,
  DATA_PREFIX,
  MANIFEST_NAME,
  parseManifest,
  type Manifest
} from './manifest.ts';

/** The manifest, read in a first pass so nothing is written for an archive that is not ours. */
async function readManifest(archive: string): Promise<Manifest> {
  let text: string | null = null;
  try {
    await list({
      file: archive,
      onReadEntry: (entry) => {
        if (entry.path !== MANIFEST_NAME) return entry.resume();
        const chunks: Buffer[] = [];
        entry.on('data', (chunk: Buffer) => chunks.push(chunk));
        entry.on('end', () => (text = Buffer.concat(chunks).toString('utf8')));
      }
    });
  } catch (err) {
    throw new BackupError(`${archive} cannot be read as an Uzel backup: ${(err as Error).message}`);
  }
  if (text === null)
    throw new BackupError(`${archive} holds no ${MANIFEST_NAME}: not an Uzel backup`);
  return parseManifest(text);
}

/** Every listed file is there with its size and hash, nothing else is, every database is sound. */
async function verify(dataDir: string, manifest: Manifest): Promise<void> {
  const expected = new Map(manifest.files.map((f) => [f.path, f]));
  for (const found of listDataFiles(dataDir)) {
    if (!expected.has(found.path))
      throw new BackupError(`the archive holds ${found.path}, which its manifest does not list`);
  }
  for (const file of manifest.files) {
    const where = path.join(dataDir, file.path);
    if (!existsSync(where)) throw new BackupError(`${file.path} is missing from the archive`);
    const bytes = statSync(where).size;
    if (bytes !== file.bytes || (await sha256File(where)) !== file.sha256)
      throw new BackupError(`${file.path} in the archive is damaged (its size or SHA-256 differs)`);
    if (file.kind !== 'sqlite') continue;
    const db = new Database(where, { fileMustExist: true });
    try {
      const check = db.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new BackupError(`${file.path} failed SQLite's check: ${check}`);
    } finally {
      db.close();
    }
  }
}

/** The server's own permissions: the folder and everything in it readable by its user only. */
function tighten(dir: string): void {
  chmodSync(dir, 0o700);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const where = path.join(dir, entry.name);
    if (entry.isDirectory()) tighten(where);
    else chmodSync(where, 0o600);
  }
}

export type RestoreSummary = { dataDir: string; files: number; createdAt: string };

/**
 * Unpacks a backup into an empty (or absent) DATA_DIR and checks it against its manifest. Only
 * plain files and folders under `data/` are written (tar itself refuses `..` and absolute paths);
 * if anything fails, the folder is emptied again, so a failed restore never looks like a
 * finished one to the next server start.
 */
export async function restoreDataDir(archive: string, dataDir: string): Promise<RestoreSummary> {
  if (!existsSync(archive)) throw new BackupError(`${archive} does not exist`);
  if (existsSync(dataDir)) {
    if (!statSync(dataDir).isDirectory())
      throw new BackupError(`DATA_DIR ${dataDir} is not a folder`);
    const present = readdirSync(dataDir);
    if (present.length > 0)
      throw new BackupError(
        `DATA_DIR ${dataDir} is not empty (${present.slice(0, 3).join(', ')}${present.length > 3 ? ', …' : ''}): restore only into an empty folder, so nothing there is overwritten`
      );
  }
  const manifest = await readManifest(archive);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    await extract({
      file: archive,
      cwd: dataDir,
      strip: 1,
      filter: (entryPath, entry) =>
        entryPath.startsWith(DATA_PREFIX) &&
        'type' in entry &&
        (entry.type === 'File' || entry.type === 'Directory')
    });
    await verify(dataDir, manifest);
    tighten(dataDir);
  } catch (err) {
    for (const entry of readdirSync(dataDir))
      rmSync(path.join(dataDir, entry), { recursive: true, force: true });
    if (err instanceof BackupError) throw err;
    throw new BackupError(`${archive} could not be restored: ${(err as Error).message}`);
  }
  return { dataDir, files: manifest.files.length, createdAt: manifest.createdAt };
}
