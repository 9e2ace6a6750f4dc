import { isValidId } from '../ids.ts';
import { COMMENT_MENTIONS_MAX, COMMENT_TEXT_MAX_LENGTH } from './types.ts';

/**
 * A mention is stored as `<@userId>` in the text, so a renamed member shows under the new name
 * and the text never carries a name that could go stale. The composer turns a picked `@Имя`
 * into the token; the display turns the token back into the member's current name.
 */
const TOKEN = /<@([A-Za-z0-9_-]{1,64})>/g;

export type TextPart = { kind: 'text'; text: string } | { kind: 'mention'; id: string };

export function mentionToken(userId: string): string {
  return `<@${userId}>`;
}

/** The text split into plain runs and mentions, in order. */
export function splitMentions(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    if (match.index > last) parts.push({ kind: 'text', text: text.slice(last, match.index) });
    parts.push({ kind: 'mention', id: match[1]! });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}

/** The distinct ids mentioned in a text, bounded. */
export function mentionIds(text: string): string[] {
  const ids = new Set<string>();
  for (const match of text.matchAll(TOKEN)) {
    if (ids.size >= COMMENT_MENTIONS_MAX) break;
    ids.add(match[1]!);
  }
  return [...ids];
}

/**
 * Replaces every `@Name` of a picked member by their token. Longer names first, so «@Анна
 * Лобанова» wins over a member called «Анна».
 */
export function encodeMentions(text: string, picked: { id: string; name: string }[]): string {
  const byLength = picked
    .filter((m) => isValidId(m.id) && m.name.trim() !== '')
    .sort((a, b) => b.name.length - a.name.length);
  let out = text;
  for (const member of byLength) out = out.split(`@${member.name}`).join(mentionToken(member.id));
  return out;
}

/** Line endings unified, surrounding blank space trimmed, length bounded. */
export function normaliseCommentText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    .slice(0, COMMENT_TEXT_MAX_LENGTH);
}
