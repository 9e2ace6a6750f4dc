import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { BlobTransport } from '../../../src/lib/files/blobApi.ts';
import { BlobUploader, type UploadStatus } from '../../../src/lib/files/BlobUploader.ts';
import { downloadMissing } from '../../../src/lib/files/download.ts';
import { formatSize } from '../../../src/lib/files/format.ts';
import { isBlobHash, sha256Hex } from '../../../src/lib/shared/files/hash.ts';
import { LocalBlobs, type LocalBlob } from '../../../src/lib/files/LocalBlobs.ts';
import { ApiServer, type ApiClient } from '../accounts/apiServer.ts';
import { deferCleanup } from '../helpers/cleanup.ts';
import { blobRequest, PNG_1PX, sha256 } from './blobHttp.ts';

const text = (s: string) => new TextEncoder().encode(s);

async function localBlob(bytes: Uint8Array, type: string): Promise<LocalBlob> {
  const data = bytes.slice().buffer;
  return { hash: await sha256Hex(data), type, size: bytes.length, data };
}

/** The browser's fetch as the app's page makes it: the person's cookie and our own Origin. */
function transportFor(client: ApiClient, log: string[] = []): BlobTransport {
  return {
    baseUrl: client.baseUrl,
    fetch: (input, init = {}) => {
      log.push(init.method ?? 'GET');
      return fetch(input, {
        ...init,
        headers: { ...(init.headers as object), cookie: client.cookie!, origin: client.baseUrl }
      });
    }
  };
}

function until(uploader: BlobUploader, check: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (check()) return resolve();
    const stop = uploader.subscribe(() => {
      if (check()) {
        stop();
        resolve();
      }
    });
  });
}

