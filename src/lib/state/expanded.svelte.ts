import { SvelteSet } from 'svelte/reactivity';

/** Which collections are open in the tree, remembered on this device per workspace. */
export class ExpandedSet {
  readonly ids: SvelteSet<string>;
  readonly #key: string;

  constructor(workspaceId: string) {
    this.#key = `uzel:expanded:${workspaceId}`;
    this.ids = new SvelteSet(read(this.#key));
  }

  set(id: string, open: boolean): void {
    if (open === this.ids.has(id)) return;
    if (open) this.ids.add(id);
    else this.ids.delete(id);
    try {
      localStorage.setItem(this.#key, JSON.stringify([...this.ids]));
    } catch {
      // Not remembered without storage; the tree still opens and closes.
    }
  }
}

function read(key: string): string[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}
