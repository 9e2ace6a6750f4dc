/**
 * The access model shared by the HTTP API, the relay and the admin command: who a person is,
 * which workspaces they belong to, and with which role.
 */

export const ROLES = ['owner', 'editor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Roles an invite link may carry (ownership is never handed out by link). */
export const INVITE_ROLES = ['editor', 'viewer'] as const;
export type InviteRole = (typeof INVITE_ROLES)[number];

export function canWrite(role: Role): boolean {
  return role === 'owner' || role === 'editor';
}

export type User = {
  id: string;
  /** Login; null for service members created by the admin command. */
  email: string | null;
  displayName: string;
  /** The institution of the network a person works at (free text for now). */
  institution: string;
  kind: 'person' | 'service';
};

export type Workspace = { id: string; name: string; createdAt: number };

export type Member = { user: User; role: Role };

/** Who is on the other end of a request or a websocket, once authenticated. */
export type Principal = {
  userId: string;
  displayName: string;
  via: 'session' | 'token';
  /** For a session: a digest of its token (not a credential), to end its connections on sign-out. */
  sessionKey?: string;
  /** For a session: when it ends unless it is used (and so extended) before then. */
  sessionExpiresAt?: number;
  /** A sync token is bound to one workspace and carries the role it was issued with. */
  token?: { workspaceId: string; role: Role; expiresAt: number };
};

/** Published whenever a membership changes, so open connections follow within seconds. */
export type MembershipChange = { workspaceId: string; userId: string; role: Role | null };

/** What the relay needs from the account system (implemented by `Accounts`). */
export interface AccessControl {
  /** The principal behind an upgrade request (session cookie or `token` query parameter), or null. */
  authenticate(request: {
    cookieHeader: string | undefined;
    token: string | null;
  }): Promise<Principal | null>;
  /** The principal's role in a workspace, or null when not a member (or the workspace does not exist). */
  roleIn(principal: Principal, workspaceId: string): Promise<Role | null>;
  /**
   * When the session in this cookie ends, or null if it has ended; looking does not extend it
   * (an open websocket is not a use of the session).
   */
  sessionExpiresAt(cookieHeader: string | undefined): Promise<number | null>;
  /** Subscribes to sign-outs (by `Principal.sessionKey`); returns the unsubscribe function. */
  onSessionEnded(listener: (sessionKey: string) => void): () => void;
  /** Subscribes to membership changes; returns the unsubscribe function. */
  onMembershipChange(listener: (change: MembershipChange) => void): () => void;
}
