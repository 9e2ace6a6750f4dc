/** Messages of one feature, Russian first; each feature keeps its own file so they grow apart. */
export const ru = {
  'signOut.title': 'Выйти из Узла?',
  'signOut.forget': 'Удалить мои документы и файлы с этого устройства',
  'signOut.forgetHint':
    'Отметьте, если планшетом пользуются и другие люди. Всё, что уже на сервере, снова загрузится при следующем входе.',
  'signOut.unsent':
    'Не все изменения с этого устройства дошли до сервера, поэтому копию удалить нельзя. Подключитесь к интернету и дождитесь синхронизации.',
  'signOut.removing': 'Удаляем документы и файлы с этого устройства…',
  'signOut.failed':
    'Вы вышли, но часть данных удалить не удалось: закройте другие вкладки Узла, войдите и выйдите ещё раз.',
  'signOut.understood': 'Понятно',
  'wsync.progress':
    'Загружено {done} из {total, plural, one {# документа} few {# документов} many {# документов} other {# документа}}',
  'wsync.remaining': 'осталось {size}',
  'wsync.checking': 'Проверяем, что изменилось…',
  'wsync.waiting': 'Синхронизация идёт в другой вкладке',
  'wsync.waitingProgress':
    'В другой вкладке загружено {done} из {total, plural, one {# документа} few {# документов} many {# документов} other {# документа}}',
  'wsync.done': 'Все документы есть на этом устройстве',
  'wsync.doneAt': 'Все документы есть на этом устройстве · проверено {when}',
  'wsync.never': 'Документы ещё не загружены на это устройство',
  'wsync.syncNow': 'Синхронизировать сейчас',
  'wsync.offline': 'Без интернета: синхронизация продолжится, когда появится связь',
  'wsync.unsyncedCount':
    '{count, plural, one {# документ} few {# документа} many {# документов} other {# документа}} с изменениями только на этом устройстве',
  'wsync.error.network': 'Не удалось синхронизировать: сервер не отвечает',
  'wsync.error.unauthorised': 'Не удалось синхронизировать: войдите снова',
  'wsync.error.forbidden': 'Не удалось синхронизировать: нет доступа к пространству',
  'wsync.error.refused': 'Сервер отказал в синхронизации',
  'wsync.error.local':
    'Не удалось записать документы на это устройство: возможно, закончилось место',
  'wsync.unsynced': 'Не отправлено',
  'wsync.unsyncedHint': 'Есть изменения, которых ещё нет на сервере',
  'wsync.storage.title': 'Хранилище на этом устройстве',
  'wsync.storage.used': 'Занято {used} из {quota}',
  'wsync.storage.unknown': 'Браузер не сообщает, сколько места занято',
  'wsync.storage.persisted': 'Браузер не удалит документы при нехватке места',
  'wsync.storage.notPersisted':
    'Браузер может удалить сохранённые документы, если на устройстве не хватит места. Установите Узел как приложение или разрешите постоянное хранение.',
  'wsync.storage.nearQuota':
    'Место для документов почти закончилось: освободите место на устройстве, иначе новые изменения не сохранятся',
  'wsync.size.b': '{n} Б',
  'wsync.size.kb': '{n} КБ',
  'wsync.size.mb': '{n} МБ',
  'wsync.size.gb': '{n} ГБ'
} as const;

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
