/**
 * Documents edited on this page whose re-indexing is not yet saved, kept in localStorage (written
 * synchronously, so it survives the page closing right after an edit).
 */
export class UnindexedDocs {
  /** The list of one workspace, shared by the search client and the page while it is not started. */
  static of(workspaceId: string): UnindexedDocs {
    return new UnindexedDocs(`uzel:search-unindexed:${workspaceId}`);
  }

  readonly #key: string;
  readonly #ids = new Set<string>();
  /** Per id, a counter of edits, so an edit made during a save keeps the document listed. */
  readonly #edits = new Map<string, number>();

  constructor(key: string) {
    this.#key = key;
    try {
      const saved: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
      if (Array.isArray(saved)) {
        for (const id of saved) if (typeof id === 'string') this.#ids.add(id);
      }
    } catch {
      // No storage, or a broken entry: start with none.
    }
  }

  ids(): string[] {
    return [...this.#ids];
  }

  add(id: string): void {
    this.#edits.set(id, (this.#edits.get(id) ?? 0) + 1);
    if (this.#ids.has(id)) return;
    this.#ids.add(id);
    this.#write();
  }

  mark(id: string): number {
    return this.#edits.get(id) ?? 0;
  }

  /** Forgets `id` unless it was edited again after `mark`. */
  settle(id: string, mark: number): void {
    if ((this.#edits.get(id) ?? 0) !== mark || !this.#ids.delete(id)) return;
    this.#write();
  }

  #write(): void {
    try {
      localStorage.setItem(this.#key, JSON.stringify([...this.#ids]));
    } catch {
      // Storage full or unavailable: the next touch of the document re-indexes it.
    }
  }
}
