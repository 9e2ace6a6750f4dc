import type { AccessControl, MembershipChange } from '../accounts/types.ts';
import type { Fanout } from './Fanout.ts';

/**
 * The relay's view of account events across instances: a membership change or a sign-out made
 * on this instance is published for the others, and one made on another instance reaches this
 * relay's listeners as if it had happened here, so a person's connections follow it everywhere
 * at once. Session expiry needs no event: every instance reads the same sessions table.
 * Returns the access control to hand to the relay and a function that stops publishing.
 */
export function sharedAccess(
  access: AccessControl,
  fanout: Fanout
): { access: AccessControl; stop: () => void } {
  const stops = [
    access.onMembershipChange((change) => fanout.publishEvent({ kind: 'membership', change })),
    access.onSessionEnded((sessionKey) => fanout.publishEvent({ kind: 'sessionEnded', sessionKey }))
  ];
  const shared: AccessControl = {
    authenticate: (request) => access.authenticate(request),
    roleIn: (principal, workspaceId) => access.roleIn(principal, workspaceId),
    sessionExpiresAt: (cookieHeader) => access.sessionExpiresAt(cookieHeader),
    onSessionEnded(listener: (sessionKey: string) => void) {
      const local = access.onSessionEnded(listener);
      const remote = fanout.onEvent((e) => {
        if (e.kind === 'sessionEnded') listener(e.sessionKey);
      });
      return () => (local(), remote());
    },
    onMembershipChange(listener: (change: MembershipChange) => void) {
      const local = access.onMembershipChange(listener);
      const remote = fanout.onEvent((e) => {
        if (e.kind === 'membership') listener(e.change);
      });
      return () => (local(), remote());
    }
  };
  return { access: shared, stop: () => stops.forEach((stop) => stop()) };
}
