import type { SuggestionProps } from '@tiptap/suggestion';
import { mount, unmount } from 'svelte';
import type {
  DocLinkPickerItem,
  DocLinkPickerRender
} from '$lib/editor/docLink/DocLinkSuggestion.ts';
import LinkPicker from './LinkPicker.svelte';

type Props = SuggestionProps<DocLinkPickerItem, DocLinkPickerItem>;

/** What the picker shows; the suggestion plugin feeds it, the component only reads it. */
export class PickerModel {
  items = $state.raw<DocLinkPickerItem[]>([]);
  selected = $state(0);
  query = $state('');
  loading = $state(false);
  #command: ((item: DocLinkPickerItem) => void) | null = null;

  update(props: Props): void {
    if (props.query !== this.query || props.items !== this.items) this.selected = 0;
    this.items = props.items;
    this.query = props.query;
    this.loading = props.loading;
    this.#command = props.command;
  }

  /**
   * Shown while something matches, or while the query is still one word: `@` at the start of an
   * ordinary sentence should not trail an empty picker along the whole line.
   */
  get visible(): boolean {
    return this.items.length > 0 || (!this.loading && !/\s/.test(this.query));
  }

  move(step: number): void {
    const count = this.items.length;
    if (count > 0) this.selected = (this.selected + step + count) % count;
  }

  choose(index: number): void {
    const item = this.items[index];
    if (item) this.#command?.(item);
  }
}

/** The picker as Tiptap's suggestion plugin drives it: mounted at the caret, keys from the editor. */
export const renderLinkPicker: DocLinkPickerRender = () => {
  let model: PickerModel | null = null;
  let component: ReturnType<typeof mount> | null = null;
  let unmountFloating: (() => void) | null = null;

  return {
    onStart(props) {
      model = new PickerModel();
      model.update(props);
      const host = document.createElement('div');
      host.className = 'link-picker-host';
      host.style.zIndex = '50';
      component = mount(LinkPicker, { target: host, props: { model } });
      unmountFloating = props.mount(host);
    },
    onUpdate(props) {
      model?.update(props);
    },
    onKeyDown({ event }) {
      if (!model || model.items.length === 0) return false;
      if (event.key === 'ArrowDown') model.move(1);
      else if (event.key === 'ArrowUp') model.move(-1);
      else if (event.key === 'Enter' || event.key === 'Tab') model.choose(model.selected);
      else return false;
      return true;
    },
    onExit() {
      unmountFloating?.();
      if (component) void unmount(component);
      unmountFloating = null;
      component = null;
      model = null;
    }
  };
};
