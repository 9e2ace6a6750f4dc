/**
 * The browser's own idea of being online. Playwright's `setOffline` (and a real tablet losing
 * Wi-Fi) does not close an open websocket, so providers follow these events explicitly.
 */
export function isBrowserOnline(): boolean {
  return typeof navigator === 'undefined' || navigator.onLine !== false;
}

export function onConnectivityChange(listener: (online: boolean) => void): () => void {
  const up = () => listener(true);
  const down = () => listener(false);
  window.addEventListener('online', up);
  window.addEventListener('offline', down);
  return () => {
    window.removeEventListener('online', up);
    window.removeEventListener('offline', down);
  };
}

/** `ws://host/sync` or `wss://host/sync`, on the origin that served the app. */
export function relayUrl(location: Location): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/sync`;
}
