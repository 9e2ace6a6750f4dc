import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild
} from 'docx';
import { isSafeHref } from '../shared/richText/safeHref.ts';
import { isBlobHash } from '../shared/files/hash.ts';
import { fieldRows, type ExportMeta } from './documentFields.ts';
import { docxProperties } from './docxProperties.ts';
import {
  attrOf,
  childrenOf,
  intAttr,
  marksOf,
  MAX_DEPTH,
  typeOf,
  type DocLinkResolver,
  type PmNode
} from '../shared/richText/pmNode.ts';

/**
 * A document as a Word file (the `docx` package): the title as Heading 1 and the document's own
 * headings one level below it (as on the public page), the type, fields and tags as a table under
 * the title and as custom properties (which the import here reads back), bold/italic/strike/
 * underline/code, links, bullet and numbered lists, task lists with ☐/☑, tables with their header
 * row, and the pictures this device has. Unknown nodes keep their text.
 */
export type DocxOptions = {
  title: string;
  meta?: ExportMeta;
  docLink?: DocLinkResolver;
  /** Picture bytes by hash; a picture not given, or of a type Word cannot show, keeps its description. */
  images?: ReadonlyMap<string, { type: string; bytes: Uint8Array }>;
};

type Block = Paragraph | Table;
type ListLevel = { kind: 'bullet' | 'ordered'; level: number; instance: number };

const ORDERED = 'uzel-ordered';
const WORD_IMAGE_TYPES: Record<string, 'png' | 'jpg' | 'gif' | 'bmp'> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/bmp': 'bmp'
};
/** A picture's width on an A4 page with normal margins, in pixels at 96 dpi. */
const PAGE_WIDTH_PX = 600;
const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6
] as const;

export async function toDocx(root: PmNode, options: DocxOptions): Promise<Uint8Array> {
  const writer = new DocxWriter(options);
  const title = options.title || 'Без названия';
  const children: Block[] = [new Paragraph({ heading: HeadingLevel.HEADING_1, text: title })];
  if (options.meta) children.push(fieldsTable(options.meta));
  children.push(...writer.blocks(root, 0, null));
  const document = new Document({
    title,
    keywords: options.meta?.tags.join(', '),
    customProperties: options.meta ? docxProperties(options.meta) : undefined,
    numbering: {
      config: [
        {
          reference: ORDERED,
          levels: Array.from({ length: 9 }, (_, level) => ({
            level,
            format: LevelFormat.DECIMAL,
            text: `%${level + 1}.`,
            alignment: AlignmentType.START,
            style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } }
          }))
        }
      ]
    },
    sections: [{ children }]
  });
  return new Uint8Array(await Packer.toArrayBuffer(document));
}

/** Type, fields and tags as a two-column table, as the HTML export and the public page show them. */
function fieldsTable(meta: ExportMeta): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: fieldRows(meta).map(
      (row) =>
        new TableRow({
          children: [
            new TableCell({ children: [new Paragraph({ text: row.label })] }),
            new TableCell({
              children: row.value.split('\n').map((line) => new Paragraph({ text: line }))
            })
          ]
        })
    )
  });
}

class DocxWriter {
  readonly #options: DocxOptions;
  #instances = 0;

  constructor(options: DocxOptions) {
    this.#options = options;
  }

  blocks(node: PmNode, depth: number, list: ListLevel | null): Block[] {
    return childrenOf(node).flatMap((child) => this.block(child, depth + 1, list));
  }

