/**
 * The access model the HTTP API answers with and the browser shows: roles and the people and
 * workspaces they apply to. Server-only parts (principals, access control) stay in `server/accounts`.
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
