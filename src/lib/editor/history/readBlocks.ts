import type { Node } from '@tiptap/pm/model';
import {
  shape,
  textRun,
  type BlockShape,
  type ContentBlock,
  type Run
} from '../../shared/model/history/contentBlocks.ts';
import { DOC_LINK_ID_ATTR, DOC_LINK_NODE } from '../../shared/model/documentLinks.ts';
import { isValidId } from '../../shared/model/ids.ts';
import { docHref } from '../docLink/linkTarget.ts';
import { isSafeHref } from '../../shared/richText/safeHref.ts';

/** The text a link to another document shows (its title, read live), by the target's id. */
export type DocLinkText = (id: unknown) => string;

type Context = { depth: number; quote: boolean };

/** The inline content of a text block as runs: text with marks, document links, line breaks. */
function runsOf(block: Node, docLinkText: DocLinkText): Run[] {
  const runs: Run[] = [];
  block.forEach((child) => {
    if (child.isText) {
      let href: string | null = null;
      const marks: string[] = [];
      for (const mark of child.marks) {
        if (mark.type.name === 'link') {
          const raw: unknown = mark.attrs.href;
          href = typeof raw === 'string' && isSafeHref(raw) ? raw.trim() : null;
        } else marks.push(mark.type.name);
      }
      runs.push(textRun(child.text ?? '', marks, href));
    } else if (child.type.name === DOC_LINK_NODE) {
      const id: unknown = child.attrs[DOC_LINK_ID_ATTR];
      const href = typeof id === 'string' && isValidId(id) ? docHref(id) : null;
      runs.push({ kind: 'docLink', text: docLinkText(id), marks: [], href });
    } else if (child.type.name === 'hardBreak') {
      runs.push({ kind: 'break', text: '\n', marks: [], href: null });
    }
  });
  return runs;
}

/**
 * The blocks of a document in reading order, each with its form: headings with their level,
 * list items with their list and marker, quotes, code, table rows with their cells (header cells
 * marked), pictures and files by their description. What the comparison of versions shows.
 */
export function readBlocks(doc: Node, docLinkText: DocLinkText): ContentBlock[] {
  const blocks: ContentBlock[] = [];
  let tables = 0;
  const add = (s: BlockShape, runs: Run[], marker = '', table = -1, cells: Run[][] = []) =>
    blocks.push({ shape: s, marker, table, runs, cells });

  const walk = (node: Node, ctx: Context): void => {
    node.forEach((child) => visit(child, ctx));
  };
  const visit = (node: Node, ctx: Context): void => {
    const base = { depth: ctx.depth, quote: ctx.quote };
    switch (node.type.name) {
      case 'paragraph':
        return void add(shape('paragraph', base), runsOf(node, docLinkText));
      case 'heading': {
        const level = Number(node.attrs.level) || 1;
        return void add(shape('heading', { ...base, level }), runsOf(node, docLinkText));
      }
      case 'codeBlock':
        return void add(shape('code', base), [textRun(node.textContent)]);
      case 'blockquote':
        return walk(node, { depth: ctx.depth + 1, quote: true });
      case 'bulletList':
      case 'orderedList':
      case 'taskList':
        return listItems(node, ctx);
      case 'table':
        return table(node, ctx, tables++);
      case 'image':
        return void add(shape('image', base), [textRun(String(node.attrs.alt ?? ''))]);
      case 'attachment':
        return void add(shape('file', base), [textRun(String(node.attrs.name ?? ''))]);
      case 'horizontalRule':
        return void add(shape('rule', base), []);
      default:
        if (node.isTextblock) return void add(shape('paragraph', base), runsOf(node, docLinkText));
        return walk(node, ctx);
    }
  };

  const listItems = (list: Node, ctx: Context): void => {
    const kind = list.type.name;
    const listKind = kind === 'orderedList' ? 'ordered' : kind === 'taskList' ? 'task' : 'bullet';
    const start = Number(list.attrs.start ?? 1) || 1;
    list.forEach((item, _offset, index) => {
      const checked = listKind === 'task' && item.attrs.checked === true;
      const marker =
        listKind === 'ordered'
          ? `${start + index}.`
          : listKind === 'task'
            ? checked
              ? '☑'
              : '☐'
            : '•';
      let first = true;
      item.forEach((child) => {
        if (child.isTextblock) {
          add(
            shape('item', { depth: ctx.depth + 1, quote: ctx.quote, list: listKind, checked }),
            runsOf(child, docLinkText),
            first ? marker : ''
          );
          first = false;
        } else visit(child, { depth: ctx.depth + 1, quote: ctx.quote });
      });
    });
  };

  const table = (node: Node, ctx: Context, number: number): void => {
    node.forEach((row) => {
      const cells: Run[][] = [];
      const header: boolean[] = [];
      row.forEach((cell) => {
        header.push(cell.type.name === 'tableHeader');
        const runs: Run[] = [];
        cell.forEach((block, _offset, index) => {
          if (index > 0) runs.push({ kind: 'break', text: '\n', marks: [], href: null });
          runs.push(
            ...(block.isTextblock ? runsOf(block, docLinkText) : [textRun(block.textContent)])
          );
        });
        cells.push(runs);
      });
      add(shape('row', { depth: ctx.depth, quote: ctx.quote, header }), [], '', number, cells);
    });
  };

  walk(doc, { depth: 0, quote: false });
  return blocks;
}
