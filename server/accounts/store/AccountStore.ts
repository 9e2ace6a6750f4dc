import type { Invite } from '../Invites.ts';
import type { InviteRole, Member, Role, User, Workspace } from '../types.ts';

/** A workspace as one member sees it. */
export type MyWorkspace = { id: string; name: string; role: Role };

/** A session row (only the hash of its token is kept), with its person. */
export type StoredSession = { userId: string; expiresAt: number; user: User };

export type NewInvite = {
  id: string;
  tokenHash: string;
  workspaceId: string;
  role: InviteRole;
  createdBy: string | null;
  createdAt: number;
  expiresAt: number;
  maxUses: number | null;
};

/** People who sign in with e-mail and password, and service members. */
export interface UserTable {
  get(id: string): Promise<User | null>;
  /** A person by their (already normalised) e-mail, with the stored password hash. */
  withPassword(email: string): Promise<{ user: User; passwordHash: string } | null>;
  /** Replaces a person's password hash (a rehash at sign-in, later a change or a reset). */
  setPasswordHash(id: string, passwordHash: string): Promise<void>;
  /** Refuses an e-mail already registered with `AccountError('email_taken')`. */
  insertPerson(
    id: string,
    fields: { email: string; displayName: string; passwordHash: string; now: number }
  ): Promise<User>;
  insertService(id: string, displayName: string, now: number): Promise<User>;
  /** Null when there is no such person. */
  update(id: string, changes: { displayName?: string; institution?: string }): Promise<User | null>;
  /** How many people (not service members) have accounts: the first registers freely. */
  personCount(): Promise<number>;
}

/** Deleted accounts (152-FZ): only their ids are kept, and which workspaces they were in. */
export interface DeletionTable {
  /**
   * Removes a person's row (their sessions, memberships and reset links go with it) and keeps only
   * their id in `deleted_users`, and which workspaces they were in. False when there was no such
   * person. Run it in a transaction.
   */
  deletePerson(id: string, now: number): Promise<boolean>;
  /** Which of these ids belonged to accounts that were deleted. */
  deletedAmong(ids: readonly string[]): Promise<string[]>;
  /** The ids of deleted accounts that were members of this workspace when deleted. */
  deletedMembers(workspaceId: string): Promise<string[]>;
}

/** Sign-in sessions by token hash; the sliding-expiry rule is in `Sessions`. */
export interface SessionTable {
  insert(tokenHash: string, userId: string, now: number, expiresAt: number): Promise<void>;
  /** With the person, in one lookup: every signed-in request and connection asks this. */
  get(tokenHash: string): Promise<StoredSession | null>;
  extend(tokenHash: string, expiresAt: number): Promise<void>;
  delete(tokenHash: string): Promise<void>;
  /** Removes every session that has ended by `now`. */
  purgeExpired(now: number): Promise<void>;
  /** Ends a person's sessions but the one kept (if any); answers the token hashes it removed. */
  deleteForUser(userId: string, keepTokenHash: string | null): Promise<string[]>;
}

export type StoredReset = { userId: string; expiresAt: number; usedAt: number | null };

/** One-time password reset links, by the hash of their token; the rules are in `ResetLinks`. */
export interface ResetTable {
  insert(tokenHash: string, userId: string, now: number, expiresAt: number): Promise<void>;
  byTokenHash(tokenHash: string): Promise<StoredReset | null>;
  /** Marks the link used in the statement that checks it is unused and live; false otherwise. */
  use(tokenHash: string, now: number): Promise<boolean>;
}

/** Workspaces and memberships; who may change them is decided in `Accounts`. */
export interface WorkspaceTable {
  insert(id: string, name: string, now: number): Promise<Workspace>;
  count(): Promise<number>;
  get(id: string): Promise<Workspace | null>;
  role(workspaceId: string, userId: string): Promise<Role | null>;
  /** A person's workspaces by name, ignoring the case of Latin letters, then by id. */
  of(userId: string): Promise<MyWorkspace[]>;
  /** Owners, then editors, then viewers; by display name, then id. */
  members(workspaceId: string): Promise<Member[]>;
  /** Adds the member or changes their role (keeping when they joined). */
  setMember(workspaceId: string, userId: string, role: Role, now: number): Promise<void>;
  removeMember(workspaceId: string, userId: string): Promise<void>;
  ownerCount(workspaceId: string): Promise<number>;
  /** The oldest service member of this name in this workspace (the admin command reuses it). */
  serviceMember(workspaceId: string, displayName: string): Promise<Member | null>;
}

/** Invite links, found by the hash of their token. */
export interface InviteTable {
  insert(invite: NewInvite): Promise<void>;
  byTokenHash(tokenHash: string): Promise<Invite | null>;
  /** The newest 200 of a workspace, newest first. */
  list(workspaceId: string): Promise<Invite[]>;
  /** False when the workspace has no such invite. Revoking twice keeps the first time. */
  revoke(workspaceId: string, inviteId: string, now: number): Promise<boolean>;
  /** Counts one use in the same statement that checks the limit; false when none was left. */
  use(inviteId: string): Promise<boolean>;
}

export type AccountTables = {
  users: UserTable;
  sessions: SessionTable;
  workspaces: WorkspaceTable;
  invites: InviteTable;
  resets: ResetTable;
  deletions: DeletionTable;
};

/**
 * Where people, sessions, workspaces, memberships and invites are kept: `accounts.sqlite` or the
 * shared PostgreSQL database. Single statements are atomic on their own; rules that read and then
 * write (the last owner, an invite's last use) run in `transaction`.
 */
export interface AccountStore extends AccountTables {
  /**
   * Runs `work` atomically and one at a time with every other account transaction, in this
   * process and in any other on the same data (SQLite: BEGIN IMMEDIATE; PostgreSQL: a
   * transaction-scoped advisory lock). A throw rolls everything back. `work` should only await
   * the tables it is given: the lock is held until it returns, and a write through the store's own
   * tables from inside it would wait for the transaction to end.
   */
  transaction<T>(work: (tables: AccountTables) => Promise<T>): Promise<T>;
  /** Closes what this store opened (a shared PostgreSQL pool stays open for the other stores). */
  close(): Promise<void>;
}
