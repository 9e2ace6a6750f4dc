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
export function syncTone(sync: CombinedSync): SyncTone {
  if (sync.problem && sync.problem !== 'roleChanged') return 'problem';
  if (sync.connection === 'offline') return 'offline';
  if (sync.pending > 0 || sync.connection === 'connecting') return 'pending';
  return 'saved';
}

/** The full sentence of the sync state, in parts («Нет связи с сервером · 3 изменения …»). */
export function syncSentence(sync: CombinedSync, readOnly: boolean): string {
  const out: string[] = [];
  if (readOnly) out.push(t('sync.readOnly'));
  if (sync.problem && sync.problem !== 'roleChanged') out.push(t(PROBLEM_TEXT[sync.problem]));
  if (sync.connection === 'offline') out.push(t('sync.offline'));
  else if (sync.connection === 'connecting') out.push(t('sync.connecting'));
  if (sync.pending > 0) out.push(t('sync.pending', { count: sync.pending }));
  else if (sync.connection === 'online' && !sync.problem && !readOnly) out.push(t('sync.saved'));
  return out.join(' · ');
}
