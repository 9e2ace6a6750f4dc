import {
  decodeBatchResponse,
  encodeBatchRequest,
  SYNC_BATCH_CONTENT_TYPE,
  type BatchRequestEntry,
  type BatchResponseEntry
} from '../shared/protocol/syncBatch.ts';

export type { BatchRequestEntry, BatchResponseEntry };

/** The server's answer to "what changed after my clock" (see server/relay/BatchSync.ts). */
export type WorkspaceChanges = {
  clock: number;
  rooms: { doc: string; clock: number; bytes: number }[];
  more: boolean;
};

/** How WorkspaceSync reaches the server; `httpTransport` is the real one. */
export interface SyncTransport {
  changes(since: number): Promise<WorkspaceChanges>;
  exchange(entries: BatchRequestEntry[]): Promise<BatchResponseEntry[]>;
}

/** The server could not be reached at all (offline, server down). */
export class SyncUnreachable extends Error {
  override name = 'SyncUnreachable';
}

/** The server refused: `code` is its error code (`unauthorised`, `not_found`, `invalid_batch`…). */
export class SyncRefused extends Error {
  override name = 'SyncRefused';
  readonly code: string;
  readonly status: number;
  constructor(code: string, status: number, message: string) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

export type TransportCounters = { requests: number; bytesSent: number; bytesReceived: number };

export type HttpTransportOptions = {
  /** '' in the app (same origin); the server's address elsewhere. */
  baseUrl?: string;
  /** Extra headers, for clients outside a browser (cookie, origin). */
  headers?: Record<string, string>;
};

/** The batch sync over the app's HTTP API, counting requests and bytes (for the benchmark). */
export function httpTransport(
  workspaceId: string,
  options: HttpTransportOptions = {}
): SyncTransport & { counters: TransportCounters } {
  const base = `${options.baseUrl ?? ''}/api/workspaces/${encodeURIComponent(workspaceId)}`;
  const counters: TransportCounters = { requests: 0, bytesSent: 0, bytesReceived: 0 };

  async function send(path: string, init: RequestInit): Promise<Uint8Array> {
    let response: Response;
    counters.requests++;
    try {
      response = await fetch(base + path, {
        ...init,
        credentials: 'same-origin',
        headers: { ...options.headers, ...(init.headers as Record<string, string>) }
      });
    } catch {
      throw new SyncUnreachable('the server cannot be reached');
    }
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await response.arrayBuffer());
    } catch {
      throw new SyncUnreachable('the answer was cut off');
    }
    counters.bytesReceived += bytes.byteLength;
    if (!response.ok) {
      let payload: { error?: string; message?: string } = {};
      try {
        payload = JSON.parse(new TextDecoder().decode(bytes)) as typeof payload;
      } catch {
        // not JSON (a proxy's page): the status says enough
      }
      throw new SyncRefused(
        payload.error ?? `http_${response.status}`,
        response.status,
        payload.message ?? response.statusText
      );
    }
    return bytes;
  }

  return {
    counters,
    async changes(since) {
      const bytes = await send(`/changes?since=${since}`, { method: 'GET' });
      return JSON.parse(new TextDecoder().decode(bytes)) as WorkspaceChanges;
    },
    async exchange(entries) {
      const body = encodeBatchRequest(entries);
      counters.bytesSent += body.byteLength;
      const bytes = await send('/sync', {
        method: 'POST',
        headers: { 'content-type': SYNC_BATCH_CONTENT_TYPE },
        body: body as BodyInit
      });
      return decodeBatchResponse(bytes);
    }
  };
}
