import { createHash } from 'node:crypto';
import type { AccountEvents } from './AccountEvents.ts';
import { lowerRole } from './roles.ts';
import { hashToken } from './secrets.ts';
import { sessionTokenFrom } from './sessionCookie.ts';
import type { Sessions } from './Sessions.ts';
import type { SyncTokenSigner } from './syncTokens.ts';
import type { UserTable, WorkspaceTable } from './store/AccountStore.ts';
import type { AccessControl, MembershipChange, Principal, Role, User } from './types.ts';
import { ID_PATTERN } from './validation.ts';

export type SyncToken = { token: string; expiresAt: number };

/** Names a session without being able to use it: a digest of its token. */
export function sessionKey(token: string): string {
  return sessionKeyOfHash(hashToken(token));
}

/**
 * The same name from the stored hash, so that sessions ended in bulk (a password change, a reset,
 * a deletion) close their connections too, though their tokens are not kept.
 */
export function sessionKeyOfHash(tokenHash: string): string {
  return createHash('sha256').update(`uzel-session-key:${tokenHash}`).digest('base64url');
}

export type RelayAccessParts = {
  users: UserTable;
  sessions: Sessions;
  workspaces: WorkspaceTable;
  signer: SyncTokenSigner;
  tokenTtlMs: number;
  now: () => number;
  /** The person signed in with a session token (and the session's expiry), or null. */
  resumeSession: (token: string) => Promise<{ user: User; expiresAt: number } | null>;
  membershipChanges: AccountEvents<MembershipChange>;
  /** Sign-outs, by `Principal.sessionKey`. */
  sessionsEnded: AccountEvents<string>;
};

/**
 * What the relay asks of accounts: who is behind an upgrade request (a session cookie or a signed
 * sync token), the role they hold in a workspace now, and when sessions end or memberships
 * change. Sync tokens are issued here too, next to the code that checks them.
 */
export class RelayAccess implements AccessControl {
  readonly #parts: RelayAccessParts;

  constructor(parts: RelayAccessParts) {
    this.#parts = parts;
  }

  /**
   * A sync token for a member: their current role, or a lower one if asked. Null when they are not
   * a member. Signing does not freeze the role: `roleIn` re-checks membership on every use.
   */
  async issueSyncToken(
    userId: string,
    workspaceId: string,
    role?: Role
  ): Promise<SyncToken | null> {
    const { workspaces, signer, now, tokenTtlMs } = this.#parts;
    const current = ID_PATTERN.test(workspaceId)
      ? await workspaces.role(workspaceId, userId)
      : null;
    if (!current) return null;
    const expiresAt = now() + tokenTtlMs;
    const claims = {
      sub: userId,
      ws: workspaceId,
      role: role ? lowerRole(role, current) : current,
      exp: expiresAt
    };
    return { token: signer.sign(claims), expiresAt };
  }

  async authenticate(request: {
    cookieHeader: string | undefined;
    token: string | null;
  }): Promise<Principal | null> {
    // An explicit token wins over a cookie, and a bad one is a refusal, not a fallback: a client
    // that sends a token means to be that token's subject.
    if (request.token !== null) {
      const claims = this.#parts.signer.verify(request.token, this.#parts.now());
      const user = claims && (await this.#parts.users.get(claims.sub));
      if (!claims || !user) return null;
      return {
        userId: user.id,
        displayName: user.displayName,
        via: 'token',
        token: { workspaceId: claims.ws, role: claims.role, expiresAt: claims.exp }
      };
    }
    const sessionToken = sessionTokenFrom(request.cookieHeader);
    const session = sessionToken ? await this.#parts.resumeSession(sessionToken) : null;
    if (!session) return null;
    return {
      userId: session.user.id,
      displayName: session.user.displayName,
      via: 'session',
      sessionKey: sessionKey(sessionToken!),
      sessionExpiresAt: session.expiresAt
    };
  }

  async sessionExpiresAt(cookieHeader: string | undefined): Promise<number | null> {
    const sessionToken = sessionTokenFrom(cookieHeader);
    return sessionToken ? this.#parts.sessions.expiresAt(sessionToken) : null;
  }

  /** The current membership role, capped by a token's role; null for other workspaces. */
  async roleIn(principal: Principal, workspaceId: string): Promise<Role | null> {
    if (!ID_PATTERN.test(workspaceId)) return null;
    const token = principal.token;
    if (token && (token.workspaceId !== workspaceId || token.expiresAt <= this.#parts.now()))
      return null;
    const current = await this.#parts.workspaces.role(workspaceId, principal.userId);
    if (!current) return null;
    return token ? lowerRole(current, token.role) : current;
  }

  /**
   * Changes made in this process only: the admin command's changes reach a running server's open
   * connections when they next check `roleIn` (on reconnect), not through this event.
   */
  onSessionEnded(listener: (sessionKey: string) => void): () => void {
    return this.#parts.sessionsEnded.on(listener);
  }

  onMembershipChange(listener: (change: MembershipChange) => void): () => void {
    return this.#parts.membershipChanges.on(listener);
  }
}
