import DOMPurify from 'dompurify';
import { isSafeHref } from '../shared/richText/safeHref.ts';
import {
  attributeNames,
  DROPPED_WITH_CONTENT,
  IMPORT_ALLOW_LIST
} from '../shared/richText/allowList.ts';

/**
 * Imported HTML (from a .docx or from Markdown) goes through the import allow-list of the elements
 * the editor has (src/lib/shared/richText/allowList.ts), before anything parses it into a document. No
 * scripts, no event handlers, no styles, and links only to web pages, e-mail and the app itself.
 */
const ALLOWED_ATTR = attributeNames(IMPORT_ALLOW_LIST);

export function sanitizeImportedHtml(
  html: string,
  imageHashes: ReadonlySet<string> = new Set()
): string {
  const purify = DOMPurify(window);
  // Where DOMPurify cannot work it returns its input untouched; refuse rather than pass it on.
  if (!purify.isSupported) throw new Error('No HTML sanitiser in this environment');
  purify.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName === 'A') {
      const href = node.getAttribute('href');
      if (!isSafeHref(href)) node.removeAttribute('href');
    }
    if (node.nodeName === 'INPUT' && node.getAttribute('type') !== 'checkbox') node.remove();
    // A picture is kept only when this import stored it: a hash written into Markdown or into
    // the file by hand could name someone else's file, and an address would load from the web.
    if (node.nodeName === 'IMG' && !imageHashes.has(node.getAttribute('data-hash') ?? ''))
      node.remove();
  });
  const body = purify.sanitize(html, {
    ALLOWED_TAGS: [...IMPORT_ALLOW_LIST.tags],
    ALLOWED_ATTR,
    ALLOW_DATA_ATTR: false,
    // Text of dropped wrappers (tables, spans, divs) is kept; script and style bodies are not.
    KEEP_CONTENT: true,
    ADD_FORBID_CONTENTS: [...DROPPED_WITH_CONTENT],
    RETURN_DOM: true
  }) as HTMLElement;
  markTaskLists(body);
  liftImages(body);
  return body.innerHTML;
}

/**
 * Word puts each picture inside a paragraph of its own; the editor's image is a block, so such a
 * paragraph is replaced by the picture rather than left behind empty.
 */
function liftImages(root: HTMLElement): void {
  for (const img of Array.from(root.querySelectorAll('p > img'))) {
    const parent = img.parentElement!;
    const alone = Array.from(parent.childNodes).every(
      (n) => n === img || (n.nodeType === 3 && (n.textContent ?? '').trim() === '')
    );
    if (alone) parent.replaceWith(img);
  }
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
