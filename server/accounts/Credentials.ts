import { AccountError, noMember, parseInput } from './AccountError.ts';
import { memberRole, requireOwner } from './membershipRules.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { ResetLinks, useResetLink, type ResetStatus } from './ResetLinks.ts';
import type { AccountStore } from './store/AccountStore.ts';
import type { User } from './types.ts';
import { emailSchema, ID_PATTERN, passwordSchema } from './validation.ts';

export type ResetLink = { token: string; expiresAt: number; user: User };

export type CredentialsParts = {
  store: AccountStore;
  resetTtlMs: number;
  now: () => number;
  /** Ends a person's sessions but one, and closes their connections. */
  endSessions: (userId: string, keepToken: string | null) => Promise<void>;
};

/**
 * Passwords after registration: a change by the person, and one-time reset links made by a
 * workspace owner or the admin command. Either way the person's other sessions end, so a password
 * that leaked stops working everywhere at once. The strength rules are checked by the caller
 * (they need the person's e-mail and name), as at registration.
 */
export class Credentials {
  readonly #parts: CredentialsParts;
  readonly #links: ResetLinks;

  constructor(parts: CredentialsParts) {
    this.#parts = parts;
    this.#links = new ResetLinks(parts.store.resets, parts.resetTtlMs, parts.now);
  }

  /** True when `password` is this person's; the caller counts the attempt first. */
  async checkPassword(user: User, password: string): Promise<boolean> {
    const found = user.email ? await this.#parts.store.users.withPassword(user.email) : null;
    return found !== null && found.user.id === user.id
      ? verifyPassword(password, found.passwordHash)
      : false;
  }

  /** Sets a new password and ends every other session of the person (`keepToken` stays). */
  async changePassword(
    user: User,
    current: string,
    next: string,
    keepToken: string | null
  ): Promise<void> {
    const password = parseInput(passwordSchema, next);
    if (!(await this.checkPassword(user, current))) {
      throw new AccountError('wrong_password', 'The current password is not right.');
    }
    await this.#parts.store.users.setPasswordHash(user.id, await hashPassword(password));
    await this.#parts.endSessions(user.id, keepToken);
  }

  /** An owner's link for a member of their workspace (a person, not a service member). */
  async linkForMember(actorId: string, workspaceId: string, targetId: string): Promise<ResetLink> {
    const { store } = this.#parts;
    await requireOwner(store, actorId, workspaceId);
    if (!ID_PATTERN.test(targetId)) throw noMember();
    await memberRole(store, workspaceId, targetId);
    const user = await store.users.get(targetId);
    if (!user || user.kind !== 'person') throw noMember();
    return { ...(await this.#links.create(user.id)), user };
  }

  /** The admin command's link, by e-mail; null when nobody has that e-mail. */
  async linkForEmail(email: string): Promise<ResetLink | null> {
    const normalised = emailSchema.safeParse(email);
    const found = normalised.success
      ? await this.#parts.store.users.withPassword(normalised.data)
      : null;
    return found ? { ...(await this.#links.create(found.user.id)), user: found.user } : null;
  }

  /** What the reset page shows: whether the link works, and for whom. */
  async resetInfo(token: string): Promise<{ status: ResetStatus; user: User } | null> {
    const link = await this.#links.lookup(token);
    const user = link && (await this.#parts.store.users.get(link.userId));
    return link && user ? { status: link.status, user } : null;
  }

  /** Uses the link: a new password, and every session of the person ends. */
  async resetPassword(token: string, next: string): Promise<User> {
    const password = parseInput(passwordSchema, next);
    const info = await this.resetInfo(token);
    if (!info) throw new AccountError('not_found', 'No such reset link.');
    if (info.status !== 'valid') throw resetGone(info.status);
    // Hashed before the transaction: the lock is not held for the ~50 ms scrypt takes.
    const passwordHash = await hashPassword(password);
    await this.#parts.store.transaction(async ({ resets, users }) => {
      if (!(await useResetLink(resets, token, this.#parts.now()))) throw resetGone('used');
      await users.setPasswordHash(info.user.id, passwordHash);
    });
    await this.#parts.endSessions(info.user.id, null);
    return info.user;
  }
}

function resetGone(status: 'expired' | 'used'): AccountError {
  return status === 'expired'
    ? new AccountError('expired', 'This reset link has expired: ask for a new one.')
    : new AccountError('used_up', 'This reset link has already been used: ask for a new one.');
}
