import {
  decodeBatchResponse,
  encodeBatchRequest,
  SYNC_BATCH_CONTENT_TYPE,
  type BatchRequestEntry,
  type BatchResponseEntry
} from '../../../src/lib/shared/protocol/syncBatch.ts';
import type { ApiClient } from '../accounts/apiServer.ts';

export type BatchAnswer = {
  status: number;
  entries: BatchResponseEntry[] | null;
  error: { error: string; message: string } | null;
};

/** Posts raw bytes as the app does (session cookie, own Origin, the sync content type). */
export async function postBatchBytes(
  client: ApiClient,
  workspaceId: string,
  body: Uint8Array,
  contentType = SYNC_BATCH_CONTENT_TYPE
): Promise<BatchAnswer> {
  const response = await fetch(`${client.baseUrl}/api/workspaces/${workspaceId}/sync`, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      origin: client.baseUrl,
      ...(client.cookie ? { cookie: client.cookie } : {})
    },
    body: body as BodyInit
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (response.ok)
    return { status: response.status, entries: decodeBatchResponse(bytes), error: null };
  return {
    status: response.status,
    entries: null,
    error: JSON.parse(new TextDecoder().decode(bytes)) as BatchAnswer['error']
  };
}

export function postBatch(
  client: ApiClient,
  workspaceId: string,
  entries: BatchRequestEntry[]
): Promise<BatchAnswer> {
  return postBatchBytes(client, workspaceId, encodeBatchRequest(entries));
}
