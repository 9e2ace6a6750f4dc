import Database from 'better-sqlite3';
import path from 'node:path';
import type { Accounts } from '../../../server/accounts/Accounts.ts';
import { parseRoomName } from '../../../server/relay/roomName.ts';

/**
 * Real credentials for the relay under test. The relay admits nobody without a valid sync token,
 * so clients in tests carry one, issued by the server's own Accounts for a service member of the
 * room's workspace. Tests name workspaces freely (`ws1`, `room-a`…): the first token for a
 * workspace creates it in the accounts file, as an operator would with the admin command.
 */
let current: { accounts: Accounts; dataDir: string } | null = null;
const cache = new Map<string, string>();

export function useAccounts(accounts: Accounts, dataDir: string): void {
  if (current?.dataDir !== dataDir) cache.clear();
  current = { accounts, dataDir };
}

/**
 * A token for `role` in the workspace of `room`, as the member named `name` (each name is its
 * own person), or null for a room name the relay refuses.
 */
export function tokenFor(
  room: string,
  role: 'editor' | 'viewer' = 'editor',
  name = `Тестовый клиент (${role})`
): string | null {
  const parsed = parseRoomName(room);
  if (!parsed || !current) return null;
  const key = `${parsed.workspaceId}\u0000${role}\u0000${name}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const { accounts, dataDir } = current;
  if (!accounts.workspaceExists(parsed.workspaceId)) {
    const db = new Database(path.join(dataDir, 'accounts.sqlite'));
    try {
      db.prepare('INSERT OR IGNORE INTO workspaces (id, name, created_at) VALUES (?, ?, ?)').run(
        parsed.workspaceId,
        `Тест ${parsed.workspaceId}`,
        Date.now()
      );
    } finally {
      db.close();
    }
  }
  const member = accounts.ensureServiceMember(parsed.workspaceId, name, role);
  const token = accounts.access.issueSyncToken(member.id, parsed.workspaceId, role)?.token ?? null;
  if (token) cache.set(key, token);
  return token;
}

/** Adds a token for the room in `url` unless the URL already says what token to use. */
export function withToken(url: string): string {
  const parsed = new URL(url);
  if (parsed.searchParams.has('token')) return url;
  const room = decodeURIComponentSafe(parsed.pathname.replace(/^\/sync\//, ''));
  const token = tokenFor(room);
  if (!token) return url;
  parsed.searchParams.set('token', token);
  return parsed.toString();
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
