import type { DOMOutputSpec } from '@tiptap/pm/model';
import { isValidId } from '../../shared/model/ids.ts';

/** What a link points at right now: the title is read live, so a rename shows everywhere. */
export type LinkTarget = {
  state: 'ok' | 'deleted' | 'missing' | 'invalid';
  /** The text shown in the link. */
  text: string;
  /** A short explanation (the tooltip) for a target that cannot be opened as it is. */
  hint: string;
};

/** Where links look up their targets, and hear that any target may have changed. */
export interface LinkDirectory {
  resolve(id: unknown): LinkTarget;
  subscribe(listener: () => void): () => void;
}

/** The in-app address of a document; only ever built from an id that matched the id pattern. */
export function docHref(id: string): string {
  return `/doc?id=${encodeURIComponent(id)}`;
}

/**
 * The HTML of a link (used for copying and for any HTML export). An id that does not match the
 * id pattern, whoever wrote it (a paste, a peer writing the Y.Doc directly), becomes inert text:
 * no href at all, so `javascript:` and friends never reach an attribute a browser follows.
 */
export function docLinkOutputSpec(id: unknown, target: LinkTarget | null): DOMOutputSpec {
  if (typeof id !== 'string' || !isValidId(id)) {
    return ['span', { class: 'doc-link doc-link--invalid' }, target?.text ?? '[[?]]'];
  }
  return [
    'a',
    {
      href: docHref(id),
      'data-doc-link': id,
      class: `doc-link doc-link--${target?.state ?? 'ok'}`,
      ...(target?.hint ? { title: target.hint } : {})
    },
    target?.text ?? `[[${id}]]`
  ];
}
