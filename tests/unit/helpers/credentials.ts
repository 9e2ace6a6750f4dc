import Database from 'better-sqlite3';
import path from 'node:path';
import { newAccountId } from '../../../server/accounts/ids.ts';
import { outranks } from '../../../server/accounts/roles.ts';
import { loadOrCreateSecret } from '../../../server/accounts/secretKey.ts';
import { SyncTokenSigner } from '../../../server/accounts/syncTokens.ts';
import type { Role } from '../../../server/accounts/types.ts';
import { parseRoomName } from '../../../src/lib/shared/protocol/roomName.ts';

/**
 * Real credentials for the relay under test. The relay admits nobody without a valid sync token,
 * so clients in tests carry one, signed with the server's own key for a service member of the
 * room's workspace. Tests name workspaces freely (`ws1`, `room-a`…): the first token for a
 * workspace creates it in the accounts file, as an operator would with the admin command.
 */
let current: { dataDir: string } | null = null;
const cache = new Map<string, string>();
/** As the server's default TOKEN_TTL_MINUTES. */
const TOKEN_TTL_MS = 60 * 60_000;

/** Tokens from now on are for the server whose data folder this is. */
export function useAccounts(dataDir: string): void {
  if (current?.dataDir !== dataDir) cache.clear();
  current = { dataDir };
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
  const { dataDir } = current;
  const userId = serviceMember(dataDir, parsed.workspaceId, name, role);
  const signer = new SyncTokenSigner(() => loadOrCreateSecret(dataDir));
  const exp = Date.now() + TOKEN_TTL_MS;
  const token = signer.sign({ sub: userId, ws: parsed.workspaceId, role, exp });
  cache.set(key, token);
  return token;
}

/**
 * The service member `name` of the workspace, with at least `role`, as `npm run admin -- token`
 * leaves it; written straight to the accounts file so that clients can be made synchronously.
 */
function serviceMember(dataDir: string, workspaceId: string, name: string, role: Role): string {
  const db = new Database(path.join(dataDir, 'accounts.sqlite'));
  try {
    return db
      .transaction(() => {
        const now = Date.now();
        db.prepare('INSERT OR IGNORE INTO workspaces (id, name, created_at) VALUES (?, ?, ?)').run(
          workspaceId,
          `Тест ${workspaceId}`,
          now
        );
        const existing = db
          .prepare<[string, string], { id: string; role: Role }>(
            `SELECT u.id, m.role FROM memberships m JOIN users u ON u.id = m.user_id
             WHERE m.workspace_id = ? AND u.kind = 'service' AND u.display_name = ?
             ORDER BY m.created_at LIMIT 1`
          )
          .get(workspaceId, name);
        const id = existing?.id ?? newAccountId();
        if (!existing) {
          db.prepare(
            `INSERT INTO users (id, email, display_name, password_hash, kind, created_at)
             VALUES (?, NULL, ?, NULL, 'service', ?)`
          ).run(id, name, now);
        }
        if (!existing || outranks(role, existing.role)) {
          db.prepare(
            `INSERT INTO memberships (workspace_id, user_id, role, created_at) VALUES (?, ?, ?, ?)
             ON CONFLICT (workspace_id, user_id) DO UPDATE SET role = excluded.role`
          ).run(workspaceId, id, role, now);
        }
        return id;
      })
      .immediate();
  } finally {
    db.close();
  }
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
