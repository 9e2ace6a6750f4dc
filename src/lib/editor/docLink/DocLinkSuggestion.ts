import { Extension, type Editor, type Range } from '@tiptap/core';
import { isChangeOrigin } from '@tiptap/extension-collaboration';
import { PluginKey } from '@tiptap/pm/state';
import { Suggestion, type SuggestionOptions } from '@tiptap/suggestion';
import { DOC_LINK_ID_ATTR, DOC_LINK_NODE } from '../../shared/model/documentLinks.ts';
import { insideVisibleArea } from '../../viewport/popupPlacement.ts';

/** One row of the document picker. */
export type DocLinkPickerItem = { id: string; title: string };

export type DocLinkPickerRender = NonNullable<
  SuggestionOptions<DocLinkPickerItem, DocLinkPickerItem>['render']
>;

export type DocLinkSuggestionOptions = {
  /** The documents offered for what was typed after the trigger (synchronous: the index is local). */
  items: (query: string) => DocLinkPickerItem[];
  /** Draws the picker; the editor itself stays free of any UI framework. */
  render: DocLinkPickerRender | null;
};

/** Replaces the typed trigger and query by the link and one space, so typing goes on naturally. */
export function insertDocLink(editor: Editor, range: Range, id: string): void {
  const after = editor.state.doc.resolve(range.to).nodeAfter;
  const to = after?.text?.startsWith(' ') ? range.to + 1 : range.to;
  editor
    .chain()
    .focus()
    .insertContentAt({ from: range.from, to }, [
      { type: DOC_LINK_NODE, attrs: { [DOC_LINK_ID_ATTR]: id } },
      { type: 'text', text: ' ' }
    ])
    .run();
}

/**
 * Typing `[[` (anywhere) or `@` (at the start of a word, so e-mail addresses are left alone)
 * opens the picker. Titles have spaces, so the query may too.
 */
export const DocLinkSuggestion = Extension.create<DocLinkSuggestionOptions>({
  name: 'docLinkSuggestion',

  addOptions() {
    return { items: () => [], render: null };
  },

  addProseMirrorPlugins() {
    const render = this.options.render;
    if (!render) return [];
    const common = {
      editor: this.editor,
      allowSpaces: true,
      items: ({ query }: { query: string }) => this.options.items(query),
      command: ({
        editor,
        range,
        props
      }: {
        editor: Editor;
        range: Range;
        props: DocLinkPickerItem;
      }) => insertDocLink(editor, range, props.id),
      // A trigger typed by someone else must not open a picker here.
      shouldShow: ({ transaction }: { transaction: Parameters<typeof isChangeOrigin>[0] }) =>
        !isChangeOrigin(transaction),
      // Our own flip and shift, measured against what can be seen (not the bar, not the keyboard).
      flip: false,
      floatingUi: { middleware: insideVisibleArea() },
      render
    };
    return [
      Suggestion<DocLinkPickerItem, DocLinkPickerItem>({
        ...common,
        pluginKey: new PluginKey('docLinkBrackets'),
        char: '[[',
        allowedPrefixes: null
      }),
      Suggestion<DocLinkPickerItem, DocLinkPickerItem>({
        ...common,
        pluginKey: new PluginKey('docLinkAt'),
        char: '@'
      })
    ];
  }
});
