import { mergeAttributes, Node } from '@tiptap/core';
import {
  hashAttribute,
  isBlobHash,
  resolveWithRetry,
  uploadBadge,
  type FileViews
} from './fileViews.ts';

export type ImageNodeOptions = { views: FileViews | null };

const positive = (value: unknown): number | null => {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 && n < 100_000 ? Math.round(n) : null;
};

/**
 * An image in a document. The document keeps only the hash of its bytes and never a URL: the
 * picture is looked up on this device or fetched from the workspace at render time, so a document
 * cannot make anyone's browser load an address of its choosing. A hash that is not one shows
 * nothing.
 */
export const ImageNode = Node.create<ImageNodeOptions>({
  name: 'image',
  group: 'block',
  atom: true,
  draggable: true,

  addOptions() {
    return { views: null };
  },

  addAttributes() {
    return {
      hash: hashAttribute,
      alt: { default: '' },
      width: { default: null, parseHTML: (el) => positive(el.getAttribute('width')) },
      height: { default: null, parseHTML: (el) => positive(el.getAttribute('height')) }
    };
  },

  // Only our own images: a pasted <img src="https://…"> from another site is not taken in.
  parseHTML() {
    return [{ tag: 'img[data-hash]' }];
  },

  renderHTML({ HTMLAttributes }) {
    return ['img', mergeAttributes({ class: 'doc-image' }, HTMLAttributes)];
  },

  addNodeView() {
    const views = this.options.views;
    return ({ node }) => {
      const dom = document.createElement('figure');
      dom.className = 'doc-image';
      dom.contentEditable = 'false';
      const hash = node.attrs.hash as unknown;
      if (!views || !isBlobHash(hash)) {
        dom.hidden = true;
        return { dom };
      }
      dom.dataset.hash = hash;
      const img = document.createElement('img');
      img.alt = String(node.attrs.alt ?? '');
      const width = positive(node.attrs.width);
      const height = positive(node.attrs.height);
      if (width && height) {
        // Reserves the space before the bytes arrive, so the text does not jump.
        img.width = width;
        img.height = height;
      }
      const placeholder = document.createElement('div');
      placeholder.className = 'doc-image__missing';
      placeholder.hidden = true;
      dom.append(img, placeholder);
      const badge = uploadBadge(views, hash);
      dom.append(badge.dom);
      const stop = resolveWithRetry(
        views,
        hash,
        (url) => {
          img.src = url;
          placeholder.hidden = true;
          dom.dataset.loaded = 'true';
        },
        () => {
          placeholder.textContent = views.words().missing;
          placeholder.hidden = false;
        }
      );
      return {
        dom,
        // Another hash is another picture: let the editor build a new view.
        update: (updated) => updated.type.name === 'image' && updated.attrs.hash === hash,
        destroy: () => {
          stop();
          badge.destroy();
        }
      };
    };
  }
});
