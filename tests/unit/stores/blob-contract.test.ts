import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BlobError } from '../../../server/blobs/BlobError.ts';
import { openBlobStore, type BlobLimits, type BlobStore } from '../../../server/blobs/BlobStore.ts';
import { ENGINE_KINDS, engineUnderTest, type EngineUnderTest } from '../helpers/engines.ts';

const WS = 'ws-dom-tvorchestva';
const LIMITS: BlobLimits = { maxFileBytes: 2_000_000, quotaBytes: 3_000_000, now: () => 1_700 };

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const text = (s: string) => Buffer.from(s, 'utf8');
/** Sent in small pieces, as a network delivers a request body. */
const body = (bytes: Buffer) =>
  Readable.from(
    Array.from({ length: Math.ceil(bytes.length / 10_000) }, (_, i) =>
      bytes.subarray(i * 10_000, (i + 1) * 10_000)
    )
  );

function upload(store: BlobStore, bytes: Buffer, workspaceId = WS, hash = sha256(bytes)) {
  return store.put({
    workspaceId,
    hash,
    declaredType: 'text/plain',
    declaredLength: null,
    uploadedBy: 'user-anna',
    body: body(bytes)
  });
}

/** Several pieces of a long text: larger than one stored chunk on PostgreSQL. */
const LONG = text('Методическая разработка мастер-класса «Дымковская игрушка». '.repeat(12_000));

/** BS1–BS5: what every engine for file metadata and bytes keeps. */
describe.each(ENGINE_KINDS)('BS blob store contract: %s', (kind) => {
  let under: EngineUnderTest;
  let store: BlobStore;

  beforeEach(async () => {
    under = await engineUnderTest(kind);
    store = await openBlobStore(under.engine, LIMITS, under.dataDir);
  });

  afterEach(async () => {
    await store.close();
    await under.destroy();
  });

  it('BS1 an upload is read back byte for byte, with its metadata and counted once', async () => {
    expect(LONG.length).toBeGreaterThan(600_000);
    const hash = sha256(LONG);
    expect(await store.meta(WS, hash)).toBeNull();
    const put = await upload(store, LONG);
    expect(put.created).toBe(true);
    expect(await store.meta(WS, hash)).toEqual({
      workspaceId: WS,
      hash,
      size: LONG.length,
      declaredType: 'text/plain',
      sniffedType: 'text/plain',
      uploadedBy: 'user-anna',
      createdAt: 1_700
    });
    expect((await buffer(store.read(hash))).equals(LONG)).toBe(true);
    expect(await store.usedBytes(WS)).toBe(LONG.length);
    // Nothing of the upload is left behind in the folder it streamed through.
    const incoming = path.join(under.dataDir, 'blobs-incoming');
    if (kind === 'postgres') expect(readdirSync(incoming)).toEqual([]);
  });

  it('BS2 bytes that do not match their hash are refused and nothing is kept', async () => {
    const wrong = sha256(text('другое'));
    await expect(upload(store, text('заметка о выставке'), WS, wrong)).rejects.toMatchObject({
      code: 'hash_mismatch'
    });
    expect(await store.meta(WS, wrong)).toBeNull();
    expect(await store.usedBytes(WS)).toBe(0);
  });

  it('BS3 the same file again is not stored twice; another workspace gets its own row', async () => {
    const bytes = text('Положение о конкурсе «Узоры родного края»');
    expect((await upload(store, bytes)).created).toBe(true);
    expect((await upload(store, bytes)).created).toBe(false);
    expect((await upload(store, bytes, 'ws-biblioteka')).created).toBe(true);
    expect(await store.usedBytes(WS)).toBe(bytes.length);
    expect(await store.usedBytes('ws-biblioteka')).toBe(bytes.length);
    expect(await store.meta('ws-nikto', sha256(bytes))).toBeNull();
  });

  it('BS4 uploads racing through two instances cannot together pass the workspace quota', async () => {
    const other = await openBlobStore(
      await under.another(),
      { ...LIMITS, quotaBytes: 100 },
      under.dataDir
    );
    const mine = await openBlobStore(under.engine, { ...LIMITS, quotaBytes: 100 }, under.dataDir);
    try {
      const files = ['а', 'б', 'в', 'г'].map((letter) => text(letter.repeat(30)));
      const results = await Promise.allSettled(
        files.map((bytes, i) => upload(i % 2 ? other : mine, bytes))
      );
      const refused = results.filter((r) => r.status === 'rejected');
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of refused) {
        expect((r as PromiseRejectedResult).reason).toBeInstanceOf(BlobError);
        expect((r as PromiseRejectedResult).reason.code).toBe('workspace_quota_exceeded');
      }
      // Cyrillic letters are two bytes each: one 60-byte file fits in 100, a second does not.
      expect(await store.usedBytes(WS)).toBe(60);
    } finally {
      await other.close();
      await mine.close();
    }
  });

  it('BS5 a file uploaded through one store instance is read through another on the same database', async () => {
    const other = await openBlobStore(await under.another(), LIMITS, under.dataDir);
    try {
      await upload(store, LONG);
      const hash = sha256(LONG);
      expect((await other.meta(WS, hash))?.size).toBe(LONG.length);
      expect((await buffer(other.read(hash))).equals(LONG)).toBe(true);
    } finally {
      await other.close();
    }
  });
});
