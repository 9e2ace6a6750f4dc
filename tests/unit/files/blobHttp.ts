import { createHash } from 'node:crypto';
import type { ApiClient } from '../accounts/apiServer.ts';

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The smallest real PNG (1×1, transparent). */
export const PNG_1PX = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'base64'
  )
);

export type BlobAnswer = { status: number; headers: Headers; body: Uint8Array; json: any };

/** A request to a blob address as the app makes it (session cookie, own Origin). */
export async function blobRequest(
  client: ApiClient,
  workspaceId: string,
  hash: string,
  init: { method?: string; body?: Uint8Array; type?: string; origin?: string | null } = {}
): Promise<BlobAnswer> {
  const headers: Record<string, string> = {};
  if (client.cookie) headers.cookie = client.cookie;
  if (init.origin !== null) headers.origin = init.origin ?? client.baseUrl;
  if (init.type) headers['content-type'] = init.type;
  const response = await fetch(`${client.baseUrl}/api/workspaces/${workspaceId}/blobs/${hash}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.body as BodyInit | undefined
  });
  const body = new Uint8Array(await response.arrayBuffer());
  let json: unknown = null;
  if (body.length > 0 && response.headers.get('content-type')?.startsWith('application/json')) {
    json = JSON.parse(new TextDecoder().decode(body));
  }
  return { status: response.status, headers: response.headers, body, json };
}

export const putBlob = (
  client: ApiClient,
  workspaceId: string,
  bytes: Uint8Array,
  type: string,
  hash = sha256(bytes)
) => blobRequest(client, workspaceId, hash, { method: 'PUT', body: bytes, type });
