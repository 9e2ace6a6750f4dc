import { api, type MemberInfo } from '../api/client.ts';

export type Mentionable = { id: string; name: string };

const cacheKey = (workspaceId: string) => `uzel:members:${workspaceId}`;

/**
 * The workspace's members, for @mentions in comments and for showing a mentioned id as a name.
 * The last list is kept on the device, so mentions still read as names offline.
 */
export class MemberDirectory {
  readonly workspaceId: string;
  #members = $state.raw<Mentionable[]>([]);
  #loading: Promise<void> | null = null;

  constructor(workspaceId: string) {
    this.workspaceId = workspaceId;
    this.#members = readCache(workspaceId);
  }

  get all(): Mentionable[] {
    return this.#members;
  }

  /** Asks the server once per directory; failures (offline) keep the remembered list. */
  load(): Promise<void> {
    this.#loading ??= api
      .members(this.workspaceId)
      .then(({ members }) => {
        this.#members = members.map(toMentionable);
        try {
          localStorage.setItem(cacheKey(this.workspaceId), JSON.stringify(this.#members));
        } catch {
          // Without storage the list is just not remembered.
        }
      })
      .catch(() => {
        this.#loading = null;
      });
    return this.#loading;
  }

  name(id: string): string | null {
    return this.#members.find((m) => m.id === id)?.name ?? null;
  }

  /** Members whose name has a word starting with `query` (any case), at most `limit`. */
  search(query: string, limit = 6): Mentionable[] {
    const q = query.toLocaleLowerCase('ru');
    return this.#members
      .filter((m) =>
        m.name
          .toLocaleLowerCase('ru')
          .split(/\s+/)
          .some((word) => word.startsWith(q))
      )
      .slice(0, limit);
  }
}

function toMentionable(m: MemberInfo): Mentionable {
  return { id: m.userId, name: m.displayName };
}

function readCache(workspaceId: string): Mentionable[] {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(cacheKey(workspaceId)) ?? '[]');
    if (!Array.isArray(raw)) return [];
    return raw.filter(
      (m): m is Mentionable => typeof m?.id === 'string' && typeof m?.name === 'string'
    );
  } catch {
    return [];
  }
}
