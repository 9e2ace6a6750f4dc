import { readdirSync } from 'node:fs';
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { ApiServer, recordingLogger } from '../accounts/apiServer.ts';
import { sha256 } from '../files/blobHttp.ts';
import { deferCleanup } from '../helpers/cleanup.ts';
import { waitFor } from '../helpers/wait.ts';

describe('RL8 an upload cut off by the client is normal', () => {
  const defer = deferCleanup();

  it('RL8 it is logged at info, not as a server error', async () => {
    const { log, lines } = recordingLogger();
    const server = await ApiServer.start(defer, { log });
    const { owner, workspaceId } = await server.workspace();
    const body = Buffer.alloc(200_000, 7);
    const url = new URL(`${server.url}/api/workspaces/${workspaceId}/blobs/${sha256(body)}`);
    const req = http.request(url, {
      method: 'PUT',
      headers: {
        cookie: owner.client.cookie!,
        origin: server.url,
        'content-type': 'application/pdf',
        'content-length': String(body.length)
      }
    });
    req.on('error', () => undefined);
    req.write(body.subarray(0, 50_000));
    // The server has begun storing it once its temporary file exists.
    const partial = () =>
      readdirSync(server.dataDir, { recursive: true }).some((f) => String(f).endsWith('.part'));
    await waitFor(partial, 'the server is receiving the upload', 30_000);
    req.destroy();
    await waitFor(
      () => lines.some((l) => l.includes('upload aborted by the client')),
      'the cut-off upload is logged'
    );
    const line = JSON.parse(lines.find((l) => l.includes('upload aborted by the client'))!);
    expect(line.level).toBe('info');
    expect(lines.filter((l) => JSON.parse(l).level === 'error')).toEqual([]);
  });
});
