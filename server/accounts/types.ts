/**
 * The access model shared by the HTTP API, the relay and the admin command: who a person is,
 * which workspaces they belong to, and with which role (the parts the browser also speaks live
 * in `src/lib/shared/api/accounts.ts`).
 */

import type { Role } from '../../src/lib/shared/api/accounts.ts';

export {
  canWrite,
  INVITE_ROLES,
  ROLES,
  type InviteRole,
  type Member,
  type Role,
  type User,
  type Workspace
} from '../../src/lib/shared/api/accounts.ts';

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
