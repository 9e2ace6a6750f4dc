/** A failed API call: the server's error code (e.g. `bad_credentials`) and HTTP status. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;

  constructor(code: string, status: number, message?: string) {
    super(message ?? code);
    this.code = code;
    this.status = status;
  }
}

/** The network could not be reached (offline, server down): distinct from a refusal. */
export class NetworkError extends Error {}

// The same shapes the server answers with: declared once, in the shared access model.
import type { Role, User } from '../shared/api/accounts.ts';

export type { Role, User };
export type WorkspaceSummary = { id: string; name: string; role: Role };
export type Me = { user: User; workspaces: WorkspaceSummary[] };
export type MemberInfo = {
  userId: string;
  displayName: string;
  institution: string;
  kind: 'person' | 'service';
  role: Role;
  email?: string | null;
};
export type InviteInfo = {
  id: string;
  role: 'editor' | 'viewer';
  expiresAt: number;
  maxUses: number | null;
  uses: number;
  revokedAt: number | null;
};
/** A workspace's calendar subscription link; its address is shown only when created. */
export type CalendarFeedInfo = { id: string; createdAt: number };
export type CreatedInvite = InviteInfo & { token: string; path: string };
export type InvitePreview = {
  workspaceName: string;
  role: 'editor' | 'viewer';
  status: 'valid' | 'expired' | 'revoked' | 'used_up';
};

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    // Every change is JSON, with or without a body: the server refuses anything else (CSRF).
    const changes = method !== 'GET';
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: changes ? { 'content-type': 'application/json' } : {},
      body: changes ? JSON.stringify(body ?? {}) : undefined
    });
  } catch {
    throw new NetworkError('network unreachable');
  }
  if (response.status === 204) return undefined as T;
  let payload: unknown = null;
  try {
    payload = await response.json();
  } catch {
    payload = null;
  }
  if (!response.ok) {
    const err = (payload ?? {}) as { error?: string; message?: string };
    throw new ApiError(err.error ?? `http_${response.status}`, response.status, err.message);
  }
  return payload as T;
}

const enc = encodeURIComponent;

/** The server's JSON API (server/http), one function per endpoint. */
export const api = {
  me: () => call<Me>('GET', '/api/me'),
  updateMe: (patch: { displayName?: string; institution?: string }) =>
    call<{ user: User }>('PATCH', '/api/me', patch),
  /** The same answer whether or not the e-mail had an account: sign in afterwards. */
  register: (body: {
    email: string;
    password: string;
    displayName: string;
    institution?: string;
    inviteToken?: string;
  }) => call<{ status: 'registered' }>('POST', '/api/auth/register', body),
  changePassword: (currentPassword: string, newPassword: string) =>
    call<void>('POST', '/api/me/password', { currentPassword, newPassword }),
  deleteMyAccount: (password: string) => call<void>('DELETE', '/api/me', { password }),
  resetLinkFor: (workspaceId: string, userId: string) =>
    call<{ mailed: boolean; path?: string; expiresAt: number }>(
      'POST',
      `/api/workspaces/${enc(workspaceId)}/members/${enc(userId)}/reset-link`,
      {}
    ),
  deleteMemberAccount: (workspaceId: string, userId: string) =>
    call<void>('DELETE', `/api/workspaces/${enc(workspaceId)}/members/${enc(userId)}/account`),
  resetLinkStatus: (token: string) =>
    call<{ status: 'valid' | 'expired' | 'used' }>('GET', `/api/password-resets/${enc(token)}`),
  resetPassword: (token: string, password: string) =>
    call<void>('POST', `/api/password-resets/${enc(token)}`, { password }),
  login: (body: { email: string; password: string }) =>
    call<{ user: User }>('POST', '/api/auth/login', body),
  logout: () => call<void>('POST', '/api/auth/logout', {}),
  createWorkspace: (name: string) =>
    call<{ workspace: WorkspaceSummary }>('POST', '/api/workspaces', { name }),
  members: (workspaceId: string) =>
    call<{ members: MemberInfo[]; invites?: InviteInfo[]; deleted?: string[] }>(
      'GET',
      `/api/workspaces/${enc(workspaceId)}/members`
    ),
  setRole: (workspaceId: string, userId: string, role: Role) =>
    call<unknown>('PATCH', `/api/workspaces/${enc(workspaceId)}/members/${enc(userId)}`, { role }),
  removeMember: (workspaceId: string, userId: string) =>
    call<void>('DELETE', `/api/workspaces/${enc(workspaceId)}/members/${enc(userId)}`),
  createInvite: (
    workspaceId: string,
    body: { role: 'editor' | 'viewer'; expiresInHours: number; maxUses?: number }
  ) => call<{ invite: CreatedInvite }>('POST', `/api/workspaces/${enc(workspaceId)}/invites`, body),
  revokeInvite: (workspaceId: string, inviteId: string) =>
    call<void>('DELETE', `/api/workspaces/${enc(workspaceId)}/invites/${enc(inviteId)}`),
  previewInvite: (token: string) => call<InvitePreview>('GET', `/api/invites/${enc(token)}`),
  acceptInvite: (token: string) =>
    call<{ workspace: WorkspaceSummary }>('POST', `/api/invites/${enc(token)}/accept`, {}),
  calendarFeed: (workspaceId: string) =>
    call<{ feed: CalendarFeedInfo | null }>(
      'GET',
      `/api/workspaces/${enc(workspaceId)}/calendar-feed`
    ),
  createCalendarFeed: (workspaceId: string) =>
    call<{ feed: CalendarFeedInfo & { path: string } }>(
      'POST',
      `/api/workspaces/${enc(workspaceId)}/calendar-feed`,
      {}
    ),
  revokeCalendarFeed: (workspaceId: string) =>
    call<void>('DELETE', `/api/workspaces/${enc(workspaceId)}/calendar-feed`)
};
