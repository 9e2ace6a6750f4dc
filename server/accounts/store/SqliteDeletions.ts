import type Database from 'better-sqlite3';
import type { DeletionTable } from './AccountStore.ts';
import type { Write } from './sqliteWrite.ts';

export function prepareDeletions(db: Database.Database) {
  return {
    kind: db.prepare<[string], { kind: 'person' | 'service' }>(
      'SELECT kind FROM users WHERE id = ?'
    ),
    deletePerson: db.prepare<[string]>("DELETE FROM users WHERE id = ? AND kind = 'person'"),
    markDeleted: db.prepare<[string, number]>(
      'INSERT INTO deleted_users (id, deleted_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING'
    ),
    markDeletedMember: db.prepare<[string]>(
      `INSERT INTO deleted_members (workspace_id, user_id)
       SELECT workspace_id, user_id FROM memberships WHERE user_id = ?`
    ),
    deletedMembers: db.prepare<[string], { user_id: string }>(
      'SELECT user_id FROM deleted_members WHERE workspace_id = ? ORDER BY user_id'
    ),
    deletedAmong: db.prepare<[string], { id: string }>(
      'SELECT id FROM deleted_users WHERE id IN (SELECT value FROM json_each(?))'
    )
  };
}

export type DeletionStatements = ReturnType<typeof prepareDeletions>;

/** Deleted accounts in `accounts.sqlite` (`deleted_users`, `deleted_members`). */
export class SqliteDeletions implements DeletionTable {
  constructor(
    private readonly s: DeletionStatements,
    private readonly write: Write
  ) {}

  async deletePerson(id: string, now: number) {
    return this.write(() => {
      if (this.s.kind.get(id)?.kind !== 'person') return false;
      // The id is kept first: the memberships it records go with the person's row.
      this.s.markDeleted.run(id, now);
      this.s.markDeletedMember.run(id);
      if (this.s.deletePerson.run(id).changes === 0) throw new Error('not a person');
      return true;
    });
  }

  async deletedAmong(ids: readonly string[]) {
    if (ids.length === 0) return [];
    return this.s.deletedAmong.all(JSON.stringify(ids)).map((row) => row.id);
  }

  async deletedMembers(workspaceId: string) {
    return this.s.deletedMembers.all(workspaceId).map((row) => row.user_id);
  }
}
