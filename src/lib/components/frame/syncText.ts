import type { CombinedSync } from '$lib/state/SyncStatus.svelte.ts';
import { t } from '$lib/state/locale.svelte.ts';

export type SyncTone = 'saved' | 'pending' | 'offline' | 'problem';

const PROBLEM_TEXT = {
  tooBig: 'sync.tooBig',
  storage: 'sync.storageError',
  unauthorised: 'sync.unauthorised',
  forbidden: 'sync.forbidden',
  rateLimited: 'sync.rateLimited'
} as const;

/** The colour and symbol of the sync state: the worst of problem, offline, pending, saved. */
export function syncTone(sync: CombinedSync, unsentDocuments = 0): SyncTone {
  if (sync.problem && sync.problem !== 'roleChanged') return 'problem';
  if (sync.connection === 'offline') return 'offline';
  if (sync.pending > 0 || unsentDocuments > 0 || sync.connection === 'connecting') return 'pending';
  return 'saved';
}

/**
 * The full sentence of the sync state, in parts («Нет связи с сервером · 1 документ с изменениями
 * только на этом устройстве»). `unsentDocuments` (documents of the workspace with changes only on
 * this device) is the one count the app shows, on every page and in every tab; the open docs'
 * `pending` counts Yjs transactions, dozens per sentence, which no person counts: it only says
 * "not yet".
 */
export function syncSentence(sync: CombinedSync, readOnly: boolean, unsentDocuments = 0): string {
  const out: string[] = [];
  if (readOnly) out.push(t('sync.readOnly'));
  if (sync.problem && sync.problem !== 'roleChanged') out.push(t(PROBLEM_TEXT[sync.problem]));
  if (sync.connection === 'offline') out.push(t('sync.offline'));
  else if (sync.connection === 'connecting') out.push(t('sync.connecting'));
  if (unsentDocuments > 0) out.push(t('wsync.unsyncedCount', { count: unsentDocuments }));
  else if (sync.pending > 0) out.push(t('sync.sending'));
  else if (sync.connection === 'online' && !sync.problem && !readOnly) out.push(t('sync.saved'));
  return out.join(' · ');
}
