import { mergeAttributes, Node } from '@tiptap/core';
import { NodeSelection } from '@tiptap/pm/state';
import { isValidId } from '../../shared/model/ids.ts';
import { DOC_LINK_ID_ATTR, DOC_LINK_NODE } from '../../shared/model/documentLinks.ts';
import { docLinkOutputSpec, type LinkDirectory } from './linkTarget.ts';
import { docLinkView } from './nodeView.ts';

export type DocLinkOptions = {
  /** Live titles and states of the targets; without it (the server's schema) links show ids. */
  directory: LinkDirectory | null;
  /** Opens a document inside the app. */
  open: ((id: string) => void) | null;
};

/** Only an id of the id pattern is ever read from pasted HTML; anything else is not a link. */
function parseId(element: HTMLElement): { docId: string } | false {
  const id = element.getAttribute('data-doc-link');
  return id !== null && isValidId(id) ? { [DOC_LINK_ID_ATTR]: id } : false;
}

/**
 * A link to another document of the workspace: an inline atom holding only the target's id.
 * The title is not stored in the text, so renaming the target changes every link to it.
 */
export const DocLink = Node.create<DocLinkOptions>({
  name: DOC_LINK_NODE,
  group: 'inline',
  inline: true,
  atom: true,
  selectable: true,
  draggable: false,

  addOptions() {
    return { directory: null, open: null };
  },

  addAttributes() {
    return {
      [DOC_LINK_ID_ATTR]: { default: null, rendered: false }
    };
  },

  parseHTML() {
    // Above the Link mark's `a[href]`, so a copied document link stays a document link.
    return [
      { tag: 'a[data-doc-link]', priority: 60, getAttrs: parseId },
      { tag: 'span[data-doc-link]', priority: 60, getAttrs: parseId }
    ];
  },

  renderHTML({ node, HTMLAttributes }) {
    const id: unknown = node.attrs[DOC_LINK_ID_ATTR];
    const spec = docLinkOutputSpec(id, this.options.directory?.resolve(id) ?? null);
    if (!Array.isArray(spec)) return spec;
    const [tag, attrs, ...rest] = spec as [string, Record<string, string>, ...unknown[]];
    return [tag, mergeAttributes(HTMLAttributes, attrs), ...rest] as typeof spec;
  },

  renderText({ node }) {
    const id: unknown = node.attrs[DOC_LINK_ID_ATTR];
    return this.options.directory?.resolve(id).text ?? `[[${String(id)}]]`;
  },

  addNodeView() {
    const { directory, open } = this.options;
    if (!directory) return null;
    return ({ node }) => docLinkView(node, directory, open);
  },

  addKeyboardShortcuts() {
    return {
      // Arrow keys select a link as a whole; Enter then opens it, as a click does.
      Enter: ({ editor }) => {
        const selection = editor.state.selection;
        if (!(selection instanceof NodeSelection) || selection.node.type.name !== this.name)
          return false;
        const id: unknown = selection.node.attrs[DOC_LINK_ID_ATTR];
        if (typeof id !== 'string' || !isValidId(id) || !this.options.open) return false;
        this.options.open(id);
        return true;
      }
    };
  }
});
