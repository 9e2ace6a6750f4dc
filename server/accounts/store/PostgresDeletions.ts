import type { DeletionTable } from './AccountStore.ts';
import type { Query } from './postgresQuery.ts';

/** Deleted accounts in the shared database (`deleted_users`, `deleted_members`). */
export class PostgresDeletions implements DeletionTable {
  constructor(private readonly q: Query) {}

  async deletePerson(id: string, now: number) {
    // The id and the workspaces are kept first: the memberships go with the person's row.
    const { rows } = await this.q<{ id: string }>(
      `INSERT INTO deleted_users (id, deleted_at)
       SELECT id, $2 FROM users WHERE id = $1 AND kind = 'person'
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [id, now]
    );
    if (rows.length === 0) return false;
    await this.q(
      `INSERT INTO deleted_members (workspace_id, user_id)
       SELECT workspace_id, user_id FROM memberships WHERE user_id = $1`,
      [id]
    );
    await this.q("DELETE FROM users WHERE id = $1 AND kind = 'person'", [id]);
    return true;
  }

  async deletedMembers(workspaceId: string) {
    const { rows } = await this.q<{ user_id: string }>(
      'SELECT user_id FROM deleted_members WHERE workspace_id = $1 ORDER BY user_id',
      [workspaceId]
    );
    return rows.map((row) => row.user_id);
  }

  async deletedAmong(ids: readonly string[]) {
    if (ids.length === 0) return [];
    const { rows } = await this.q<{ id: string }>(
      'SELECT id FROM deleted_users WHERE id = ANY($1::text[])',
      [ids]
    );
    return rows.map((row) => row.id);
  }
}
