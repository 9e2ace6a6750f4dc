import type Database from 'better-sqlite3';
import path from 'node:path';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import {
  AccountError,
  inviteGone,
  noInvite,
  noMember,
  noWorkspace,
  parseInput
} from './AccountError.ts';
import { openAccountsDatabase } from './database.ts';
import { Invites, inviteStatus, type Invite, type InviteStatus } from './Invites.ts';
import { decoyHash, hashPassword, needsRehash, verifyPassword } from './passwords.ts';
import { higherRole, outranks } from './roles.ts';
import { AccountEvents } from './AccountEvents.ts';
import { RelayAccess, sessionKey } from './RelayAccess.ts';
import { loadOrCreateSecret } from './secretKey.ts';
import { Sessions, type SessionGrant } from './Sessions.ts';
import { SyncTokenSigner } from './syncTokens.ts';
import type { InviteRole, Member, MembershipChange, Role, User, Workspace } from './types.ts';
import { Users } from './Users.ts';
import {
  displayNameSchema,
  emailSchema,
  ID_PATTERN,
  institutionSchema,
  passwordSchema,
  workspaceNameSchema
} from './validation.ts';
import { Workspaces, type MyWorkspace } from './Workspaces.ts';

export const ACCOUNTS_FILE = 'accounts.sqlite';

export type AccountsOptions = {
  /** Holds `accounts.sqlite` and `secret.key`. */
  dataDir: string;
  sessionTtlMs: number;
  syncTokenTtlMs: number;
  synchronous?: 'full' | 'normal';
  /** The clock; tests move it to expire sessions, tokens and invites without waiting. */
  now?: () => number;
  log?: Logger;
  /** The sync-token key, read from its store at start; without it `secret.key` on first use. */
  signingKey?: Buffer;
};

export type InviteOptions = { role: InviteRole; expiresInHours: number; maxUses: number | null };
export type InviteWithStatus = Invite & { status: InviteStatus };
export type InviteInfo = { workspaceName: string; role: InviteRole; status: InviteStatus };

const HOUR = 3_600_000;

/**
 * People, sessions, workspaces, memberships and invites, in `accounts.sqlite`; `access` answers
 * the relay and issues sync tokens (`RelayAccess.ts`).
 * Every rule about who may do what is here, so the HTTP API, the relay and the admin command
 * cannot disagree. Methods that act for someone take that person's id and answer "not found"
 * for a workspace they do not belong to, exactly as for one that does not exist.
 */
export class Accounts {
  /** What the relay asks: who is connecting, their role now, sign-outs and role changes. */
  readonly access: RelayAccess;
  readonly #db: Database.Database;
  readonly #now: () => number;
  readonly #users: Users;
  readonly #sessions: Sessions;
  readonly #workspaces: Workspaces;
  readonly #invites: Invites;
  readonly #events: AccountEvents<MembershipChange>;
  /** Sign-outs, by `Principal.sessionKey`. */
  readonly #sessionsEnded: AccountEvents<string>;

  constructor(options: AccountsOptions) {
    this.#now = options.now ?? Date.now;
    this.#events = new AccountEvents<MembershipChange>('membership', options.log);
    this.#sessionsEnded = new AccountEvents<string>('sign-out', options.log);
    this.#db = openAccountsDatabase(path.join(options.dataDir, ACCOUNTS_FILE), options);
    this.#users = new Users(this.#db);
    this.#sessions = new Sessions(this.#db, options.sessionTtlMs, this.#now);
    this.#workspaces = new Workspaces(this.#db);
    this.#invites = new Invites(this.#db);
    let secret: Buffer | undefined;
    const signer = new SyncTokenSigner(
      () => (secret ??= options.signingKey ?? loadOrCreateSecret(options.dataDir))
    );
    this.access = new RelayAccess({
      users: this.#users,
      sessions: this.#sessions,
      workspaces: this.#workspaces,
      signer,
      tokenTtlMs: options.syncTokenTtlMs,
      now: this.#now,
      resumeSession: (token) => this.resumeSession(token),
      membershipChanges: this.#events,
      sessionsEnded: this.#sessionsEnded
    });
  }

  static fromConfig(
    config: Config,
    extra: Pick<AccountsOptions, 'now' | 'log' | 'signingKey'> = {}
  ): Accounts {
    return new Accounts({
      dataDir: config.dataDir,
      sessionTtlMs: config.sessionTtlHours * HOUR,
      syncTokenTtlMs: config.tokenTtlMinutes * 60_000,
      synchronous: config.sqliteSync,
      ...extra
    });
  }

  // --- people and sessions ---

  async register(input: { email: string; password: string; displayName: string }): Promise<User> {
    const email = parseInput(emailSchema, input.email);
    const password = parseInput(passwordSchema, input.password);
    const displayName = parseInput(displayNameSchema, input.displayName);
    const hash = await hashPassword(password);
    return this.#users.insertPerson(email, displayName, hash, this.#now());
  }

