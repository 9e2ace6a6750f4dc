import { childrenOf, MAX_DEPTH, type DocLinkResolver } from '../../../src/lib/transfer/pmNode.ts';
import { renderHtml } from '../../../src/lib/richText/renderHtml.ts';
import type { PmNode } from '../types.ts';

/** A published document's content as its public page shows it (the sanitiser still follows). */
export type RenderOptions = {
  /** A linked document's public address and title, or null when it is not published. */
  docLink?: DocLinkResolver;
  /** A published file's address by its hash; without it images and files render nothing. */
  fileHref?: (hash: string) => string;
};

export function contentToHtml(root: PmNode, options: RenderOptions = {}): string {
  return renderHtml(root, {
    docLink: options.docLink,
    // The node holds only an id; an unpublished document's private title is never looked up.
    unlinkedDocLabel: 'другой материал',
    imageSrc: options.fileHref,
    fileHref: options.fileHref,
    imagesFromNetwork: true,
    markDoneTasks: true,
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
