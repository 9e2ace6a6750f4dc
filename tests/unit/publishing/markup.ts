import { Parser } from 'htmlparser2';
import { PUBLIC_FILE_SRC } from '../../../server/publishing/render/sanitize.ts';

export type Tag = { name: string; attrs: Record<string, string> };

/** Every element of an HTML text with its attributes, as a browser's tokenizer would see them. */
export function tagsOf(html: string): Tag[] {
  const tags: Tag[] = [];
  const parser = new Parser({ onopentag: (name, attrs) => tags.push({ name, attrs }) });
  parser.write(html);
  parser.end();
  return tags;
}

/**
 * What would run or leave the site in a page: script elements, handlers, unsafe link targets,
 * pictures from anywhere but this site's published files.
 */
export function unsafeMarkup(html: string): string[] {
  const problems: string[] = [];
  for (const { name, attrs } of tagsOf(html)) {
    if (['iframe', 'svg', 'object', 'embed', 'math', 'style'].includes(name)) {
      problems.push(`<${name}>`);
    }
    if (name === 'img' && !PUBLIC_FILE_SRC.test(attrs.src ?? '')) problems.push(`<img>`);
    if (name === 'script' && attrs.type !== 'application/ld+json') problems.push('<script>');
    for (const [attr, value] of Object.entries(attrs)) {
      if (attr.startsWith('on') || attr === 'style' || attr === 'srcdoc')
        problems.push(`${name}[${attr}]`);
      if (
        (attr === 'href' || attr === 'src' || attr === 'action') &&
        !/^(https?:|mailto:|\/(?!\/)|#|\?)/i.test(value.trim())
      ) {
        problems.push(`${name}[${attr}=${value}]`);
      }
    }
  }
  return problems;
}
