import { ApiError, NetworkError } from './client.ts';
import type { PublicationView, SettingsView } from '../shared/api/publishing.ts';
import type { LicenceId } from '../shared/api/licences.ts';

// The same shapes the server answers with, declared once in the shared module.
export type { PublicationView, SettingsView, LicenceId };
export { LICENCE_IDS } from '../shared/api/licences.ts';

async function call<T>(method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    // Every change is JSON, with or without a body: the server refuses anything else (CSRF).
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: method === 'GET' ? {} : { 'content-type': 'application/json' },
      body: method === 'GET' ? undefined : JSON.stringify(body ?? {})
    });
  } catch {
    throw new NetworkError('network unreachable');
  }
  const payload = (await response.json().catch(() => null)) as
    (T & { error?: string; message?: string }) | null;
  if (!response.ok) {
    throw new ApiError(
      payload?.error ?? `http_${response.status}`,
      response.status,
      payload?.message
    );
  }
  return payload as T;
}

const enc = encodeURIComponent;
const base = (ws: string) => `/api/workspaces/${enc(ws)}`;
const doc = (ws: string, id: string) => `${base(ws)}/publications/${enc(id)}`;
type One = { publication: PublicationView };
type Settings = { settings: SettingsView };

/** Publishing endpoints of the server's API (server/http/routes/publishing.ts). */
export const publishingApi = {
  settings: (ws: string) => call<Settings>('GET', `${base(ws)}/publishing`),
  updateSettings: (
    ws: string,
    patch: { slug?: string; title?: string; defaultLicence?: LicenceId }
  ) => call<Settings>('PATCH', `${base(ws)}/publishing`, patch),
  setPublisher: (ws: string, userId: string, publisher: boolean) =>
    call<Settings>('PATCH', `${base(ws)}/publishing/publishers/${enc(userId)}`, { publisher }),
  list: (ws: string) =>
    call<{ publications: PublicationView[] }>('GET', `${base(ws)}/publications`),
  status: (ws: string, id: string) => call<One>('GET', doc(ws, id)),
  propose: (ws: string, id: string) => call<One>('POST', `${doc(ws, id)}/propose`),
  publish: (ws: string, id: string, licence: LicenceId) =>
    call<One>('POST', `${doc(ws, id)}/publish`, { licence }),
  unpublish: (ws: string, id: string) => call<One>('POST', `${doc(ws, id)}/unpublish`)
};
