import type { Node as PMNode } from '@tiptap/pm/model';
import type { NodeView } from '@tiptap/pm/view';
import { isValidId } from '../../shared/model/ids.ts';
import { DOC_LINK_ID_ATTR } from '../../shared/model/documentLinks.ts';
import { docHref, type LinkDirectory } from './linkTarget.ts';

/**
 * How a link shows in the editor: the target's current title, struck through when it is in the
 * bin, a plain notice when it is unknown, and inert text when the id is not a valid id.
 * One subscription to the directory keeps it current when the target is renamed, deleted,
 * restored or arrives from the network.
 */
export function docLinkView(
  node: PMNode,
  directory: LinkDirectory,
  open: ((id: string) => void) | null
): NodeView {
  const id: unknown = node.attrs[DOC_LINK_ID_ATTR];
  const validId = typeof id === 'string' && isValidId(id) ? id : null;
  const dom: HTMLElement = document.createElement(validId ? 'a' : 'span');
  if (validId) {
    (dom as HTMLAnchorElement).href = docHref(validId);
    dom.dataset.docLink = validId;
  }

  const render = () => {
    const target = directory.resolve(id);
    if (dom.textContent !== target.text) dom.textContent = target.text;
    dom.className = `doc-link doc-link--${target.state}`;
    dom.dataset.state = target.state;
    // A deleted target says so in words next to the title (tablets have no hover for a tooltip).
    if (target.state === 'deleted') dom.dataset.hint = target.hint;
    else delete dom.dataset.hint;
    if (target.hint) {
      dom.title = target.hint;
      dom.setAttribute('aria-label', `${target.text} (${target.hint})`);
    } else {
      dom.removeAttribute('title');
      dom.removeAttribute('aria-label');
    }
  };
  render();
  const unsubscribe = directory.subscribe(render);

  // A plain click opens the document inside the app; a click with a modifier is left to the
  // browser (a new tab), which follows the real href.
  const onClick = (event: MouseEvent) => {
    if (!validId || !open) return;
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey)
      return;
    event.preventDefault();
    open(validId);
  };
  dom.addEventListener('click', onClick);

  return {
    dom,
    update: (next) => next.type === node.type && next.attrs[DOC_LINK_ID_ATTR] === id,
    ignoreMutation: () => true,
    destroy: () => {
      unsubscribe();
      dom.removeEventListener('click', onClick);
    }
  };
}
