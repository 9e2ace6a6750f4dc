import { mergeAttributes, Node } from '@tiptap/core';
import { fileKind } from '../../files/format.ts';
import { hashAttribute, isBlobHash, uploadBadge, type FileViews } from './fileViews.ts';

export type AttachmentNodeOptions = { views: FileViews | null };

const MAX_NAME = 255;
// Control characters and path separators have no place in a name a download is saved under.
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_NAME = /[\u0000-\u001f\u007f/\\]/g;
const cleanName = (value: unknown) =>
  String(value ?? '')
    .replace(UNSAFE_IN_NAME, '_')
    .slice(0, MAX_NAME) || 'файл';

/**
 * A file in a document (a presentation, a PDF, a scan): a card with its name, size and kind that
 * downloads it when pressed. Like images, it names its bytes by hash only.
 */
export const AttachmentNode = Node.create<AttachmentNodeOptions>({
  name: 'attachment',
  group: 'block',
  atom: true,
  draggable: true,

  addOptions() {
    return { views: null };
  },

  addAttributes() {
    return {
      hash: hashAttribute,
      name: {
        default: 'файл',
        parseHTML: (el) => cleanName(el.dataset.name),
        renderHTML: (attrs) => ({ 'data-name': cleanName(attrs.name) })
      },
      size: {
        default: 0,
        parseHTML: (el) => Math.max(0, Number(el.dataset.size) || 0),
        renderHTML: (attrs) => ({ 'data-size': String(attrs.size) })
      },
      type: {
        default: '',
        parseHTML: (el) => (el.dataset.type ?? '').slice(0, 128),
        renderHTML: (attrs) => ({ 'data-type': String(attrs.type ?? '') })
      }
    };
  },

  parseHTML() {
    return [{ tag: 'div[data-attachment]' }];
  },

  renderHTML({ node, HTMLAttributes }) {
    return [
      'div',
      mergeAttributes({ 'data-attachment': '', class: 'doc-attachment' }, HTMLAttributes),
      cleanName(node.attrs.name)
    ];
  },

  addNodeView() {
    const views = this.options.views;
    return ({ node }) => {
      const dom = document.createElement('div');
      dom.className = 'doc-attachment';
      dom.contentEditable = 'false';
      const hash = node.attrs.hash as unknown;
      if (!views || !isBlobHash(hash)) {
        dom.hidden = true;
        return { dom };
      }
      const name = cleanName(node.attrs.name);
      const size = Math.max(0, Number(node.attrs.size) || 0);
      dom.dataset.hash = hash;
      const words = views.words();
      const card = document.createElement('button');
      card.type = 'button';
      card.className = 'doc-attachment__card';
      card.title = words.download;
      const kind = document.createElement('span');
      kind.className = 'doc-attachment__kind';
      kind.textContent = fileKind(name) || '•';
      kind.setAttribute('aria-hidden', 'true');
      const title = document.createElement('span');
      title.className = 'doc-attachment__name';
      title.textContent = name;
      const meta = document.createElement('span');
      meta.className = 'doc-attachment__meta';
      meta.textContent = [words.size(size), fileKind(name)].filter(Boolean).join(' · ');
      const text = document.createElement('span');
      text.className = 'doc-attachment__text';
      text.append(title, meta);
      card.append(kind, text);
      card.setAttribute('aria-label', `${words.download}: ${name}, ${words.size(size)}`);
      card.addEventListener('click', (event) => {
        event.preventDefault();
        void views.url(hash).then((url) => {
          if (!url) {
            window.alert(views.words().missing);
            return;
          }
          const a = document.createElement('a');
          a.href = url;
          a.download = name;
          a.click();
        });
      });
      const badge = uploadBadge(views, hash);
      dom.append(card, badge.dom);
      return {
        dom,
        update: (updated) =>
          updated.type.name === 'attachment' &&
          updated.attrs.hash === hash &&
          updated.attrs.name === node.attrs.name,
        destroy: () => badge.destroy()
      };
    };
  }
});
