/** Pages that work without being signed in. */
export const PUBLIC_PATHS = ['/signin', '/register', '/invite', '/reset'];
/** Pages that work without a workspace open. */
export const NO_WORKSPACE_PATHS = [...PUBLIC_PATHS, '/workspaces', '/profile'];

/** Only same-app paths are followed after signing in (no open redirect to another site). */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}
