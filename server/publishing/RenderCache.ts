/**
 * Rendered public pages, keyed by what makes them differ (site generation, publication version,
 * origin). A small LRU: a Map keeps insertion order, so the first key is the least recently used.
 */
export type CachedPage = { body: Buffer; etag: string };

export class RenderCache {
  readonly #max: number;
  readonly #entries = new Map<string, CachedPage>();
  hits = 0;
  misses = 0;

  constructor(max: number) {
    this.#max = max;
  }

  get(key: string): CachedPage | undefined {
    const entry = this.#entries.get(key);
    if (!entry) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry;
  }

  set(key: string, page: CachedPage): void {
    this.#entries.delete(key);
    this.#entries.set(key, page);
    while (this.#entries.size > this.#max) {
      this.#entries.delete(this.#entries.keys().next().value!);
    }
  }

  clear(): void {
    this.#entries.clear();
  }
}
