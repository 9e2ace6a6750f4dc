import { api, type MemberInfo } from '../api/client.ts';

export type Mentionable = { id: string; name: string };

type Remembered = { members: Mentionable[]; deleted: string[] };

const cacheKey = (workspaceId: string) => `uzel:members:${workspaceId}`;

/**
 * The workspace's members, for @mentions in comments and for showing a mentioned id as a name,
 * and the ids of former members whose accounts were deleted (their comments say «Удалённый
 * участник»). The last answer is kept on the device, so both still hold offline.
 */
export class MemberDirectory {
  readonly workspaceId: string;
  #members = $state.raw<Mentionable[]>([]);
  #deleted = $state.raw<readonly string[]>([]);
  #loading: Promise<void> | null = null;

  constructor(workspaceId: string) {
    this.workspaceId = workspaceId;
    const remembered = readCache(workspaceId);
    this.#members = remembered.members;
    this.#deleted = remembered.deleted;
  }

  get all(): Mentionable[] {
    return this.#members;
  }

  /** Whether this id is a deleted account that belonged to the workspace. */
  isDeleted(id: string): boolean {
    return this.#deleted.includes(id);
  }

  /** Asks the server once per directory; failures (offline) keep the remembered list. */
  load(): Promise<void> {
    this.#loading ??= api
      .members(this.workspaceId)
      .then(({ members, deleted }) => {
        const remembered: Remembered = {
          members: members.map(toMentionable),
          deleted: deleted ?? []
        };
        this.#members = remembered.members;
        this.#deleted = remembered.deleted;
        try {
          localStorage.setItem(cacheKey(this.workspaceId), JSON.stringify(remembered));
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

const isMentionable = (m: unknown): m is Mentionable =>
  typeof (m as Mentionable | null)?.id === 'string' &&
  typeof (m as Mentionable | null)?.name === 'string';

/** What the device remembers; a list alone is how earlier versions remembered the members. */
function readCache(workspaceId: string): Remembered {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(cacheKey(workspaceId)) ?? '[]');
    if (Array.isArray(raw)) return { members: raw.filter(isMentionable), deleted: [] };
    const { members, deleted } = (raw ?? {}) as Partial<Record<keyof Remembered, unknown>>;
    return {
      members: Array.isArray(members) ? members.filter(isMentionable) : [],
      deleted: Array.isArray(deleted)
        ? deleted.filter((id): id is string => typeof id === 'string')
        : []
    };
  } catch {
    return { members: [], deleted: [] };
  }
}
