import { marked } from 'marked';
import { htmlToContent, takeTitle } from './htmlToContent.ts';
import { strFromU8, unzipSync } from 'fflate';
import { childrenOf, intAttr, textOf, typeOf, type PmNode } from '../shared/richText/pmNode.ts';
import { readDocxProperties } from './docxProperties.ts';
import type { DocumentType } from '../shared/model/documentTypes.ts';
import { normaliseFieldValue, normaliseTag } from '../shared/model/fieldValues.ts';
import type { ExportMeta } from './documentFields.ts';
import { readFrontMatter, type FrontMatter } from './frontMatter.ts';

/**
 * Reads a Markdown or Word file into a document's content, without touching any workspace: the
 * caller creates the document only once this succeeded, so a broken file leaves nothing behind.
 */

/** A long methodology with pictures fits; anything larger is almost surely not a text. */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

export type ImportProblem = 'unsupported' | 'tooLarge' | 'broken' | 'empty';

export class ImportError extends Error {
  constructor(
    readonly problem: ImportProblem,
    cause?: unknown
  ) {
    super(problem, { cause });
  }
}

export type ImportedDocument = {
  title: string;
  content: PmNode;
  /** Pictures in the file that were left out (no store, or not a picture the app keeps). */
  skippedImages: number;
  /** Type, tags and fields from a Markdown file's front matter (what our export writes). */
  meta: Partial<ExportMeta>;
};

export type StoredImage = { hash: string; width: number | null; height: number | null };

/**
 * Where pictures of an imported file go: the device's blob store (and its upload queue), which
 * gives each picture's hash. It answers null for bytes it does not keep as a picture (EMF, a
 * broken file); without a store, pictures are counted and left out.
 */
export interface ImageStore {
  put(bytes: Uint8Array, contentType: string): Promise<StoredImage | null>;
}

export type ImportSource = { name: string; size: number; bytes: () => Promise<ArrayBuffer> };

export function kindOf(name: string): 'markdown' | 'docx' | null {
  const lower = name.toLowerCase();
  if (/\.(md|markdown|txt)$/.test(lower)) return 'markdown';
  if (lower.endsWith('.docx')) return 'docx';
  return null;
}

export async function importFile(
  file: ImportSource,
  images?: ImageStore
): Promise<ImportedDocument> {
  const kind = kindOf(file.name);
  if (!kind) throw new ImportError('unsupported');
  if (file.size > IMPORT_MAX_BYTES) throw new ImportError('tooLarge');
  const bytes = await file.bytes();
  if (bytes.byteLength > IMPORT_MAX_BYTES) throw new ImportError('tooLarge');
  const { html, skippedImages, imageHashes, front } =
    kind === 'markdown'
      ? markdownSource(bytes)
      : { ...(await docxToHtml(bytes, images)), front: docxFront(bytes) };
  let content: PmNode;
  try {
    content = htmlToContent(html, imageHashes);
  } catch (error) {
    throw new ImportError('broken', error);
  }
  // A file with no words at all would only make an empty document; say so instead.
  if (textOf(content).trim() === '') throw new ImportError('empty');
  const frontTitle = front?.title?.trim();
  let titled =
    frontTitle && typeOf(childrenOf(content)[0] ?? {}) !== 'heading'
      ? { title: frontTitle, content }
      : takeTitle(content, file.name);
  if (kind === 'docx')
    titled = { ...titled, content: fromWordLayout(content, titled.content, front) };
  return { ...titled, skippedImages, meta: front?.meta ?? {} };
}

/** Type, tags and fields a .docx exported here carries as custom properties. */
function docxFront(bytes: ArrayBuffer): FrontMatter | null {
  try {
    const entry = unzipSync(new Uint8Array(bytes), {
      filter: (file) => file.name === 'docProps/custom.xml' && file.originalSize < 1_000_000
    })['docProps/custom.xml'];
    const meta = entry ? readDocxProperties(strFromU8(entry)) : null;
    return meta ? { title: null, meta } : null;
  } catch {
    return null;
  }
}

export const FIELDS_TABLE_FIRST_CELL = 'Тип документа';

