import DOMPurify from 'dompurify';
import { isSafeHref } from '../editor/safeHref.ts';

/**
 * Imported HTML (from a .docx or from Markdown) goes through an allow-list of the elements the
 * editor has, before anything parses it into a document. No scripts, no event handlers, no
 * styles, and links only to web pages, e-mail and the app itself.
 */
const ALLOWED_TAGS = [
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'blockquote',
  'pre',
  'code',
  'strong',
  'b',
  'em',
  'i',
  's',
  'del',
  'u',
  'a',
  'br',
  'hr',
  // Markdown task lists arrive as <li><input type="checkbox" checked>; turned into task items.
  'input'
];
const ALLOWED_ATTR = ['href', 'start', 'type', 'checked'];

export function sanitizeImportedHtml(html: string): string {
  const purify = DOMPurify(window);
  // Where DOMPurify cannot work it returns its input untouched; refuse rather than pass it on.
  if (!purify.isSupported) throw new Error('No HTML sanitiser in this environment');
  purify.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName === 'A') {
      const href = node.getAttribute('href');
      if (!isSafeHref(href)) node.removeAttribute('href');
    }
    if (node.nodeName === 'INPUT' && node.getAttribute('type') !== 'checkbox') node.remove();
  });
  const body = purify.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOW_DATA_ATTR: false,
    // Text of dropped wrappers (tables, spans, divs) is kept; script and style bodies are not.
    KEEP_CONTENT: true,
    RETURN_DOM: true
  }) as HTMLElement;
  markTaskLists(body);
  return body.innerHTML;
}

/** Rewrites GFM task lists into the markup the editor's task list extension reads. */
function markTaskLists(root: HTMLElement): void {
  for (const list of Array.from(root.querySelectorAll('ul'))) {
    const items = Array.from(list.children).filter((c) => c.tagName === 'LI');
    const boxOf = (li: Element) => {
      const first = li.querySelector('input[type="checkbox"]');
      return first && first.closest('li') === li ? first : null;
    };
    if (items.length === 0 || !items.every((li) => boxOf(li))) continue;
    list.setAttribute('data-type', 'taskList');
    for (const li of items) {
      const box = boxOf(li)!;
      li.setAttribute('data-type', 'taskItem');
      li.setAttribute('data-checked', box.hasAttribute('checked') ? 'true' : 'false');
      box.remove();
      // Tight list items hold bare text; the task item wants a paragraph inside.
      if (!li.querySelector(':scope > p')) {
        const p = root.ownerDocument.createElement('p');
        while (li.firstChild && !/^(UL|OL)$/.test((li.firstChild as Element).tagName ?? ''))
          p.appendChild(li.firstChild);
        li.insertBefore(p, li.firstChild);
      }
    }
  }
  for (const box of Array.from(root.querySelectorAll('input'))) box.remove();
}
