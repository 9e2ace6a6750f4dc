import { strToU8, zipSync } from 'fflate';
import { isBlobHash } from '../shared/files/hash.ts';
import type { ExportMeta } from './documentFields.ts';
import { filePath, safeFileBase } from './fileNames.ts';
import type { BlobReader } from './localFiles.ts';
import { toMarkdown } from './markdownExport.ts';
import {
  attrOf,
  childrenOf,
  MAX_DEPTH,
  typeOf,
  type DocLinkResolver,
  type PmNode
} from '../shared/richText/pmNode.ts';

export type MarkdownDownload =
  { kind: 'md'; name: string; text: string } | { kind: 'zip'; name: string; bytes: Uint8Array };

/**
 * One document as Markdown. Without pictures it is a single .md; with pictures on this device it
 * is a zip of the .md and `files/<hash>.<ext>`, which the Markdown shows by relative path, so the
 * pictures open next to the text in any Markdown reader. A picture not on the device keeps its
 * description in brackets.
 */
export async function markdownDownload(
  content: PmNode,
  options: { title: string; meta?: ExportMeta; docLink?: DocLinkResolver },
  imageHashes: Iterable<string>,
  read: BlobReader
): Promise<MarkdownDownload> {
  const files = new Map<string, { path: string; bytes: Uint8Array }>();
  for (const hash of new Set(imageHashes)) {
    if (!isBlobHash(hash)) continue;
    const blob = await read(hash);
    if (blob && blob.type.startsWith('image/'))
      files.set(hash, { path: filePath(hash, blob.type), bytes: new Uint8Array(blob.data) });
  }
  const text = toMarkdown(content, {
    ...options,
    imageHref: (hash) => files.get(hash)?.path ?? null
  });
  const base = safeFileBase(options.title);
  if (files.size === 0) return { kind: 'md', name: `${base}.md`, text };
  const zip: Record<string, Uint8Array> = { [`${base}.md`]: strToU8(text) };
  for (const { path, bytes } of files.values()) zip[path] = bytes;
  // Pictures are compressed already; the text is small.
  return { kind: 'zip', name: `${base}.zip`, bytes: zipSync(zip, { level: 0 }) };
}

/** The image hashes in a document's ProseMirror JSON, in order. */
export function imageHashesIn(root: PmNode): string[] {
  const out: string[] = [];
  const walk = (node: PmNode, depth: number) => {
    if (depth > MAX_DEPTH) return;
    const hash = attrOf(node, 'hash');
    if (typeOf(node) === 'image' && isBlobHash(hash)) out.push(hash);
    for (const child of childrenOf(node)) walk(child, depth + 1);
  };
  walk(root, 0);
  return out;
}
