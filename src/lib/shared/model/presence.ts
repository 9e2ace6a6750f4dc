/** One person in a document now, as the awareness states of its connections tell it. */
export type PresentPerson = { name: string; colour: string };

const HEX = /^#[0-9a-f]{6}$/i;

/**
 * The people in a document, from y-protocols awareness states (client id → state): each name
 * once, however many tabs or devices it has open, without this connection itself, sorted by name
 * in Russian order. States come from peers (the relay fixes only the name), so anything without
 * a usable name is left out and a colour that is not hex gets a neutral one.
 */
export function presentPeople(
  states: ReadonlyMap<number, unknown>,
  ownClientId: number
): PresentPerson[] {
  const byName = new Map<string, PresentPerson>();
  for (const [clientId, state] of states) {
    if (clientId === ownClientId || typeof state !== 'object' || state === null) continue;
    const user = (state as { user?: unknown }).user;
    if (typeof user !== 'object' || user === null) continue;
    const { name, color } = user as { name?: unknown; color?: unknown };
    if (typeof name !== 'string' || name.trim() === '') continue;
    const clean = name.trim().slice(0, 100);
    if (!byName.has(clean))
      byName.set(clean, {
        name: clean,
        colour: typeof color === 'string' && HEX.test(color) ? color : '#5b6b66'
      });
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name, 'ru'));
}

/** The avatar's letters: the first letters of the first two words («Анна Лобанова» → «АЛ»). */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return words
    .slice(0, 2)
    .map((w) => [...w][0]!.toLocaleUpperCase('ru'))
    .join('');
}
