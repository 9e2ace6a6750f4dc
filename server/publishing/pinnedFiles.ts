import { isBlobHash } from '../../src/lib/shared/files/hash.ts';
import type { PinnedFile, PmNode } from './types.ts';

/** Editor nodes that name a stored file by its SHA-256 (`src/lib/editor/files`). */
const FILE_NODES = new Set(['image', 'attachment']);

/** As deep as the renderer goes: a file nested further is not shown, so it is not served. */
const MAX_DEPTH = 48;

/**
 * The files a pinned version shows, in document order: what its public file route may serve.
 * Read from the pinned JSON only, so a file added to the document after publishing is not here.
 */
export function pinnedFiles(content: PmNode): PinnedFile[] {
  const found = new Map<string, PinnedFile>();
  const walk = (node: PmNode, depth: number) => {
    if (depth > MAX_DEPTH) return;
    const type = typeof node.type === 'string' ? node.type : '';
    if (FILE_NODES.has(type)) {
      const attrs = node.attrs as Record<string, unknown> | null | undefined;
      const hash = typeof attrs === 'object' && attrs !== null ? attrs.hash : undefined;
      if (isBlobHash(hash)) {
        const image = type === 'image' || found.get(hash)?.image === true;
        found.set(hash, { hash, image });
      }
    }
    if (!Array.isArray(node.content)) return;
    for (const child of node.content as unknown[]) {
      if (typeof child === 'object' && child !== null) walk(child as PmNode, depth + 1);
    }
  };
  walk(content, 0);
  return [...found.values()];
}

/** The first picture of a version, for link previews and thumbnails; null when it has none. */
export function firstImageHash(files: readonly PinnedFile[]): string | null {
  return files.find((file) => file.image)?.hash ?? null;
}

/** A published file's address on the site: `/p/<site>/files/<hash>`. */
export function publicFilePath(siteSlug: string, hash: string): string {
  return `/p/${siteSlug}/files/${hash}`;
}