  block(node: PmNode, depth: number, list: ListLevel | null): Block[] {
    if (depth > MAX_DEPTH) return [];
    switch (typeOf(node)) {
      case 'paragraph':
        return [this.paragraph(this.inline(node), list)];
      case 'heading': {
        const level = intAttr(node, 'level', 1, 6) ?? 2;
        return [
          new Paragraph({ heading: HEADINGS[Math.min(level, 5)], children: this.inline(node) })
        ];
      }
      case 'bulletList':
      case 'orderedList': {
        const kind = typeOf(node) === 'bulletList' ? 'bullet' : 'ordered';
        const level = list ? Math.min(list.level + 1, 8) : 0;
        const instance = kind === 'ordered' ? ++this.#instances : 0;
        return childrenOf(node).flatMap((item) =>
          this.listItem(item, depth + 1, { kind, level, instance })
        );
      }
      case 'taskList':
        return childrenOf(node).flatMap((item) => {
          const box = attrOf(item, 'checked') === true ? '☑ ' : '☐ ';
          const [first, ...rest] = childrenOf(item);
          const head = first ? this.inline(first) : [];
          return [
            this.paragraph([new TextRun(box), ...head], list),
            ...rest.flatMap((b) => this.block(b, depth + 2, list))
          ];
        });
      case 'blockquote':
        // Word has no quote block the import would know; its paragraphs are kept.
        return this.blocks(node, depth, list);
      case 'codeBlock': {
        const text = childrenOf(node)
          .map((c) => (typeof c.text === 'string' ? c.text : ''))
          .join('');
        return text.split('\n').map(
          (line) =>
            new Paragraph({
              children: [new TextRun({ text: line, font: 'Courier New', size: 20 })]
            })
        );
      }
      case 'horizontalRule':
        return [
          new Paragraph({
            border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '999999', space: 1 } }
          })
        ];
      case 'table':
        return [this.table(node, depth)];
      case 'image':
        return [this.paragraph(this.image(node), list)];
      default: {
        const inner = this.blocks(node, depth, list);
        if (inner.length > 0) return inner;
        const runs = this.inline(node);
        return runs.length > 0 ? [this.paragraph(runs, list)] : [];
      }
    }
  }

  listItem(item: PmNode, depth: number, list: ListLevel): Block[] {
    const [first, ...rest] = childrenOf(item);
    const head =
      first && typeOf(first) === 'paragraph' ? [this.paragraph(this.inline(first), list)] : [];
    const others = head.length > 0 ? rest : childrenOf(item);
    // Further paragraphs of an item sit under it, not as new items; nested lists go one level in.
    return [
      ...head,
      ...others.flatMap((b) =>
        /List$/.test(typeOf(b)) ? this.block(b, depth + 1, list) : this.block(b, depth + 1, null)
      )
    ];
  }

  paragraph(children: ParagraphChild[], list: ListLevel | null): Paragraph {
    if (!list) return new Paragraph({ children });
    if (list.kind === 'bullet') return new Paragraph({ children, bullet: { level: list.level } });
    return new Paragraph({
      children,
      numbering: { reference: ORDERED, level: list.level, instance: list.instance }
    });
  }

  table(node: PmNode, depth: number): Table {
    const rows = childrenOf(node).filter((r) => typeOf(r) === 'tableRow');
    return new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: rows.map((row, r) => {
        const cells = childrenOf(row);
        const header =
          r === 0 && cells.length > 0 && cells.every((c) => typeOf(c) === 'tableHeader');
        return new TableRow({
          // Written only when true: a reader that checks for the element alone (mammoth) would
          // take tblHeader with val=false as a header row too.
          tableHeader: header || undefined,
          children: cells.map((cell) => {
            const blocks = this.blocks(cell, depth + 2, null);
            return new TableCell({
              columnSpan: intAttr(cell, 'colspan', 1, 100) ?? 1,
              rowSpan: intAttr(cell, 'rowspan', 1, 100) ?? 1,
              children: blocks.length > 0 ? blocks : [new Paragraph({})]
            });
          })
        });
      })
    });
  }

  image(node: PmNode): ParagraphChild[] {
    const hash = attrOf(node, 'hash');
    const alt =
      typeof attrOf(node, 'alt') === 'string' ? (attrOf(node, 'alt') as string).slice(0, 1000) : '';
    const file = isBlobHash(hash) ? this.#options.images?.get(hash) : undefined;
    const type = file ? WORD_IMAGE_TYPES[file.type] : undefined;
    if (!file || !type) return alt ? [new TextRun({ text: `[${alt}]`, italics: true })] : [];
    const width = intAttr(node, 'width', 1, 100_000) ?? PAGE_WIDTH_PX;
    const height = intAttr(node, 'height', 1, 100_000) ?? Math.round((width * 3) / 4);
    const scale = Math.min(1, PAGE_WIDTH_PX / width);
    return [
      new ImageRun({
        type,
        data: file.bytes,
        transformation: { width: Math.round(width * scale), height: Math.round(height * scale) },
        altText: { name: alt || 'picture', description: alt, title: alt }
      })
    ];
  }

  inline(node: PmNode): ParagraphChild[] {
    const out: ParagraphChild[] = [];
    for (const child of childrenOf(node)) {
      const type = typeOf(child);
      if (type === 'hardBreak') out.push(new TextRun({ text: '', break: 1 }));
      else if (type === 'docLink') out.push(this.docLink(child));
      else if (type === 'text' && typeof child.text === 'string') out.push(this.text(child));
    }
    return out;
  }

  text(node: PmNode): ParagraphChild {
    const marks = new Set(marksOf(node).map(typeOf));
    let href: string | null = null;
    for (const mark of marksOf(node)) {
      const value = attrOf(mark, 'href');
      if (typeOf(mark) === 'link' && typeof value === 'string' && isSafeHref(value))
        href = value.trim();
    }
    const run = new TextRun({
      text: node.text as string,
      bold: marks.has('bold') || undefined,
      italics: marks.has('italic') || undefined,
      strike: marks.has('strike') || undefined,
      underline: marks.has('underline') ? {} : undefined,
      subScript: marks.has('subscript') || undefined,
      superScript: marks.has('superscript') || undefined,
      font: marks.has('code') ? 'Courier New' : undefined,
      style: href ? 'Hyperlink' : undefined
    });
    return href ? new ExternalHyperlink({ link: href, children: [run] }) : run;
  }

  docLink(node: PmNode): ParagraphChild {
    const docId = attrOf(node, 'docId');
    const target = typeof docId === 'string' ? (this.#options.docLink?.(docId) ?? null) : null;
    if (!target) return new TextRun('[другой документ]');
    const run = new TextRun({ text: target.title, style: 'Hyperlink' });
    return isSafeHref(target.href)
      ? new ExternalHyperlink({ link: target.href, children: [run] })
      : run;
  }
}
