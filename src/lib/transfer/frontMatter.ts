import { isDocumentType } from '../shared/model/documentTypes.ts';
import { exportedFields, typeLabel, type ExportMeta } from './documentFields.ts';

/**
 * YAML front matter of an exported Markdown file: the title, the type, the tags and the typed
 * fields, so a static site generator (and the import here) reads them and a person sees them.
 * Keys are the app's ids, each value a JSON string (a valid YAML double-quoted scalar) followed
 * by its Russian label as a comment. The reader accepts exactly that shape and ignores the rest.
 */
export function writeFrontMatter(title: string, meta: ExportMeta): string {
  const lines = ['---', `title: ${JSON.stringify(title)}`];
  lines.push(`type: ${meta.type} # ${typeLabel(meta.type)}`);
  if (meta.tags.length > 0) {
    lines.push('tags:');
    for (const tag of meta.tags) lines.push(`  - ${JSON.stringify(tag)}`);
  }
  const fields = exportedFields(meta);
  if (fields.length > 0) {
    lines.push('fields:');
    for (const field of fields)
      lines.push(`  ${field.id}: ${JSON.stringify(field.value)} # ${field.label}`);
  }
  lines.push('---');
  return lines.join('\n');
}

export type FrontMatter = {
  title: string | null;
  meta: Partial<ExportMeta>;
};

const STRING = /^"(?:[^"\\]|\\.)*"/;

function jsonString(raw: string): string | null {
  const match = STRING.exec(raw.trim());
  if (!match) return null;
  try {
    const value: unknown = JSON.parse(match[0]);
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}

/** Splits a Markdown file into its front matter (when it starts with one) and the rest. */
export function readFrontMatter(text: string): { front: FrontMatter | null; body: string } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!match) return { front: null, body: text };
  const front: FrontMatter = { title: null, meta: {} };
  const tags: string[] = [];
  const fields: Record<string, string> = {};
  let section: 'tags' | 'fields' | null = null;
  for (const line of match[1]!.split(/\r?\n/)) {
    const top = /^([A-Za-z]+):(.*)$/.exec(line);
    if (top) {
      const [, key, rest] = top as unknown as [string, string, string];
      section = key === 'tags' || key === 'fields' ? key : null;
      if (key === 'title') front.title = jsonString(rest);
      if (key === 'type') {
        const type = rest.replace(/#.*$/, '').trim();
        if (isDocumentType(type)) front.meta.type = type;
      }
      continue;
    }
    const tag = /^\s+-\s+(.*)$/.exec(line);
    if (section === 'tags' && tag) {
      const value = jsonString(tag[1]!);
      if (value !== null) tags.push(value);
      continue;
    }
    const field = /^\s+([A-Za-z]+):\s*(.*)$/.exec(line);
    if (section === 'fields' && field) {
      const value = jsonString(field[2]!);
      if (value !== null) fields[field[1]!] = value;
    }
  }
  if (tags.length > 0) front.meta.tags = tags;
  if (Object.keys(fields).length > 0) front.meta.fields = fields;
  return { front, body: text.slice(match[0].length) };
}
