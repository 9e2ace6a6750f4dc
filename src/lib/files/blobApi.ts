/** Where a workspace's blob lives on the server (the same origin as the app unless told). */
export function blobPath(workspaceId: string, hash: string): string {
  return `/api/workspaces/${encodeURIComponent(workspaceId)}/blobs/${hash}`;
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** What the uploader and the downloader need to reach the server. */
export type BlobTransport = {
  /** '' in the browser (same origin); a full origin in tests. */
  baseUrl: string;
  fetch: FetchLike;
};

export const browserTransport = (): BlobTransport => ({
  baseUrl: '',
  fetch: (input, init) => fetch(input, { credentials: 'same-origin', ...init })
});

/** A refusal the server will repeat however often we ask: retrying cannot help. */
export function isPermanentRefusal(status: number): boolean {
  return status >= 400 && status < 500 && ![401, 408, 425, 429].includes(status);
}

/** The stable error code of a refusal (`file_too_large`, …), or a generic one. */
export async function refusalCode(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: unknown };
    if (typeof body.error === 'string' && /^[a-z_]{1,40}$/.test(body.error)) return body.error;
  } catch {
    // not JSON
  }
  return `http_${response.status}`;
}
