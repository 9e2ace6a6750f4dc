import { createHash } from 'node:crypto';
import { createReadStream, readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * What in DATA_DIR is the installation's state. Every store's SQLite file (`*.sqlite`, whatever
 * store adds one next), the signing key, the file bytes under `blobs/`, and any other file a
 * store keeps; never the pieces that belong to a live SQLite connection or a write under way.
 */
const TRANSIENT = [/-wal$/, /-shm$/, /-journal$/, /\.tmp$/, /\.part$/];

export type DataFile = { path: string; kind: 'sqlite' | 'file' };

export function listDataFiles(dataDir: string): DataFile[] {
  const found: DataFile[] = [];
  const walk = (relative: string) => {
    for (const entry of readdirSync(path.join(dataDir, relative), { withFileTypes: true })) {
      const name = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(name);
      else if (entry.isFile() && !TRANSIENT.some((pattern) => pattern.test(entry.name)))
        found.push({ path: name, kind: !relative && name.endsWith('.sqlite') ? 'sqlite' : 'file' });
      // Symlinks, sockets and the like are not something Uzel writes: left out.
    }
  };
  walk('');
  return found.sort((a, b) => a.path.localeCompare(b.path));
}

export function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
