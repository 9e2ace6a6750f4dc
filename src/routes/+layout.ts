import { locale } from '$lib/state/locale.svelte.ts';

// The app is a client-side shell: documents live in the browser (IndexedDB) and sync over the
// relay, so nothing is rendered on the server. Prerendering the shell lets the service worker
// precache it and serve every app route offline.
export const ssr = false;
export const prerender = true;

// An English reader's catalogue is a chunk of its own: load it before the first paint, so the
// page never shows Russian first.
export const load = () => locale.restore();
