import type { Accounts } from '../accounts/Accounts.ts';
import type { Role } from '../accounts/types.ts';
import type { Logger } from '../log.ts';
import { committedDoc } from '../publishing/serverDoc.ts';
import type { RegistryHooks } from '../relay/RegistryHooks.ts';
import type { RoomRegistry } from '../relay/RoomRegistry.ts';
import type { RoomStorage } from '../storage/RoomStorage.ts';
import { roomName } from '../../src/lib/shared/model/schema.ts';
import { DELETED_MEMBER_NAME } from '../accounts/AccountDeletion.ts';
import type {
  HistoryStore,
  StoredVersion,
  VersionAuthor,
  VersionInfo,
  VersionRecord
} from './HistoryStore.ts';
import { VersionKeeper, type KeeperClock, type KeeperOptions } from './VersionKeeper.ts';

/** A refusal with its HTTP status; the routes turn it into the API's error shape. */
export class HistoryError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string
  ) {
    super(message);
  }
}

/** Named versions are never thinned, so they are bounded per document instead. */
export const MAX_NAMED_VERSIONS = 500;

const noDocument = () =>
  new HistoryError(404, 'not_found', 'No such document in a workspace of yours.');

export type HistoryDeps = {
  /** Where versions are kept (`openHistoryStore`); closed with the history. */
  store: HistoryStore;
  storage: RoomStorage;
  registry: RoomRegistry;
  accounts: Accounts;
  log: Logger;
  options: KeeperOptions;
  clock?: KeeperClock;
};

/**
 * Version history of documents, with who may do what: every member lists and reads versions;
 * editors and owners save named ones. A non-member learns nothing, not even that a document exists.
 */
export class History {
  readonly keeper: VersionKeeper;
  readonly #store: HistoryStore;
  readonly #storage: RoomStorage;
  readonly #accounts: Accounts;

  constructor(deps: HistoryDeps) {
    this.#store = deps.store;
    this.#storage = deps.storage;
    this.#accounts = deps.accounts;
    this.keeper = new VersionKeeper(
      this.#store,
      (room) => committedDoc(deps.registry, deps.storage, room),
      deps.log,
      deps.options,
      deps.clock
    );
  }

  /** Automatic versions follow the edits the registry commits. */
  readonly registryHooks: RegistryHooks = {
    name: 'history',
    committed: ({ rooms }) => {
      for (const { room, authors } of rooms) this.keeper.edited(room, authors);
    }
  };

  async list(userId: string, workspaceId: string, docId: string): Promise<VersionInfo[]> {
    await this.#role(userId, workspaceId);
    return this.#shown(await this.keeper.list(roomName(workspaceId, docId)));
  }

  /** One version's Yjs state (a full `encodeStateAsUpdate`). */
  async get(
    userId: string,
    workspaceId: string,
    docId: string,
    id: number
  ): Promise<StoredVersion> {
    await this.#role(userId, workspaceId);
    const version = await this.keeper.get(roomName(workspaceId, docId), id);
    if (!version) throw new HistoryError(404, 'not_found', 'No such version of this document.');
    return version;
  }

  async saveNamed(
    userId: string,
    workspaceId: string,
    docId: string,
    name: string
  ): Promise<VersionInfo> {
    const role = await this.#role(userId, workspaceId);
    if (role === 'viewer') {
      throw new HistoryError(
        403,
        'forbidden',
        'Viewers can read the history but not save versions.'
      );
    }
    const room = roomName(workspaceId, docId);
    if (
      (await this.keeper.list(room)).filter((v) => v.kind === 'named').length >= MAX_NAMED_VERSIONS
    ) {
      throw new HistoryError(
        409,
        'too_many_versions',
        `A document keeps at most ${MAX_NAMED_VERSIONS} named versions.`
      );
    }
    const stored = await this.#storage.load(room);
    if (!stored.snapshot && stored.updates.length === 0) throw noDocument();
    const savedBy = { id: userId, name: (await this.#accounts.user(userId))?.displayName ?? '' };
    const [saved] = await this.#shown([await this.keeper.saveNamed(room, name, savedBy)]);
    return saved!;
  }

  /**
   * A deleted person's name leaves the stored versions too (152-FZ). Listing already shows
   * «Удалённый участник» from the ids alone; this erases what is kept, for backups and exports.
   */
  forget(userId: string): Promise<void> {
    return this.#store.renameAuthor(userId, DELETED_MEMBER_NAME);
  }

  /**
   * Versions as members see them: names only, with «Удалённый участник» for every deleted
   * account. Rows kept before ids were stored show the name they were saved under: a name is
   * not unique, and once the account is gone nothing ties the two together reliably.
   */
  async #shown(records: VersionRecord[]): Promise<VersionInfo[]> {
    const ids = new Set<string>();
    for (const r of records) {
      if (r.savedBy?.id) ids.add(r.savedBy.id);
      for (const a of r.authors) if (a.id) ids.add(a.id);
    }
    const deleted = new Set(await this.#accounts.deletedAmong([...ids]));
    const nameOf = (a: VersionAuthor) => (deleted.has(a.id) ? DELETED_MEMBER_NAME : a.name);
    return records.map((r) => ({
      ...r,
      savedBy: r.savedBy && nameOf(r.savedBy),
      authors: [...new Set(r.authors.map(nameOf))]
    }));
  }

  async close(): Promise<void> {
    await this.keeper.close();
    await this.#store.close();
  }

  async #role(userId: string, workspaceId: string): Promise<Role> {
    const workspace = await this.#accounts.workspace(userId, workspaceId);
    if (!workspace) throw noDocument();
    return workspace.role;
  }
}
