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
