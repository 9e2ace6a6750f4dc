import { createRequire } from 'node:module';
import type { slugify as Slugify } from 'transliteration';

/** Loaded on first use: its tables cost a server that never makes a slug about 8 MB. */
let slugify: typeof Slugify | null = null;
const transliterate = (text: string, options: Parameters<typeof Slugify>[1]): string => {
  slugify ??= (createRequire(import.meta.url)('transliteration') as { slugify: typeof Slugify })
    .slugify;
  return slugify(text, options);
};

/** Long enough to read, short enough for a link pasted into a message. */
export const SLUG_MAX_LENGTH = 60;

/**
 * A readable URL part from a Russian title: transliterated to Latin letters (ГОСТ-like:
 * «щука» → shchuka, «ёлка» → yolka), lower case, words joined by dashes, cut at a word boundary.
 * A title with nothing to transliterate (only punctuation, emoji) gives `fallback`.
 */
export function slugFromTitle(title: string, fallback = 'material'): string {
  const full = transliterate(title, { lowercase: true, separator: '-', trim: true })
    .replace(/[^a-z0-9-]+/g, '')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  if (full === '') return fallback;
  if (full.length <= SLUG_MAX_LENGTH) return full;
  const cut = full.slice(0, SLUG_MAX_LENGTH);
  const lastDash = cut.lastIndexOf('-');
  return (lastDash > 20 ? cut.slice(0, lastDash) : cut).replace(/-$/, '');
}

/** A workspace's public address part: the same rules, and never one of our own route words. */
export const WORKSPACE_SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;
const RESERVED = new Set(['_', 'assets', 'static', 'api', 'sync', 'feed', 'embed', 'sitemap']);

export function isWorkspaceSlug(value: string): boolean {
  return WORKSPACE_SLUG_PATTERN.test(value) && !RESERVED.has(value) && !value.includes('--');
}

export function workspaceSlugFromName(name: string): string {
  const base = slugFromTitle(name, 'set').slice(0, 40).replace(/-$/, '');
  return isWorkspaceSlug(base) ? base : 'set';
}
