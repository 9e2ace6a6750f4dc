import type { ru } from './comments.ts';

/** English of `comments.ts`: a separate module, so it loads only for English readers. */
export const en: Record<keyof typeof ru, string> = {
  'comments.title': 'Comments',
  'comments.toggle': 'Comments: {count, plural, =0 {none open} one {# open} other {# open}}',
  'comments.add': 'Comment',
  'comments.addHint': 'Comment on the selected text (Ctrl+Alt+M)',
  'comments.selectFirst': 'First select the words in the text your comment is about.',
  'comments.newLabel': 'New comment',
  'comments.newPlaceholder': 'Your comment. Type @ and a name to mention a colleague.',
  'comments.replyLabel': 'Reply',
  'comments.replyPlaceholder': 'Your reply. Type @ and a name to mention a colleague.',
  'comments.send': 'Send',
  'comments.cancel': 'Cancel',
  'comments.reply': 'Reply',
  'comments.resolve': 'Resolve',
  'comments.reopen': 'Reopen',
  'comments.delete': 'Delete',
  'comments.deleteConfirm': 'Delete your comment?',
  'comments.deleted': 'Comment deleted by its author',
  'comments.orphaned': 'Detached from the text',
  'comments.orphanedHint':
    'The text these threads were about was deleted from the document. The threads are kept.',
  'comments.resolved': 'Resolved: {count, plural, one {# thread} other {# threads}}',
  'comments.resolvedBy': 'Resolved · {name} · {when}',
  'comments.empty': 'No comments yet. Select words in the text and press “Comment”.',
  'comments.emptyReadOnly': 'No comments yet.',
  'comments.readOnly': 'You have read-only access: you can see comments but not write them.',
  'comments.show': 'Show in the text',
  'comments.close': 'Close comments',
  'comments.mentions': 'Workspace members',
  'comments.someone': 'member',
  'comments.replies': '{count, plural, one {# reply} other {# replies}}'
};
