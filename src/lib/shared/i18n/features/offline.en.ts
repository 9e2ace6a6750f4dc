import type { ru } from './offline.ts';

/** English of `offline.ts`: a separate module, so it loads only for English readers. */
export const en: Record<keyof typeof ru, string> = {
  'signOut.title': 'Sign out of Uzel?',
  'signOut.forget': 'Remove my documents and files from this device',
  'signOut.forgetHint':
    'Tick this if other people use this tablet too. Everything already on the server comes back when you sign in again.',
  'signOut.unsent':
    'Not every change on this device has reached the server, so the copy cannot be removed. Connect to the internet and wait for the sync.',
  'signOut.removing': 'Removing documents and files from this device…',
  'signOut.failed':
    'You are signed out, but some data could not be removed: close other Uzel tabs, sign in and sign out again.',
  'signOut.understood': 'OK',
  'wsync.progress': 'Downloaded {done} of {total, plural, one {# document} other {# documents}}',
  'wsync.remaining': '{size} left',
  'wsync.checking': 'Checking what changed…',
  'wsync.waiting': 'Syncing in another tab',
  'wsync.waitingProgress':
    'Another tab has downloaded {done} of {total, plural, one {# document} other {# documents}}',
  'wsync.done': 'Every document is on this device',
  'wsync.doneAt': 'Every document is on this device · checked {when}',
  'wsync.never': 'Documents are not on this device yet',
  'wsync.syncNow': 'Sync now',
  'wsync.offline': 'Offline: syncing continues when the connection returns',
  'wsync.unsyncedCount':
    '{count, plural, one {# document} other {# documents}} with changes only on this device',
  'wsync.error.network': 'Sync failed: the server does not answer',
  'wsync.error.unauthorised': 'Sync failed: please sign in again',
  'wsync.error.forbidden': 'Sync failed: no access to this workspace',
  'wsync.error.refused': 'The server refused to sync',
  'wsync.error.local': 'Could not write documents to this device: it may be out of space',
  'wsync.unsynced': 'Not sent',
  'wsync.unsyncedHint': 'Has changes that are not on the server yet',
  'wsync.storage.title': 'Storage on this device',
  'wsync.storage.used': '{used} of {quota} used',
  'wsync.storage.unknown': 'The browser does not tell how much space is used',
  'wsync.storage.persisted': 'The browser will not delete documents when space runs low',
  'wsync.storage.notPersisted':
    'The browser may delete stored documents when the device runs low on space. Install Uzel as an app or allow persistent storage.',
  'wsync.storage.nearQuota':
    'Space for documents is nearly used up: free some space on the device, or new changes will not be saved',
  'wsync.size.b': '{n} B',
  'wsync.size.kb': '{n} KB',
  'wsync.size.mb': '{n} MB',
  'wsync.size.gb': '{n} GB'
};
