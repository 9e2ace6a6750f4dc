import { ApiError, NetworkError } from './client.ts';
import type { VersionInfo } from '../shared/api/history.ts';

export type { VersionInfo };

const enc = encodeURIComponent;
const versions = (ws: string, doc: string) =>
  `/api/workspaces/${enc(ws)}/documents/${enc(doc)}/versions`;

async function request(path: string, init: RequestInit = {}): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, { credentials: 'same-origin', ...init });
  } catch {
    throw new NetworkError('network unreachable');
  }
  if (!response.ok) {
    const payload = (await response.json().catch(() => null)) as {
      error?: string;
      message?: string;
    } | null;
    throw new ApiError(
      payload?.error ?? `http_${response.status}`,
      response.status,
      payload?.message
    );
  }
  return response;
}

/** Version history endpoints (server/http/routes/history.ts). */
export const historyApi = {
  async list(ws: string, doc: string): Promise<VersionInfo[]> {
    const res = await request(versions(ws, doc));
    return ((await res.json()) as { versions: VersionInfo[] }).versions;
  },
  /** A version's full Yjs state. */
  async state(ws: string, doc: string, id: number): Promise<Uint8Array> {
    const res = await request(`${versions(ws, doc)}/${id}`);
    return new Uint8Array(await res.arrayBuffer());
  },
  async save(ws: string, doc: string, name: string): Promise<VersionInfo> {
    const res = await request(versions(ws, doc), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name })
    });
    return ((await res.json()) as { version: VersionInfo }).version;
  }
};
