import { escapeHtml } from './escape.ts';

/** Tags as a reader sees them in the app: each one a chip. */
export function tagList(tags: readonly string[]): string {
  return `<span class="taglist">${tags.map((t) => `<span>${escapeHtml(t)}</span>`).join('')}</span>`;
}
