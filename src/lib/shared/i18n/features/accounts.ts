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

export const en: Record<keyof typeof ru, string> = {
  'accounts.passwordTitle': 'Change password',
  'accounts.currentPassword': 'Current password',
  'accounts.newPassword': 'New password',
  'accounts.changePassword': 'Change password',
  'accounts.passwordChanged': 'Password changed. Other devices need to sign in again.',
  'accounts.deleteTitle': 'Delete account',
  'accounts.deleteHint':
    'Your name, e-mail, institution and sign-ins are deleted. Documents, comments and versions stay, signed “Deleted member”.',
  'accounts.deleteConfirmPassword': 'Password to confirm',
  'accounts.deleteAccount': 'Delete account',
  'accounts.deleteConfirm': 'Delete the account for good?',
  'accounts.deletedMember': 'Deleted member',
  'accounts.resetLink': 'New password link',
  'accounts.resetLinkMade':
    'Give this link to {name}: it works once, until {until}. A new password ends every sign-in.',
  'accounts.resetLinkMailed': 'A new password link was e-mailed to {name}.',
  'accounts.deleteMember': 'Delete account',
  'accounts.confirmDeleteMember':
    'Delete the account of {name}? Their name and e-mail are erased, their work stays.',
  'accounts.resetTitle': 'New password',
  'accounts.resetSave': 'Save password',
  'accounts.resetDone': 'Password saved. Sign in with it.',
  'accounts.resetUnknown': 'There is no such link. Ask a workspace owner for a new one.',
  'accounts.resetExpired': 'This link has expired. Ask for a new one.',
  'accounts.resetUsed': 'This link has been used. Ask for a new one if needed.',
  'accounts.registered':
    'If this e-mail could be registered, the account is ready. If it was registered already, sign in with your password or ask for a new password link.',
  'error.wrong_password': 'The password is not right',
  'error.registration_closed': 'Registration here is by invite: ask a workspace owner for a link.',
  'error.expired': 'The link has expired',
  'error.used_up': 'The link has been used already'
};
