import * as accounts from './features/accounts.ts';
import * as comments from './features/comments.ts';
import * as files from './features/files.ts';
import * as frame from './features/frame.ts';
import * as history from './features/history.ts';
import * as knowledgeBase from './features/knowledgeBase.ts';
import * as links from './features/links.ts';
import * as notifications from './features/notifications.ts';
import * as offline from './features/offline.ts';
import * as partners from './features/partners.ts';
import * as presence from './features/presence.ts';
import * as projects from './features/projects.ts';
import * as publishing from './features/publishing.ts';
import * as search from './features/search.ts';
import * as tables from './features/tables.ts';
import * as transfer from './features/transfer.ts';

/** Russian, the first language of the interface. ICU MessageFormat (plurals: one/few/many/other). */
export const ru = {
  'app.name': 'Узел',
  'app.tagline': 'База знаний сети учреждений',
  'nav.home': 'Документы',
  'nav.skip': 'Перейти к содержимому',
  'locale.switch': 'English',
  'locale.label': 'Язык интерфейса',

  'sync.offline': 'Нет связи с сервером',
  'sync.connecting': 'Подключение…',
  'sync.saved': 'Все изменения сохранены на сервере',
  'sync.sending': 'Отправляем изменения на сервер…',
  'sync.offlineHint': 'Можно продолжать работу: изменения сохраняются на этом устройстве.',
  'sync.tooBig': 'Изменение слишком большое, сервер его не принял',
  'sync.storageError': 'Сервер временно не может сохранить изменения, повторяем попытку',

  'docs.title': 'Документы',
  'docs.empty': 'Документов пока нет. Создайте первый — например, план совместного проекта.',
  'docs.loading': 'Загрузка…',
  'docs.create': 'Новый документ',
  'docs.untitled': 'Без названия',
  'docs.rename': 'Переименовать',
  'docs.renameLabel': 'Название документа',
  'docs.save': 'Сохранить',
  'docs.cancel': 'Отмена',
  'docs.delete': 'Удалить',
  'docs.deleted': 'Документ «{title}» перемещён в корзину',
  'docs.undo': 'Вернуть',
  'docs.open': 'Открыть',
  'docs.updated': 'изменён {when}',
  'docs.count':
    '{count, plural, one {# документ} few {# документа} many {# документов} other {# документа}}',
  'bin.title': 'Корзина',
  'bin.restore': 'Восстановить',
  'bin.hint': 'Удалённые документы можно восстановить.',
  'bin.empty': 'Корзина пуста.',

  'doc.back': 'Ко всем документам',
  'doc.notFound': 'Документ не найден. Возможно, он ещё не загрузился с сервера.',
  'doc.inBin': 'Этот документ в корзине.',
  'doc.titlePlaceholder': 'Название документа',
  'doc.editorLabel': 'Текст документа',
  'doc.loading': 'Открываем документ…',

  'toolbar.label': 'Оформление текста',
  'editor.taskCheckbox': '{checked, select, yes {Выполнено} other {Не выполнено}}: {text}',
  'editor.taskEmpty': 'пустой пункт',
  'toolbar.paragraph': 'Обычный текст',
  'toolbar.heading': 'Заголовок {level}',
  'toolbar.bold': 'Полужирный',
  'toolbar.italic': 'Курсив',
  'toolbar.bulletList': 'Маркированный список',
  'toolbar.orderedList': 'Нумерованный список',
  'toolbar.taskList': 'Список задач',
  'toolbar.blockquote': 'Цитата',
  'toolbar.code': 'Код',
  'toolbar.codeBlock': 'Блок кода',
  'toolbar.rule': 'Горизонтальная линия',
  'toolbar.link': 'Ссылка',
  'toolbar.linkPrompt': 'Адрес ссылки (https://…, mailto:…). Пусто — убрать ссылку.',
  'toolbar.linkRejected': 'Такой адрес нельзя использовать в ссылке',

  'sync.unauthorised': 'Войдите снова, чтобы отправить изменения на сервер',
  'sync.forbidden': 'Нет доступа к этому пространству',
  'sync.rateLimited': 'Слишком много изменений сразу, повторяем попытку',
  'sync.readOnly': 'Только чтение',

  'auth.signInTitle': 'Вход в Узел',
  'auth.registerTitle': 'Регистрация',
  'auth.email': 'Электронная почта',
  'auth.password': 'Пароль',
  'auth.passwordHint': 'Не короче 8 символов и не из самых распространённых',
  'auth.displayName': 'Имя и фамилия',
  'auth.displayNameHint': 'Так вас увидят коллеги, например: Лобанова Людмила Евгеньевна',
  'auth.institution': 'Учреждение (необязательно)',
  'auth.institutionHint':
    'Подставится автором и учреждением в новые документы и в отчёт; можно изменить в профиле',
  'auth.signIn': 'Войти',
  'auth.register': 'Зарегистрироваться',
  'auth.toRegister': 'Нет учётной записи? Зарегистрируйтесь',
  'auth.toSignIn': 'Уже есть учётная запись? Войдите',
  'auth.signOut': 'Выйти',
  'auth.expired':
    'Сеанс завершён. Войдите снова — изменения, сделанные на этом устройстве, сохранены и будут отправлены.',
  'auth.signInAgain': 'Войти снова',
  'auth.working': 'Подождите…',
  'error.bad_credentials': 'Неверная почта или пароль',
  'error.email_taken': 'Эта почта уже зарегистрирована. Войдите или используйте другую.',
  'error.rate_limited': 'Слишком много попыток. Попробуйте через несколько минут.',
  'error.invalid_input': 'Проверьте заполнение полей',
  'error.password_blank': 'Пароль не может состоять из одних пробелов: добавьте буквы или цифры.',
  'error.password_common':
    'Этот пароль слишком распространён: его подбирают первым. Придумайте другой.',
  'error.password_guessable':
    'Этот пароль легко подобрать (повторы или последовательности). Сделайте его длиннее.',
  'error.password_personal':
    'Пароль составлен из вашей почты или имени — его легко угадать. Придумайте другой.',
  'error.network': 'Нет связи с сервером. Проверьте интернет и попробуйте ещё раз.',
  'error.last_owner': 'Нельзя убрать последнего владельца пространства',
  'error.forbidden': 'Это действие доступно только владельцу пространства',
  'error.generic': 'Что-то пошло не так. Попробуйте ещё раз.',

  'ws.title': 'Пространства',
  'ws.hint': 'Пространство — это сеть учреждений со своими документами и участниками.',
  'ws.none':
    'Вы пока не состоите ни в одном пространстве. Создайте своё или попросите приглашение у коллег.',
  'ws.create': 'Создать пространство',
  'ws.nameLabel': 'Название пространства',
  'ws.namePlaceholder': 'Например: Сеть учреждений культуры и образования г. Белгорода',
  'ws.open': 'Открыть',
  'ws.current': 'текущее',
  'ws.switch': 'Сменить пространство',
  'role.owner': 'владелец',
  'role.editor': 'редактор',
  'role.viewer': 'читатель',

  'members.title': 'Участники',
  'members.you': 'вы',
  'members.role': 'Роль',
  'members.remove': 'Исключить',
  'members.leave': 'Покинуть пространство',
  'members.confirmRemove': 'Исключить {name} из пространства?',
  'members.institution': 'Учреждение',
  'invites.title': 'Приглашения',
  'invites.hint':
    'Отправьте ссылку коллеге любым удобным способом. Ссылка действует ограниченное время.',
  'invites.role': 'Роль приглашённого',
  'invites.expires': 'Действует',
  'invites.hours': '{count, plural, one {# час} few {# часа} many {# часов} other {# часа}}',
  'invites.days': '{count, plural, one {# день} few {# дня} many {# дней} other {# дня}}',
  'invites.maxUses': 'Сколько раз можно использовать',
  'invites.unlimited': 'без ограничения',
  'invites.create': 'Создать ссылку',
  'invites.link': 'Ссылка-приглашение',
  'invites.copy': 'Копировать',
  'invites.copied': 'Скопировано',
  'invites.revoke': 'Отозвать',
  'invites.revoked': 'отозвано',
  'invites.expired': 'истекло',
  'invites.usedUp': 'использовано',
  'invites.uses': 'использовано {uses} из {max}',
  'invites.usesUnlimited': 'использовано {uses} раз',
  'invites.until': 'до {date}',
  'invites.none': 'Активных приглашений нет.',

  'invite.title': 'Приглашение в Узел',
  'invite.text': 'Вас приглашают в пространство «{name}» с ролью «{role}».',
  'invite.accept': 'Принять приглашение',
  'invite.signInFirst': 'Чтобы принять приглашение, войдите или зарегистрируйтесь.',
  'invite.expired': 'Срок действия приглашения истёк. Попросите новую ссылку.',
  'invite.revoked': 'Приглашение отозвано.',
  'invite.used_up': 'Приглашение уже использовано максимальное число раз.',
  'invite.unknown': 'Приглашение не найдено. Проверьте ссылку.',

  'profile.title': 'Профиль',
  'profile.institution': 'Учреждение',
  'profile.institutionHint': 'Например: МБУДО «Юность»',
  'profile.saved': 'Сохранено',
  'nav.members': 'Участники',
  'nav.profile': 'Профиль',
  'nav.workspaces': 'Пространства',

  'update.ready': 'Доступна новая версия Узла.',
  'update.reload': 'Обновить',
  'update.later': 'Позже',
  'offline.ready': 'Узел готов к работе без интернета.',
  ...knowledgeBase.ru,
  ...links.ru,
  ...search.ru,
  ...offline.ru,
  ...partners.ru,
  ...projects.ru,
  ...comments.ru,
  ...publishing.ru,
  ...files.ru,
  ...transfer.ru,
  ...history.ru,
  ...notifications.ru,
  ...presence.ru,
  ...tables.ru,
  ...frame.ru,
  ...accounts.ru
} as const;

export type MessageKey = keyof typeof ru;
