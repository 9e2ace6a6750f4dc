import type { Config } from '../config.ts';
import type { Engine } from '../db/engine.ts';
import type { Logger } from '../log.ts';
import { AccountError, noWorkspace, parseInput } from './AccountError.ts';
import { AccountDeletion } from './AccountDeletion.ts';
import { AccountEvents } from './AccountEvents.ts';
import { Credentials } from './Credentials.ts';
import { KnownDevices } from './KnownDevices.ts';
import {
  InviteLinks,
  type InviteInfo,
  type InviteOptions,
  type InviteWithStatus
} from './InviteLinks.ts';
import { Registration, type RegistrationInput } from './Registration.ts';
import type { RegistrationPolicy } from './registrationPolicy.ts';
import { keepAnOwner, memberRole, requireOwner, roleOf } from './membershipRules.ts';
import { newAccountId } from './ids.ts';
import { decoyHash, hashPassword, needsRehash, verifyPassword } from './passwords.ts';
import { RelayAccess, sessionKey, sessionKeyOfHash } from './RelayAccess.ts';
import { outranks } from './roles.ts';
import { loadOrCreateSecret } from './secretKey.ts';
import { Sessions, type SessionGrant } from './Sessions.ts';
import type { AccountStore, MyWorkspace } from './store/AccountStore.ts';
import { openAccountStores } from './store/openAccountStores.ts';
import { SqliteAccountStore } from './store/SqliteAccountStore.ts';
import { SyncTokenSigner } from './syncTokens.ts';
import type { InviteRole, Member, MembershipChange, Role, User, Workspace } from './types.ts';
import {
  displayNameSchema,
  emailSchema,
  ID_PATTERN,
  institutionSchema,
  workspaceNameSchema
} from './validation.ts';

export { ACCOUNTS_FILE } from './store/SqliteAccountStore.ts';
export type { MyWorkspace } from './store/AccountStore.ts';
export type { RegistrationInput } from './Registration.ts';

export type AccountsOptions = {
  /** Holds `secret.key`, and `accounts.sqlite` when no `store` is given. */
  dataDir: string;
  /** Where people and workspaces are kept; by default `accounts.sqlite` in `dataDir`. */
  store?: AccountStore;
  sessionTtlMs: number;
  syncTokenTtlMs: number;
  synchronous?: 'full' | 'normal';
  /** The clock; tests move it to expire sessions, tokens and invites without waiting. */
  now?: () => number;
  log?: Logger;
  /** The sync-token key, read from its store at start; without it `secret.key` on first use. */
  signingKey?: Buffer;
  /** How long a password reset link works (default 24 hours). */
  resetLinkTtlMs?: number;
  /**
   * Who may register (`REGISTRATION`). The server passes the configured one (by default the first
   * person, then invitees); without it, as for a store built by hand, anyone may.
   */
  registration?: RegistrationPolicy;
};

export type { InviteInfo, InviteOptions, InviteWithStatus } from './InviteLinks.ts';

const HOUR = 3_600_000;

/** Told the deleted person's id and the workspaces they were a member of. */
export type DeletionHook = (userId: string, workspaceIds: string[]) => Promise<void>;

type AccountsExtras = Pick<AccountsOptions, 'now' | 'log' | 'signingKey'>;

/**
 * People, sessions, workspaces, memberships and invites, in an `AccountStore` (SQLite or
 * PostgreSQL); `access` answers the relay and issues sync tokens (`RelayAccess.ts`).
 * Every rule about who may do what is here, so the HTTP API, the relay and the admin command
 * cannot disagree. Methods that act for someone take that person's id and answer "not found"
 * for a workspace they do not belong to, exactly as for one that does not exist.
 */
