import type { Me } from '../api/client.ts';

/** What the device remembers of the session between visits (see Session). */
export const ME_KEY = 'uzel:me';
export const WORKSPACE_KEY = 'uzel:workspace';

export function readCache(): Me | null {
  try {
    const raw = localStorage.getItem(ME_KEY);
    return raw ? (JSON.parse(raw) as Me) : null;
  } catch {
    return null;
  }
}

/** The workspace the app will open, as the device remembers it (see `Session.workspace`). */
export function rememberedWorkspaceId(): string | null {
  try {
    return localStorage.getItem(WORKSPACE_KEY) ?? readCache()?.workspaces[0]?.id ?? null;
  } catch {
    return null;
  }
}
