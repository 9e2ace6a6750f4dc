import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { openBlobStore } from '../../../server/blobs/BlobStore.ts';
import type { Engine } from '../../../server/db/engine.ts';
import { HISTORY_SCHEMA } from '../../../server/history/historySchema.ts';
import { openHistoryStore } from '../../../server/history/openHistoryStore.ts';
import { PUBLICATIONS_SCHEMA } from '../../../server/publishing/database.ts';
import { openPublicationStore } from '../../../server/publishing/openPublicationStore.ts';
import { deferCleanup } from '../helpers/cleanup.ts';
import { makeTempDir } from '../helpers/relay.ts';

/** A file as the previous release wrote it: its own open routine, its own statements. */
function oldFile(file: string, sql: string, userVersion: number): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec(sql);
  db.pragma(`user_version = ${userVersion}`);
  return db;
}

describe('ES files written before the store engines', () => {
  const defer = deferCleanup();

  function dataDir(): { dir: string; engine: Engine } {
    const tmp = makeTempDir();
    defer(tmp.remove);
    return { dir: tmp.dir, engine: { kind: 'sqlite', dataDir: tmp.dir, synchronous: 'full' } };
  }

  it('ES1 history.sqlite and publications.sqlite of earlier releases open and read unchanged, a whole pinned version too', async () => {
    const { dir, engine } = dataDir();
    const history = oldFile(path.join(dir, 'history.sqlite'), HISTORY_SCHEMA.sqlite[0]!, 1);
    history
      .prepare(
        `INSERT INTO versions (room, created_at, kind, name, saved_by, authors, state)
         VALUES ('ws/doc', 5, 'named', 'До правки', 'Анна', '["Анна"]', x'0102')`
      )
      .run();
    history.close();
    const pubs = oldFile(path.join(dir, 'publications.sqlite'), PUBLICATIONS_SCHEMA.sqlite[0]!, 1);
    pubs
      .prepare(
        `INSERT INTO sites (workspace_id, slug, title, default_licence, updated_at)
         VALUES ('ws', 'muzey', 'Краеведческий музей', 'CC-BY-4.0', 1)`
      )
      .run();
    // Before its content had a column of its own, a version was pinned whole in `pinned`.
    const picture = 'b'.repeat(64);
    const content = {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'Экспозиция' }] },
        { type: 'image', attrs: { hash: picture } }
      ]
    };
    const whole = {
      title: 'Зал',
      type: 'methodology',
      fields: {},
      content,
      summary: 'Э',
      text: 'Э'
    };
    pubs
      .prepare(
        `INSERT INTO publications (workspace_id, doc_id, short_id, status, version, licence,
           published_by, first_published_at, published_at, pinned, source_hash)
         VALUES ('ws', 'zal', 'zal00001', 'published', 1, 'CC-BY-4.0', 'u', 2, 2, ?, 'h')`
      )
      .run(JSON.stringify(whole));
    pubs.close();

    const historyStore = await openHistoryStore(engine);
    const publications = await openPublicationStore(engine);
    defer(() => historyStore.close());
    defer(() => publications.close());
    const [listed] = await historyStore.list('ws/doc');
    // Written before ids were kept: the names read back, with no account id to map.
    expect(listed).toMatchObject({
      name: 'До правки',
      savedBy: { id: '', name: 'Анна' },
      authors: [{ id: '', name: 'Анна' }]
    });
    expect([...(await historyStore.get('ws/doc', listed!.id))!.state]).toEqual([1, 2]);
    expect((await publications.siteBySlug('muzey'))?.title).toBe('Краеведческий музей');
    const [old] = await publications.published('ws');
    expect(old?.pinned).toMatchObject({ title: 'Зал', files: [{ hash: picture, image: true }] });
    expect(old?.pinned).not.toHaveProperty('content');
    expect(await publications.pinnedContent('ws', 'zal', 1)).toEqual(content);
  });

  it('ES2 blobs.sqlite without a schema version and its bytes on disk are served as before', async () => {
    const { dir, engine } = dataDir();
    const bytes = Buffer.from('Положение о конкурсе', 'utf8');
    const hash = createHash('sha256').update(bytes).digest('hex');
    mkdirSync(path.join(dir, 'blobs', hash.slice(0, 2)), { recursive: true });
    writeFileSync(path.join(dir, 'blobs', hash.slice(0, 2), hash), bytes);
    const old = new Database(path.join(dir, 'blobs.sqlite'));
    old.exec(`CREATE TABLE IF NOT EXISTS blobs (
      workspace_id TEXT NOT NULL, hash TEXT NOT NULL, size INTEGER NOT NULL, declared_type TEXT,
      sniffed_type TEXT NOT NULL, uploaded_by TEXT NOT NULL, created_at INTEGER NOT NULL,
      PRIMARY KEY (workspace_id, hash))`);
    old
      .prepare(`INSERT INTO blobs VALUES ('ws', ?, ?, 'text/plain', 'text/plain', 'u', 1)`)
      .run(hash, bytes.length);
    old.close();

    const blobs = await openBlobStore(engine, { maxFileBytes: 1000, quotaBytes: 1000 }, dir);
    defer(() => blobs.close());
    expect((await blobs.meta('ws', hash))?.size).toBe(bytes.length);
    expect((await buffer(blobs.read(hash))).equals(bytes)).toBe(true);
  });

  it('ES3 a file from a newer release is refused with a clear message', async () => {
    const { dir, engine } = dataDir();
    oldFile(path.join(dir, 'history.sqlite'), 'CREATE TABLE later (x)', 9).close();
    await expect(openHistoryStore(engine)).rejects.toThrow(
      new RegExp(
        `history database was written by a newer Uzel \\(schema 9, this one knows ${HISTORY_SCHEMA.sqlite.length}\\)`
      )
    );
  });
});
