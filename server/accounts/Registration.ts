import { inviteGone, noInvite, parseInput } from './AccountError.ts';
import { newAccountId } from './ids.ts';
import { inviteByToken, inviteStatus } from './Invites.ts';
import { hashPassword } from './passwords.ts';
import { checkRegistration, type RegistrationPolicy } from './registrationPolicy.ts';
import type { AccountStore } from './store/AccountStore.ts';
import type { User } from './types.ts';
import { displayNameSchema, emailSchema, institutionSchema, passwordSchema } from './validation.ts';

export type RegistrationInput = {
  email: string;
  password: string;
  displayName: string;
  institution?: string;
  /** An invite link's token: lets the person register where registration is by invite. */
  inviteToken?: string;
};

export type RegistrationParts = {
  store: AccountStore;
  policy: RegistrationPolicy;
  now: () => number;
  /** Joins the invite's workspace once the account exists (`Accounts.acceptInvite`). */
  acceptInvite: (userId: string, token: string) => Promise<unknown>;
};

/** New accounts, under the server's `REGISTRATION` policy. */
export class Registration {
  readonly #parts: RegistrationParts;

  constructor(parts: RegistrationParts) {
    this.#parts = parts;
  }

  /**
   * A new account; `email_taken` when the e-mail is already registered, which the HTTP API answers
   * like a success, so registering tells nobody who has an account (the password is hashed either
   * way, so the time does not tell either). `REGISTRATION` is checked first and does not depend on
   * the e-mail being known. With a valid invite the person also joins its workspace.
   */
  async register(input: RegistrationInput): Promise<User> {
    const { store, policy, now } = this.#parts;
    const email = parseInput(emailSchema, input.email);
    const password = parseInput(passwordSchema, input.password);
    const displayName = parseInput(displayNameSchema, input.displayName);
    const institution = parseInput(institutionSchema, input.institution ?? '');
    const invite = input.inviteToken ? await inviteByToken(store.invites, input.inviteToken) : null;
    const invited = invite !== null && inviteStatus(invite, now()) === 'valid';
    if (input.inviteToken && !invited) {
      const status = invite ? inviteStatus(invite, now()) : null;
      throw status && status !== 'valid' ? inviteGone(status) : noInvite();
    }
    // Cheap refusals first; this one is checked again with the insert, for the first person.
    checkRegistration(policy, email, {
      firstPerson: (await store.users.personCount()) === 0,
      invited
    });
    const passwordHash = await hashPassword(password);
    const user = await store.transaction(async ({ users }) => {
      checkRegistration(policy, email, {
        firstPerson: (await users.personCount()) === 0,
        invited
      });
      return users.insertPerson(newAccountId(), {
        email,
        displayName,
        passwordHash,
        now: now()
      });
    });
    if (input.inviteToken) await this.#parts.acceptInvite(user.id, input.inviteToken);
    // Optional at registration; the profile's column takes it, as a later profile edit would.
    if (!institution) return user;
    return (await store.users.update(user.id, { institution })) ?? user;
  }
}
