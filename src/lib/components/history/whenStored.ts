import type { SyncedDoc } from '$lib/sync/SyncedDoc.ts';

/**
 * Resolves once the server has confirmed every local change of `synced` (a named version is
 * taken from the server's copy, so it must already hold what the person sees); false when that
 * does not happen within `timeoutMs` (offline, say).
 */
export function whenStored(synced: SyncedDoc, timeoutMs = 10_000): Promise<boolean> {
  const stored = () =>
    synced.state.connection === 'online' && synced.state.synced && synced.state.pending === 0;
  if (stored()) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => finish(false), timeoutMs);
    const stop = synced.subscribe(() => {
      if (stored()) finish(true);
    });
    function finish(ok: boolean) {
      clearTimeout(timer);
      stop();
      resolve(ok);
    }
  });
}