describe('blobs on the device', () => {
  const defer = deferCleanup();

  async function setup(env: Record<string, string> = {}) {
    const server = await ApiServer.start(defer, { env });
    const { owner, workspaceId } = await server.workspace();
    const device = (client: ApiClient = owner.client, online = () => true, log: string[] = []) => {
      const local = new LocalBlobs(new IDBFactory());
      const uploader = new BlobUploader({
        local,
        transport: transportFor(client, log),
        online,
        backoff: { firstMs: 5, maxMs: 20 }
      });
      defer(() => local.close());
      defer(() => uploader.destroy());
      return { local, uploader };
    };
    return { server, owner: owner.client, workspaceId, device };
  }

  it('FL8 hashing names bytes as the server does, and sizes read in Russian units', async () => {
    expect(await sha256Hex(text('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
    );
    expect(await sha256Hex(PNG_1PX)).toBe(sha256(PNG_1PX));
    expect(isBlobHash(sha256(PNG_1PX))).toBe(true);
    expect(isBlobHash('https://evil.example/x.png')).toBe(false);
    expect(formatSize(1.2 * 1024 * 1024)).toBe('1,2\u00a0МБ');
    expect(formatSize(512)).toBe('512\u00a0Б');
  });

  it('FL9 a file added offline waits on the device and is uploaded once the network is back', async () => {
    const { owner, workspaceId, device } = await setup();
    let online = false;
    const { local, uploader } = device(owner, () => online);
    const blob = await localBlob(PNG_1PX, 'image/png');
    await uploader.add(workspaceId, blob);
    await uploader.kick();
    expect(uploader.status(workspaceId, blob.hash)).toEqual({ state: 'waiting' });
    expect((await local.get(blob.hash))?.size).toBe(PNG_1PX.length);
    expect((await blobRequest(owner, workspaceId, blob.hash, { method: 'HEAD' })).status).toBe(404);

    online = true;
    await uploader.kick();
    expect(uploader.status(workspaceId, blob.hash)).toEqual({ state: 'done' });
    expect(await local.pending()).toEqual([]);
    expect((await blobRequest(owner, workspaceId, blob.hash)).body).toEqual(PNG_1PX);
  });

  it('FL10 a file the server already has is not sent again (HEAD first)', async () => {
    const { owner, workspaceId, device } = await setup();
    const firstLog: string[] = [];
    const first = device(owner, () => true, firstLog);
    const blob = await localBlob(text('Программа круглого стола'), 'text/plain');
    await first.uploader.add(workspaceId, blob);
    await first.uploader.kick();
    expect(firstLog.filter((m) => m === 'PUT')).toHaveLength(1);

    const secondLog: string[] = [];
    const second = device(owner, () => true, secondLog);
    await second.uploader.add(workspaceId, blob);
    await second.uploader.kick();
    expect(secondLog).toEqual(['HEAD']);
    expect(second.uploader.status(workspaceId, blob.hash).state).toBe('done');
  });

  it('FL11 a lost network is retried with backoff until the upload goes through', async () => {
    const { owner, workspaceId } = await setup();
    const real = transportFor(owner);
    let failures = 3;
    const local = new LocalBlobs(new IDBFactory());
    defer(() => local.close());
    const uploader = new BlobUploader({
      local,
      transport: {
        baseUrl: real.baseUrl,
        // The network drops the first attempts, as a tablet's Wi-Fi does.
        fetch: (input, init) =>
          failures-- > 0
            ? Promise.reject(new TypeError('Failed to fetch'))
            : real.fetch(input, init)
      },
      backoff: { firstMs: 5, maxMs: 20 }
    });
    defer(() => uploader.destroy());
    const blob = await localBlob(PNG_1PX, 'image/png');
    const seen: UploadStatus['state'][] = [];
    uploader.subscribe(() => seen.push(uploader.status(workspaceId, blob.hash).state));
    await uploader.add(workspaceId, blob);
    await until(uploader, () => uploader.status(workspaceId, blob.hash).state === 'done');
    expect(seen.filter((s) => s === 'uploading').length).toBe(4);
    expect((await blobRequest(owner, workspaceId, blob.hash, { method: 'HEAD' })).status).toBe(200);
  });

  it('FL12 a refused file is marked failed with its reason and not retried by itself', async () => {
    const { owner, workspaceId, device } = await setup({ BLOB_MAX_FILE_BYTES: '10' });
    const log: string[] = [];
    const { local, uploader } = device(owner, () => true, log);
    const blob = await localBlob(text('слишком длинный текст'), 'text/plain');
    await uploader.add(workspaceId, blob);
    await uploader.kick();
    expect(uploader.status(workspaceId, blob.hash)).toEqual({
      state: 'failed',
      error: 'file_too_large'
    });
    await uploader.kick();
    expect(log.filter((m) => m === 'PUT')).toHaveLength(1);
    expect((await local.pendingFor(workspaceId, blob.hash))?.error).toBe('file_too_large');
  });

  it('FL13 another device downloads a workspace’s blobs for offline use, checking each hash', async () => {
    const { owner, workspaceId, device, server } = await setup();
    const a = device(owner);
    const blob = await localBlob(PNG_1PX, 'image/png');
    await a.uploader.add(workspaceId, blob);
    await a.uploader.kick();

    const b = device(owner);
    const notYet = sha256(text('ещё не загружено'));
    const result = await downloadMissing(b.local, transportFor(owner), workspaceId, [
      blob.hash,
      notYet,
      'not-a-hash'
    ]);
    expect(result).toEqual({ local: [blob.hash], missing: [notYet] });
    const got = await b.local.get(blob.hash);
    expect(new Uint8Array(got!.data)).toEqual(PNG_1PX);
    expect(got!.type).toBe('image/png');

    // A stranger's device gets nothing.
    const stranger = await server.person('Посторонний');
    const c = device(stranger.client);
    const refused = await downloadMissing(c.local, transportFor(stranger.client), workspaceId, [
      blob.hash
    ]);
    expect(refused).toEqual({ local: [], missing: [blob.hash] });
  });
});