export class Accounts {
  /** What the relay asks: who is connecting, their role now, sign-outs and role changes. */
  readonly access: RelayAccess;
  readonly #store: AccountStore;
  readonly #now: () => number;
  readonly #sessions: Sessions;
  readonly #events: AccountEvents<MembershipChange>;
  /** Sign-outs, by `Principal.sessionKey`. */
  readonly #sessionsEnded: AccountEvents<string>;
  /** Run after an account is deleted, before the deletion is answered (calendar links). */
  readonly #deletionHooks: DeletionHook[] = [];
  readonly #registrationFlow: Registration;
  readonly #invites: InviteLinks;
  /** Password changes and reset links. */
  readonly credentials: Credentials;
  /** Deleting accounts on request. */
  readonly deletion: AccountDeletion;
  /** Browsers that signed in to an account before (their own sign-in allowance). */
  readonly devices: KnownDevices;

  constructor(options: AccountsOptions) {
    this.#now = options.now ?? Date.now;
    this.#events = new AccountEvents<MembershipChange>('membership', options.log);
    this.#sessionsEnded = new AccountEvents<string>('sign-out', options.log);
    this.#store =
      options.store ?? SqliteAccountStore.open(options.dataDir, options.synchronous ?? 'full');
    this.#sessions = new Sessions(this.#store.sessions, options.sessionTtlMs, this.#now);
    this.#invites = new InviteLinks({
      store: this.#store,
      now: this.#now,
      changed: (change) => this.#events.emit(change)
    });
    this.#registrationFlow = new Registration({
      store: this.#store,
      policy: options.registration ?? { kind: 'open' },
      now: this.#now,
      acceptInvite: (userId, token) => this.acceptInvite(userId, token)
    });
    let secret: Buffer | undefined;
    const loadSecret = () => (secret ??= options.signingKey ?? loadOrCreateSecret(options.dataDir));
    const signer = new SyncTokenSigner(loadSecret);
    this.devices = new KnownDevices(loadSecret);
    this.credentials = new Credentials({
      store: this.#store,
      resetTtlMs: options.resetLinkTtlMs ?? 24 * HOUR,
      now: this.#now,
      endSessions: async (userId, keep) => {
        for (const hash of await this.#sessions.endAllFor(userId, keep)) {
          this.#sessionsEnded.emit(sessionKeyOfHash(hash));
        }
      }
    });
    this.deletion = new AccountDeletion({
      store: this.#store,
      now: this.#now,
      checkPassword: (user, password) => this.credentials.checkPassword(user, password),
      deleted: async (userId, hashes, changes) => {
        for (const hash of hashes) this.#sessionsEnded.emit(sessionKeyOfHash(hash));
        for (const change of changes) this.#events.emit(change);
        const workspaceIds = changes.map((change) => change.workspaceId);
        for (const hook of this.#deletionHooks) await hook(userId, workspaceIds);
      }
    });
    this.access = new RelayAccess({
      users: this.#store.users,
      sessions: this.#sessions,
      workspaces: this.#store.workspaces,
      signer,
      tokenTtlMs: options.syncTokenTtlMs,
      now: this.#now,
      resumeSession: (token) => this.resumeSession(token),
      membershipChanges: this.#events,
      sessionsEnded: this.#sessionsEnded
    });
  }

  /** On SQLite in `DATA_DIR`, opened at once (for callers that build the server synchronously). */
  static fromConfig(config: Config, extra: AccountsExtras = {}): Accounts {
    return new Accounts({ ...Accounts.#options(config), ...extra });
  }

  /** On the configured engine: the one place that chooses where accounts live. */
  static async open(config: Config, engine: Engine, extra: AccountsExtras = {}): Promise<Accounts> {
    const store = await openAccountStores(engine);
    return new Accounts({ ...Accounts.#options(config), store, ...extra });
  }

  static #options(config: Config): AccountsOptions {
    return {
      dataDir: config.dataDir,
      sessionTtlMs: config.sessionTtlHours * HOUR,
      syncTokenTtlMs: config.tokenTtlMinutes * 60_000,
      synchronous: config.sqliteSync,
      resetLinkTtlMs: config.resetLinkTtlHours * HOUR,
      registration: config.registration
    };
  }

  // --- people and sessions ---

  /** A new account, under `REGISTRATION` (see `Registration`). */
  register(input: RegistrationInput): Promise<User> {
    return this.#registrationFlow.register(input);
  }

  /** Adds work done after every account deletion (another store forgetting the person). */
  afterAccountDeleted(hook: DeletionHook): void {
    this.#deletionHooks.push(hook);
  }

  /** Which of these user ids belonged to deleted accounts (shown as «Удалённый участник»). */
  deletedAmong(ids: readonly string[]): Promise<string[]> {
    return this.#store.deletions.deletedAmong(
      ids.filter((id) => ID_PATTERN.test(id)).slice(0, 1000)
    );
  }

  /** The person with this e-mail and password, or null; both failures look and take the same. */
  async login(email: string, password: string): Promise<User | null> {
    const normalised = emailSchema.safeParse(email);
    const found = normalised.success ? await this.#store.users.withPassword(normalised.data) : null;
    const ok = await verifyPassword(password, found?.passwordHash ?? (await decoyHash()));
    if (!ok || !found) return null;
    // The only moment the password is known: an older, cheaper hash is replaced by today's.
    if (needsRehash(found.passwordHash))
      await this.#store.users.setPasswordHash(found.user.id, await hashPassword(password));
    return found.user;
  }

  /** A registered person by e-mail (for the admin command), or null. */
  async personByEmail(email: string): Promise<User | null> {
    const normalised = emailSchema.safeParse(email);
    if (!normalised.success) return null;
    return (await this.#store.users.withPassword(normalised.data))?.user ?? null;
  }

  startSession(userId: string): Promise<SessionGrant> {
    return this.#sessions.create(userId);
  }

  /** The person signed in with this session token; `renewed` means the expiry moved. */
  async resumeSession(
    token: string
  ): Promise<{ user: User; expiresAt: number; renewed: boolean } | null> {
    return this.#sessions.resolve(token);
  }

  async endSession(token: string): Promise<void> {
    await this.#sessions.delete(token);
    this.#sessionsEnded.emit(sessionKey(token));
  }

  async user(id: string): Promise<User | null> {
    return ID_PATTERN.test(id) ? this.#store.users.get(id) : null;
  }

  async updateProfile(
    userId: string,
    changes: { displayName?: string; institution?: string }
  ): Promise<User> {
    const user = await this.#store.users.update(userId, {
      displayName:
        changes.displayName === undefined
          ? undefined
          : parseInput(displayNameSchema, changes.displayName),
      institution:
        changes.institution === undefined
          ? undefined
          : parseInput(institutionSchema, changes.institution)
    });
    if (!user) throw new AccountError('not_found', 'No such person.');
    return user;
  }

  // --- workspaces and members ---

  /** A new workspace; the creator (if any) is its owner. The admin command creates it ownerless. */
  async createWorkspace(name: string, ownerId: string | null): Promise<Workspace> {
    const valid = parseInput(workspaceNameSchema, name);
    return this.#store.transaction(async ({ workspaces }) => {
      const now = this.#now();
      const workspace = await workspaces.insert(newAccountId(), valid, now);
      if (ownerId) await workspaces.setMember(workspace.id, ownerId, 'owner', now);
      return workspace;
    });
  }

  workspaces(userId: string): Promise<MyWorkspace[]> {
    return this.#store.workspaces.of(userId);
  }

  /** The workspace as this person sees it, or null when it does not exist or is not theirs. */
  async workspace(userId: string, workspaceId: string): Promise<MyWorkspace | null> {
    // Workspace ids are checked before use: they come from URLs and room names.
    if (!ID_PATTERN.test(workspaceId)) return null;
    const role = await this.#store.workspaces.role(workspaceId, userId);
    const workspace = role && (await this.#store.workspaces.get(workspaceId));
    return workspace && role ? { id: workspace.id, name: workspace.name, role } : null;
  }

  /** How many workspaces this server holds (the first one gets sample documents). */
  workspaceCount(): Promise<number> {
    return this.#store.workspaces.count();
  }

  async workspaceExists(workspaceId: string): Promise<boolean> {
    return ID_PATTERN.test(workspaceId) && (await this.#store.workspaces.get(workspaceId)) !== null;
  }

  /** A workspace's name for what is published without a session (a calendar feed), or null. */
  async workspaceName(workspaceId: string): Promise<string | null> {
    if (!ID_PATTERN.test(workspaceId)) return null;
    return (await this.#store.workspaces.get(workspaceId))?.name ?? null;
  }

  async members(userId: string, workspaceId: string): Promise<Member[]> {
    await roleOf(this.#store, userId, workspaceId);
    return this.#store.workspaces.members(workspaceId);
  }

  /** Ids of the workspace's members whose accounts were deleted: their content says «Удалённый участник». */
  async deletedMembers(userId: string, workspaceId: string): Promise<string[]> {
    await roleOf(this.#store, userId, workspaceId);
    return this.#store.deletions.deletedMembers(workspaceId);
  }

  /** Owners only. An owner may name other owners; the last owner cannot step down. */
  async changeRole(actorId: string, workspaceId: string, targetId: string, role: Role) {
    const change = await this.#store.transaction(async (tables) => {
      await requireOwner(tables, actorId, workspaceId);
      const current = await memberRole(tables, workspaceId, targetId);
      if (current === role) return null;
      if (current === 'owner') await keepAnOwner(tables, workspaceId);
      await tables.workspaces.setMember(workspaceId, targetId, role, this.#now());
      return { workspaceId, userId: targetId, role };
    });
    this.#events.emit(change);
    return role;
  }

  /** Owners remove anyone; any member may remove themselves (leave). Never the last owner. */
  async removeMember(actorId: string, workspaceId: string, targetId: string): Promise<void> {
    await this.#store.transaction(async (tables) => {
      if (actorId === targetId) await roleOf(tables, actorId, workspaceId);
      else await requireOwner(tables, actorId, workspaceId);
      if ((await memberRole(tables, workspaceId, targetId)) === 'owner')
        await keepAnOwner(tables, workspaceId);
      await tables.workspaces.removeMember(workspaceId, targetId);
    });
    this.#events.emit({ workspaceId, userId: targetId, role: null });
  }

  // --- invites (`InviteLinks`) ---

  createInvite(actorId: string, workspaceId: string, options: InviteOptions) {
    return this.#invites.create(actorId, workspaceId, options);
  }

  invites(actorId: string, workspaceId: string): Promise<InviteWithStatus[]> {
    return this.#invites.list(actorId, workspaceId);
  }

  revokeInvite(actorId: string, workspaceId: string, inviteId: string): Promise<void> {
    return this.#invites.revoke(actorId, workspaceId, inviteId);
  }

  /** What an invite link offers, for the page that asks whether to accept it. */
  inviteInfo(token: string): Promise<InviteInfo | null> {
    return this.#invites.info(token);
  }

  /** Joins the invite's workspace (a member keeps the higher role and uses none of its uses). */
  acceptInvite(userId: string, token: string): Promise<MyWorkspace> {
    return this.#invites.accept(userId, token);
  }

  /**
   * The service member of this name in the workspace, created if needed, with at least `role`
   * (never lowered here: tokens issued earlier keep working). For the admin command.
   */
  async ensureServiceMember(
    workspaceId: string,
    displayName: string,
    role: InviteRole
  ): Promise<User> {
    const name = parseInput(displayNameSchema, displayName);
    const { user, change } = await this.#store.transaction(async ({ users, workspaces }) => {
      if (!ID_PATTERN.test(workspaceId) || !(await workspaces.get(workspaceId))) {
        throw noWorkspace();
      }
      const now = this.#now();
      const existing = await workspaces.serviceMember(workspaceId, name);
      const user = existing?.user ?? (await users.insertService(newAccountId(), name, now));
      if (existing && !outranks(role, existing.role)) return { user, change: null };
      await workspaces.setMember(workspaceId, user.id, role, now);
      return { user, change: { workspaceId, userId: user.id, role } };
    });
    this.#events.emit(change);
    return user;
  }

  async close(): Promise<void> {
    this.#events.clear();
    this.#sessionsEnded.clear();
    await this.#store.close();
  }
}
