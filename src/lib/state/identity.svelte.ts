const STORAGE_KEY = 'uzel:display-name';

/** A colour per name, stable across devices, dark enough for white caret labels. */
export function colourFor(name: string): string {
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return `hsl(${hash % 360} 65% 38%)`;
}

/** The display name a person picks before accounts exist; shown next to their caret. */
class Identity {
  #name = $state(typeof window === 'undefined' ? '' : read());

  get name(): string {
    return this.#name;
  }

  get colour(): string {
    return colourFor(this.#name);
  }

  set name(value: string) {
    const name = value.replace(/\s+/g, ' ').trim().slice(0, 60);
    this.#name = name;
    try {
      localStorage.setItem(STORAGE_KEY, name);
    } catch {
      // Kept for this visit only.
    }
  }
}

function read(): string {
  try {
    return localStorage.getItem(STORAGE_KEY) ?? '';
  } catch {
    return '';
  }
}

export const identity = new Identity();
