import {
  attrOf,
  childrenOf,
  MAX_DEPTH,
  typeOf,
  type DocLinkResolver
} from '../../../src/lib/shared/richText/pmNode.ts';
import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  HtmlRenderer,
  renderHtml,
  type RenderHtmlOptions
} from '../../../src/lib/shared/richText/renderHtml.ts';
import type { PmNode } from '../types.ts';
import { sanitizeContent } from './sanitize.ts';

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
  return renderHtml(root, publicOptions(options));
}

/** Nodes rendered between two looks at the clock: cheap to count, a fraction of a slice. */
const STEPS = 500;
/** The longest the render holds the event loop before other requests get their turn. */
export const SLICE_MS = 10;
/** Markup sanitised at once: well under a slice of sanitize-html's time on a slow machine. */
const SANITIZE_CHARS = 32 * 1024;

/**
 * The content's public HTML as UTF-8 pieces, rendered and sanitised in slices of about `SLICE_MS`, yielding to
 * the event loop in between: a 10 MB material takes seconds to render, and in one piece it held
 * every other page, sync and acknowledgement of the server for as long. The markup is cut only
 * between top-level blocks (whole elements), so sanitising it piece by piece gives the same page
 * as sanitising it whole. One block larger than everything else is still sanitised in one go.
 */
export async function contentToSafeHtml(
  root: PmNode,
  options: RenderOptions = {}
): Promise<Buffer[]> {
  const renderer = new HtmlRenderer(root, publicOptions(options));
  // UTF-8 piece by piece: encoding megabytes of text in one Buffer.from took 100 ms on its own.
  const pieces: Buffer[] = [];
  let sliceStart = performance.now();
  for (;;) {
    const finished = renderer.run(STEPS);
    if (finished || (renderer.atBlockBoundary && renderer.pending >= SANITIZE_CHARS)) {
      pieces.push(Buffer.from(sanitizeContent(renderer.take())));
    }
    if (finished) break;
    if (performance.now() - sliceStart >= SLICE_MS) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
  return pieces;
}

function publicOptions(options: RenderOptions): RenderHtmlOptions {
  const titles = options.linkTitles ?? {};
  return {
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
  };
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
