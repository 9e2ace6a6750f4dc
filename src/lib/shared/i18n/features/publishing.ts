/** Messages of one feature, Russian first; each feature keeps its own file so they grow apart. */
export const ru = {
  'publishing.title': 'Публикация',
  'publishing.draft': 'Документ не опубликован: его видят только участники.',
  // A Russian long date ends in «г.», so the sentence takes no full stop of its own.
  'publishing.proposed': 'Предложен к публикации {date}',
  'publishing.published': 'Опубликовано {date}',
  'publishing.changed': 'есть неопубликованные изменения',
  'publishing.upToDate': 'на сайте последняя версия',
  'publishing.unpublished': 'Снято с публикации {date}: страница больше не открывается.',
  'publishing.propose': 'Предложить к публикации',
  'publishing.withdraw': 'Отозвать предложение',
  'publishing.publish': 'Опубликовать',
  'publishing.republish': 'Опубликовать изменения',
  'publishing.unpublish': 'Снять с публикации',
  'publishing.confirmUnpublish':
    'Снять материал с публикации? Страница сразу перестанет открываться.',
  'publishing.licence': 'Лицензия',
  'publishing.publicLink': 'Адрес на сайте',
  'publishing.open': 'Открыть',
  'publishing.proposeHint':
    'Владелец пространства проверит документ и опубликует его на открытом сайте.',
  'publishing.publishHint':
    'На сайт попадёт текст и поля документа в их нынешнем виде. Комментарии не публикуются.',
  'publishing.viewerHint': 'Предлагать документы к публикации могут редакторы.',
  'publishing.loading': 'Загрузка…',
  'publishing.inBin': 'Документ в корзине: восстановите его, чтобы опубликовать.',
  'publishing.settingsLink': 'Настройки публикации',

  'publishing.settings.title': 'Публикация на сайте',
  'publishing.settings.hint':
    'Опубликованные материалы видны всем в интернете: каталог с поиском, лента новостей и виджет для сайта учреждения.',
  'publishing.settings.siteTitle': 'Название каталога',
  'publishing.settings.slug': 'Адрес каталога',
  'publishing.settings.slugHint': 'Латинские буквы, цифры и дефис.',
  'publishing.settings.defaultLicence': 'Лицензия по умолчанию',
  'publishing.settings.save': 'Сохранить',
  'publishing.settings.saved': 'Сохранено',
  'publishing.settings.catalogue': 'Каталог',
  'publishing.settings.feed': 'Лента (Atom)',
  'publishing.settings.embed': 'Код для сайта учреждения',
  'publishing.settings.embedHint':
    'Вставьте этот код на страницу сайта: он покажет последние опубликованные материалы.',
  'publishing.settings.publishers': 'Кто может публиковать',
  'publishing.settings.publishersHint':
    'Владельцы публикуют всегда. Отметьте редакторов, которым тоже можно публиковать.',
  'publishing.settings.queue': 'Предложения и публикации',
  'publishing.settings.none': 'Пока ничего не предложено и не опубликовано.',
  'publishing.settings.ownersOnly': 'Менять настройки могут только владельцы.',
  'publishing.error.slug_taken': 'Этот адрес уже занят другим пространством.',
  'publishing.error.in_bin': 'Документ в корзине: восстановите его, чтобы опубликовать.',

  'licence.CC-BY-4.0': 'CC BY 4.0 — с указанием авторства',
  'licence.CC-BY-SA-4.0': 'CC BY-SA 4.0 — с указанием авторства, на тех же условиях',
  'licence.CC-BY-NC-4.0': 'CC BY-NC 4.0 — с указанием авторства, некоммерческая',
  'licence.CC-BY-NC-SA-4.0': 'CC BY-NC-SA 4.0 — некоммерческая, на тех же условиях',
  'licence.CC-BY-ND-4.0': 'CC BY-ND 4.0 — без производных',
  'licence.CC0-1.0': 'CC0 — общественное достояние'
} as const;

export const en: Record<keyof typeof ru, string> = {
  'publishing.title': 'Publishing',
  'publishing.draft': 'Not published: only members can see this document.',
  'publishing.proposed': 'Proposed for publication on {date}',
  'publishing.published': 'Published on {date}',
  'publishing.changed': 'there are unpublished changes',
  'publishing.upToDate': 'the site shows the latest version',
  'publishing.unpublished': 'Unpublished on {date}: the page no longer opens.',
  'publishing.propose': 'Propose for publication',
  'publishing.withdraw': 'Withdraw the proposal',
  'publishing.publish': 'Publish',
  'publishing.republish': 'Publish the changes',
  'publishing.unpublish': 'Unpublish',
  'publishing.confirmUnpublish': 'Unpublish this material? Its page stops opening at once.',
  'publishing.licence': 'Licence',
  'publishing.publicLink': 'Public address',
  'publishing.open': 'Open',
  'publishing.proposeHint':
    'An owner of the workspace will review it and publish it on the open site.',
  'publishing.publishHint':
    'The text and fields as they are now go to the site. Comments are never published.',
  'publishing.viewerHint': 'Editors can propose documents for publication.',
  'publishing.loading': 'Loading…',
  'publishing.inBin': 'This document is in the bin: restore it to publish it.',
  'publishing.settingsLink': 'Publishing settings',

  'publishing.settings.title': 'Publishing on the web',
  'publishing.settings.hint':
    'Published materials are visible to everyone: a searchable catalogue, a feed and a widget for an institution’s site.',
  'publishing.settings.siteTitle': 'Catalogue name',
  'publishing.settings.slug': 'Catalogue address',
  'publishing.settings.slugHint': 'Latin letters, digits and dashes.',
  'publishing.settings.defaultLicence': 'Default licence',
  'publishing.settings.save': 'Save',
  'publishing.settings.saved': 'Saved',
  'publishing.settings.catalogue': 'Catalogue',
  'publishing.settings.feed': 'Feed (Atom)',
  'publishing.settings.embed': 'Code for an institution’s site',
  'publishing.settings.embedHint':
    'Paste this code into a web page: it shows the latest published materials.',
  'publishing.settings.publishers': 'Who may publish',
  'publishing.settings.publishersHint':
    'Owners can always publish. Tick the editors who may publish too.',
  'publishing.settings.queue': 'Proposals and publications',
  'publishing.settings.none': 'Nothing proposed or published yet.',
  'publishing.settings.ownersOnly': 'Only owners can change these settings.',
  'publishing.error.slug_taken': 'Another workspace already uses this address.',
  'publishing.error.in_bin': 'This document is in the bin: restore it to publish it.',

  'licence.CC-BY-4.0': 'CC BY 4.0 — attribution',
  'licence.CC-BY-SA-4.0': 'CC BY-SA 4.0 — attribution, share alike',
  'licence.CC-BY-NC-4.0': 'CC BY-NC 4.0 — attribution, non-commercial',
  'licence.CC-BY-NC-SA-4.0': 'CC BY-NC-SA 4.0 — non-commercial, share alike',
  'licence.CC-BY-ND-4.0': 'CC BY-ND 4.0 — no derivatives',
  'licence.CC0-1.0': 'CC0 — public domain'
};