/**
 * Undoes what the Word export adds: with its title as Heading 1, the document's headings sit one
 * level lower (as on a public page), so they move back up when no other Heading 1 is left; and a
 * file that carried its fields as properties drops the table that showed them.
 */
function fromWordLayout(whole: PmNode, rest: PmNode, front: FrontMatter | null): PmNode {
  const first = childrenOf(whole)[0];
  const titleWasH1 = first && typeOf(first) === 'heading' && intAttr(first, 'level', 1, 6) === 1;
  let blocks = childrenOf(rest);
  if (
    front &&
    blocks[0] &&
    typeOf(blocks[0]) === 'table' &&
    textOf(blocks[0]).startsWith(FIELDS_TABLE_FIRST_CELL)
  )
    blocks = blocks.slice(1);
  const headings = blocks.filter((b) => typeOf(b) === 'heading');
  if (titleWasH1 && headings.every((h) => (intAttr(h, 'level', 1, 6) ?? 1) > 1))
    blocks = blocks.map((b) =>
      typeOf(b) === 'heading'
        ? { ...b, attrs: { ...(b.attrs as object), level: (intAttr(b, 'level', 1, 6) ?? 2) - 1 } }
        : b
    );
  return { ...rest, content: blocks.length > 0 ? blocks : [{ type: 'paragraph' }] };
}

type Converted = { html: string; skippedImages: number; imageHashes: Set<string> };

function markdownSource(bytes: ArrayBuffer): Converted & { front: FrontMatter | null } {
  const { front, body } = readFrontMatter(decodeUtf8(bytes));
  return { html: markdownToHtml(body), skippedImages: 0, imageHashes: new Set(), front };
}

function decodeUtf8(bytes: ArrayBuffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch (error) {
    throw new ImportError('broken', error);
  }
}

function markdownToHtml(text: string): string {
  // Raw HTML inside Markdown goes through the same sanitiser as any other HTML afterwards.
  const html = marked.parse(text, { async: false, gfm: true });
  // marked ends every code block with a newline the editor would show as an empty last line.
  return html.replace(/\n<\/code><\/pre>/g, '</code></pre>');
}

async function docxToHtml(bytes: ArrayBuffer, images?: ImageStore): Promise<Converted> {
  const mammoth = await import('mammoth');
  let skippedImages = 0;
  // Only pictures stored during this import may become image nodes (see sanitizeImportedHtml).
  const imageHashes = new Set<string>();
  try {
    const result = await mammoth.convertToHtml(
      // The browser build reads `arrayBuffer`, the Node build (tests) reads `buffer`.
      { arrayBuffer: bytes, buffer: bytes } as { arrayBuffer: ArrayBuffer },
      {
        // readAsArrayBuffer: `read()` makes a Node Buffer, which the browser does not have.
        convertImage: mammoth.images.imgElement(async (image) => {
          const stored = images
            ? await images
                .put(new Uint8Array(await image.readAsArrayBuffer()), image.contentType)
                .catch(() => null)
            : null;
          if (!stored) {
            skippedImages++;
            return { src: '' };
          }
          imageHashes.add(stored.hash);
          const size: Record<string, string> =
            stored.width && stored.height
              ? { width: String(stored.width), height: String(stored.height) }
              : {};
          return { src: '', 'data-hash': stored.hash, ...size };
        })
      }
    );
    return { html: result.value, skippedImages, imageHashes };
  } catch (error) {
    throw new ImportError('broken', error);
  }
}

/**
 * What a new document is created with from an import's front matter: its type, and the tags and
 * fields that type accepts. A value the index would refuse is left out, never the whole import.
 */
export function creationOptions(meta: Partial<ExportMeta>): {
  type?: DocumentType;
  tags: string[];
  fields: Record<string, string>;
} {
  const type = meta.type;
  const tags = (meta.tags ?? []).filter((tag) => {
    try {
      return normaliseTag(tag) !== '';
    } catch {
      return false;
    }
  });
  const fields: Record<string, string> = {};
  if (type)
    for (const [id, value] of Object.entries(meta.fields ?? {})) {
      try {
        if (normaliseFieldValue(type, id, value) !== '') fields[id] = value;
      } catch {
        // A field the type does not have, or a value of the wrong kind: left out.
      }
    }
  return { ...(type ? { type } : {}), tags, fields };
}
