import {
  attrOf,
  childrenOf,
  MAX_DEPTH,
  typeOf,
  type DocLinkResolver
} from '../../../src/lib/shared/richText/pmNode.ts';
import { renderHtml } from '../../../src/lib/shared/richText/renderHtml.ts';
import type { PmNode } from '../types.ts';

/** A published document's content as its public page shows it (the sanitiser still follows). */
export type RenderOptions = {
  /** A linked document's public address and title, or null when it is not published. */
  docLink?: DocLinkResolver;
  /** A published file's address by its hash; without it images and files render nothing. */
  fileHref?: (hash: string) => string;
  /** Titles pinned with the version, for links to documents that are not published. */
  linkTitles?: Record<string, string>;
};

export function contentToHtml(root: PmNode, options: RenderOptions = {}): string {
  const titles = options.linkTitles ?? {};
  return renderHtml(root, {
    // A link to a document that is not published reads as the title the author saw, as plain
    // text: only titles pinned with this version are used, never the live index.
    docLink: (docId) =>
      options.docLink?.(docId) ??
      (Object.hasOwn(titles, docId) ? { href: '', title: titles[docId]! } : null),
    unlinkedDocLabel: 'другой материал',
    imageSrc: options.fileHref,
    fileHref: options.fileHref,
    imagesFromNetwork: true,
    markDoneTasks: true,
    tooDeepNote: 'Дальше текст вложен слишком глубоко и здесь не показан.',
    // Links leaving the site pass no ranking and no referrer.
    linkRel: (href) => (/^(https?|mailto):/i.test(href) ? 'nofollow noopener noreferrer' : '')
  });
}

/** The document's text, one block per line: for the summary and the search index. */
export function plainText(root: PmNode): string {
  const parts: string[] = [];
  const walk = (node: PmNode, depth: number) => {
    if (depth > MAX_DEPTH) return;
    if (node.type === 'text' && typeof node.text === 'string') parts.push(node.text);
    const kids = childrenOf(node);
    for (const child of kids) walk(child, depth + 1);
    if (kids.length > 0 && node.type !== 'doc') parts.push('\n');
  };
  walk(root, 0);
  return parts
    .join('')
    .replace(/[ \t]*\n[\s]*/g, '\n')
    .trim();
}

/** The ids of the documents a content links to, in order, each once. */
export function docLinkIds(root: PmNode): string[] {
  const ids = new Set<string>();
  const walk = (node: PmNode, depth: number) => {
    if (depth > MAX_DEPTH) return;
    const id = attrOf(node, 'docId');
    if (typeOf(node) === 'docLink' && typeof id === 'string') ids.add(id);
    for (const child of childrenOf(node)) walk(child, depth + 1);
  };
  walk(root, 0);
  return [...ids];
}
