/** Messages of one feature, Russian first; each feature keeps its own file so they grow apart. */
export const ru = {
  'accounts.passwordTitle': 'Смена пароля',
  'accounts.currentPassword': 'Текущий пароль',
  'accounts.newPassword': 'Новый пароль',
  'accounts.changePassword': 'Сменить пароль',
  'accounts.passwordChanged': 'Пароль изменён. На других устройствах нужно войти заново.',
  'accounts.deleteTitle': 'Удаление учётной записи',
  'accounts.deleteHint':
    'Имя, почта, учреждение и все входы будут удалены. Документы, комментарии и версии останутся, подписанные «Удалённый участник».',
  'accounts.deleteConfirmPassword': 'Пароль для подтверждения',
  'accounts.deleteAccount': 'Удалить учётную запись',
  'accounts.deleteConfirm': 'Удалить учётную запись без возможности восстановления?',
  'accounts.deletedMember': 'Удалённый участник',
  'accounts.resetLink': 'Ссылка для нового пароля',
  'accounts.resetLinkMade':
    'Передайте ссылку {name}: она действует один раз, до {until}. Новый пароль завершит все входы.',
  'accounts.resetLinkMailed': 'Ссылка для нового пароля отправлена на почту {name}.',
  'accounts.deleteMember': 'Удалить учётную запись',
  'accounts.confirmDeleteMember':
    'Удалить учётную запись {name}? Имя и почта будут стёрты, материалы останутся.',
  'accounts.resetTitle': 'Новый пароль',
  'accounts.resetSave': 'Сохранить пароль',
  'accounts.resetDone': 'Пароль сохранён. Войдите с ним.',
  'accounts.resetUnknown': 'Такой ссылки нет. Попросите новую у владельца пространства.',
  'accounts.resetExpired': 'Срок действия ссылки истёк. Попросите новую.',
  'accounts.resetUsed': 'Ссылка уже использована. Если нужно, попросите новую.',
  'accounts.registered':
    'Если эту почту можно зарегистрировать, учётная запись готова. Если почта уже зарегистрирована, войдите со своим паролем или попросите ссылку для нового пароля.',
  'error.wrong_password': 'Пароль указан неверно',
  'error.registration_closed':
    'Регистрация здесь только по приглашению: попросите ссылку у владельца пространства.',
  'error.expired': 'Срок действия ссылки истёк',
  'error.used_up': 'Ссылка уже использована'
};