  /** The person with this e-mail and password, or null; both failures look and take the same. */
  async login(email: string, password: string): Promise<User | null> {
    const normalised = emailSchema.safeParse(email);
    const found = normalised.success ? this.#users.withPassword(normalised.data) : null;
    const ok = await verifyPassword(password, found?.passwordHash ?? (await decoyHash()));
    if (!ok || !found) return null;
    // The only moment the password is known: an older, cheaper hash is replaced by today's.
    if (needsRehash(found.passwordHash))
      this.#users.setPasswordHash(found.user.id, await hashPassword(password));
    return found.user;
  }

  /** A registered person by e-mail (for the admin command), or null. */
  personByEmail(email: string): User | null {
    const normalised = emailSchema.safeParse(email);
    return normalised.success ? (this.#users.withPassword(normalised.data)?.user ?? null) : null;
  }

  startSession(userId: string): SessionGrant {
    return this.#sessions.create(userId);
  }

  /** The person signed in with this session token; `renewed` means the expiry moved. */
  resumeSession(token: string): { user: User; expiresAt: number; renewed: boolean } | null {
    const session = this.#sessions.resolve(token);
    const user = session && this.#users.get(session.userId);
    return session && user
      ? { user, expiresAt: session.expiresAt, renewed: session.renewed }
      : null;
  }

  endSession(token: string): void {
    this.#sessions.delete(token);
    this.#sessionsEnded.emit(sessionKey(token));
  }

  user(id: string): User | null {
    return ID_PATTERN.test(id) ? this.#users.get(id) : null;
  }

  updateProfile(userId: string, changes: { displayName?: string; institution?: string }): User {
    const user = this.#users.update(userId, {
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
  createWorkspace(name: string, ownerId: string | null): Workspace {
    const valid = parseInput(workspaceNameSchema, name);
    return this.#db
      .transaction(() => {
        const now = this.#now();
        const workspace = this.#workspaces.insert(valid, now);
        if (ownerId) this.#workspaces.setMember(workspace.id, ownerId, 'owner', now);
        return workspace;
      })
      .immediate();
  }

  workspaces(userId: string): MyWorkspace[] {
    return this.#workspaces.of(userId);
  }

  /** The workspace as this person sees it, or null when it does not exist or is not theirs. */
  workspace(userId: string, workspaceId: string): MyWorkspace | null {
    if (!ID_PATTERN.test(workspaceId)) return null;
    const role = this.#workspaces.role(workspaceId, userId);
    const workspace = role && this.#workspaces.get(workspaceId);
    return workspace && role ? { id: workspace.id, name: workspace.name, role } : null;
  }

  /** Workspace ids are checked before use: they come from URLs and room names. */
  /** How many workspaces this server holds (the first one gets sample documents). */
  workspaceCount(): number {
    return this.#workspaces.count();
  }

  workspaceExists(workspaceId: string): boolean {
    return ID_PATTERN.test(workspaceId) && this.#workspaces.get(workspaceId) !== null;
  }

  /** A workspace's name for what is published without a session (a calendar feed), or null. */
  workspaceName(workspaceId: string): string | null {
    return ID_PATTERN.test(workspaceId) ? (this.#workspaces.get(workspaceId)?.name ?? null) : null;
  }

  members(userId: string, workspaceId: string): Member[] {
    this.#roleOf(userId, workspaceId);
    return this.#workspaces.members(workspaceId);
  }

  /** Owners only. An owner may name other owners; the last owner cannot step down. */
  changeRole(actorId: string, workspaceId: string, targetId: string, role: Role): Role {
    const change = this.#db
      .transaction(() => {
        this.#requireOwner(actorId, workspaceId);
        const current = this.#memberRole(workspaceId, targetId);
        if (current === role) return null;
        if (current === 'owner') this.#keepAnOwner(workspaceId);
        this.#workspaces.setMember(workspaceId, targetId, role, this.#now());
        return { workspaceId, userId: targetId, role };
      })
      .immediate();
    this.#events.emit(change);
    return role;
  }

  /** Owners remove anyone; any member may remove themselves (leave). Never the last owner. */
  removeMember(actorId: string, workspaceId: string, targetId: string): void {
    this.#db
      .transaction(() => {
        if (actorId === targetId) this.#roleOf(actorId, workspaceId);
        else this.#requireOwner(actorId, workspaceId);
        if (this.#memberRole(workspaceId, targetId) === 'owner') this.#keepAnOwner(workspaceId);
        this.#workspaces.removeMember(workspaceId, targetId);
      })
      .immediate();
    this.#events.emit({ workspaceId, userId: targetId, role: null });
  }

  // --- invites ---

  createInvite(
    actorId: string,
    workspaceId: string,
    options: InviteOptions
  ): { invite: InviteWithStatus; token: string } {
    this.#requireOwner(actorId, workspaceId);
    const now = this.#now();
    const { invite, token } = this.#invites.insert({
      workspaceId,
      role: options.role,
      createdBy: actorId,
      now,
      expiresAt: now + options.expiresInHours * HOUR,
      maxUses: options.maxUses
    });
    return { invite: { ...invite, status: inviteStatus(invite, now) }, token };
  }

  invites(actorId: string, workspaceId: string): InviteWithStatus[] {
    this.#requireOwner(actorId, workspaceId);
    const now = this.#now();
    return this.#invites.list(workspaceId).map((i) => ({ ...i, status: inviteStatus(i, now) }));
  }

  revokeInvite(actorId: string, workspaceId: string, inviteId: string): void {
    this.#requireOwner(actorId, workspaceId);
    if (!ID_PATTERN.test(inviteId) || !this.#invites.revoke(workspaceId, inviteId, this.#now())) {
      throw noInvite();
    }
  }

  /** What an invite link offers, for the page that asks whether to accept it. */
  inviteInfo(token: string): InviteInfo | null {
    const invite = this.#invites.byToken(token);
    const workspace = invite && this.#workspaces.get(invite.workspaceId);
    if (!invite || !workspace) return null;
    return {
      workspaceName: workspace.name,
      role: invite.role,
      status: inviteStatus(invite, this.#now())
    };
  }

  /**
   * Joins the invite's workspace. Someone who is already a member keeps the higher of their role
   * and the invite's, and uses none of the invite's uses (clicking a link twice costs nothing);
   * a member whose old link has lapsed is simply let in with the role they have.
   */
  acceptInvite(userId: string, token: string): MyWorkspace {
    const result = this.#db
      .transaction(() => {
        const invite = this.#invites.byToken(token);
        const workspace = invite && this.#workspaces.get(invite.workspaceId);
        if (!invite || !workspace) throw noInvite();
        const status = inviteStatus(invite, this.#now());
        const current = this.#workspaces.role(workspace.id, userId);
        let role: Role;
        if (current) {
          role = status === 'valid' ? higherRole(current, invite.role) : current;
        } else {
          if (status !== 'valid') throw inviteGone(status);
          if (!this.#invites.use(invite.id)) throw inviteGone('used_up');
          role = invite.role;
        }
        if (role !== current) this.#workspaces.setMember(workspace.id, userId, role, this.#now());
        const change = role !== current ? { workspaceId: workspace.id, userId, role } : null;
        return { workspace: { id: workspace.id, name: workspace.name, role }, change };
      })
      .immediate();
    this.#events.emit(result.change);
    return result.workspace;
  }

  /**
   * The service member of this name in the workspace, created if needed, with at least `role`
   * (never lowered here: tokens issued earlier keep working). For the admin command.
   */
  ensureServiceMember(workspaceId: string, displayName: string, role: InviteRole): User {
    const name = parseInput(displayNameSchema, displayName);
    const { user, change } = this.#db
      .transaction(() => {
        if (!this.workspaceExists(workspaceId)) throw noWorkspace();
        const now = this.#now();
        const existing = this.#workspaces.serviceMember(workspaceId, name);
        const user = existing?.user ?? this.#users.insertService(name, now);
        if (existing && !outranks(role, existing.role)) return { user, change: null };
        this.#workspaces.setMember(workspaceId, user.id, role, now);
        return { user, change: { workspaceId, userId: user.id, role } };
      })
      .immediate();
    this.#events.emit(change);
    return user;
  }

  close(): void {
    this.#events.clear();
    this.#sessionsEnded.clear();
    if (this.#db.open) this.#db.close();
  }

  // --- rules ---

  #roleOf(userId: string, workspaceId: string): Role {
    const role = ID_PATTERN.test(workspaceId) ? this.#workspaces.role(workspaceId, userId) : null;
    if (!role) throw noWorkspace();
    return role;
  }

  #requireOwner(userId: string, workspaceId: string): void {
    if (this.#roleOf(userId, workspaceId) !== 'owner') {
      throw new AccountError('forbidden', 'Only an owner of this workspace may do this.');
    }
  }

  #memberRole(workspaceId: string, userId: string): Role {
    const role = ID_PATTERN.test(userId) ? this.#workspaces.role(workspaceId, userId) : null;
    if (!role) throw noMember();
    return role;
  }

  #keepAnOwner(workspaceId: string): void {
    if (this.#workspaces.ownerCount(workspaceId) <= 1) {
      throw new AccountError(
        'last_owner',
        'A workspace needs an owner: name another owner before this one steps down or leaves.'
      );
    }
  }
}
