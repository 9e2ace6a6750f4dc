import type { ru } from './accounts.ts';

/** English of `accounts.ts`: a separate module, so it loads only for English readers. */
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
