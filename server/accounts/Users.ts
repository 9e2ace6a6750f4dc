import type Database from 'better-sqlite3';
import { newAccountId } from './ids.ts';
import { AccountError } from './AccountError.ts';
import type { User } from './types.ts';

type UserRow = {
  id: string;
  email: string | null;
  display_name: string;
  institution: string;
  kind: 'person' | 'service';
};

const COLUMNS = 'id, email, display_name, institution, kind';

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    institution: row.institution,
    kind: row.kind
  };
}

/** The `users` table: people who sign in with e-mail and password, and service members. */
export class Users {
  readonly #byId: Database.Statement<[string], UserRow>;
  readonly #byEmail: Database.Statement<[string], UserRow & { password_hash: string }>;
  readonly #insert: Database.Statement<
    [string, string | null, string, string | null, 'person' | 'service', number]
  >;
  readonly #update: Database.Statement<[string | null, string | null, string]>;
  readonly #setHash: Database.Statement<[string, string]>;

  constructor(db: Database.Database) {
    this.#byId = db.prepare(`SELECT ${COLUMNS} FROM users WHERE id = ?`);
    this.#byEmail = db.prepare(
      `SELECT ${COLUMNS}, password_hash FROM users WHERE email = ? AND kind = 'person'`
    );
    this.#insert = db.prepare(
      `INSERT INTO users (id, email, display_name, password_hash, kind, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`
    );
    this.#update = db.prepare(
      `UPDATE users SET display_name = coalesce(?, display_name),
         institution = coalesce(?, institution) WHERE id = ?`
    );
    this.#setHash = db.prepare('UPDATE users SET password_hash = ? WHERE id = ?');
  }

  get(id: string): User | null {
    const row = this.#byId.get(id);
    return row ? toUser(row) : null;
  }

  /** A person by their (already normalised) e-mail, with the stored password hash. */
  withPassword(email: string): { user: User; passwordHash: string } | null {
    const row = this.#byEmail.get(email);
    return row ? { user: toUser(row), passwordHash: row.password_hash } : null;
  }

  insertPerson(email: string, displayName: string, passwordHash: string, now: number): User {
    const id = newAccountId();
    try {
      this.#insert.run(id, email, displayName, passwordHash, 'person', now);
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
        throw new AccountError('email_taken', 'An account with this e-mail already exists.');
      }
      throw err;
    }
    return this.get(id)!;
  }

  insertService(displayName: string, now: number): User {
    const id = newAccountId();
    this.#insert.run(id, null, displayName, null, 'service', now);
    return this.get(id)!;
  }

  update(id: string, changes: { displayName?: string; institution?: string }): User | null {
    this.#update.run(changes.displayName ?? null, changes.institution ?? null, id);
    return this.get(id);
  }

  setPasswordHash(id: string, passwordHash: string): void {
    this.#setHash.run(passwordHash, id);
  }
}
