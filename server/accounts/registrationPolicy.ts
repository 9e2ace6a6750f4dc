import { domainToASCII } from 'node:url';
import { AccountError } from './AccountError.ts';

/**
 * Who may create an account (`REGISTRATION`). By default the first person on a new server
 * registers freely, so a fresh install can be tried at once, and after that only through an
 * invite link; `open` lets anyone in, a list of e-mail domains lets in addresses at those domains
 * (and anyone with an invite).
 */
export type RegistrationPolicy =
  | { kind: 'first-then-invite' }
  | { kind: 'open' }
  | { kind: 'invite-only' }
  | { kind: 'domains'; domains: string[] };

const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/;

/** The policy from the variable's text, or a sentence saying what is wrong with it. */
export function parseRegistrationPolicy(value: string | undefined): RegistrationPolicy | string {
  const text = value?.trim().toLowerCase();
  if (!text) return { kind: 'first-then-invite' };
  if (text === 'open' || text === 'invite-only') return { kind: text };
  const given = text
    .split(',')
    .map((d) => d.trim().replace(/^@/, ''))
    .filter(Boolean);
  // In ASCII form, as e-mails are stored: почта.рф matches an address at xn--80a1acny.xn--p1ai.
  const domains = given.map((d) => domainToASCII(d));
  const bad = given.find((_, i) => !DOMAIN.test(domains[i]!));
  if (given.length === 0 || bad !== undefined) {
    return `must be open, invite-only or a comma list of e-mail domains${bad ? ` ("${bad}" is not one)` : ''}`;
  }
  return { kind: 'domains', domains };
}

/**
 * Throws `forbidden` when this registration is not allowed. `firstPerson` is whether the server
 * has no person yet; `invited` whether a valid invite link came with it. Nothing here depends on
 * whether the e-mail is already registered, so a refusal tells nothing about who has an account.
 */
export function checkRegistration(
  policy: RegistrationPolicy,
  email: string,
  { firstPerson, invited }: { firstPerson: boolean; invited: boolean }
): void {
  if (policy.kind === 'open' || invited) return;
  if (policy.kind === 'first-then-invite' && firstPerson) return;
  if (policy.kind === 'domains') {
    const domain = email.slice(email.lastIndexOf('@') + 1);
    if (policy.domains.includes(domain)) return;
    throw new AccountError(
      'registration_closed',
      'Registration here is open to addresses at the network’s domains, or with an invite link.'
    );
  }
  throw new AccountError(
    'registration_closed',
    'Registration here is by invite: ask a workspace owner for an invite link.'
  );
}
