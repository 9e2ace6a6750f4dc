/** The cookie that carries a sign-in session, shared by the HTTP API and the relay's upgrade. */
export const SESSION_COOKIE = 'uzel_session';

/** The session token in a `Cookie` header, or null. Other cookies and malformed pairs are ignored. */
export function sessionTokenFrom(cookieHeader: string | undefined): string | null {
  if (!cookieHeader) return null;
  for (const pair of cookieHeader.split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0 || pair.slice(0, eq).trim() !== SESSION_COOKIE) continue;
    const value = pair.slice(eq + 1).trim();
    // Our tokens are base64url; anything else is not one of ours and is not looked up.
    return /^[A-Za-z0-9_-]{1,128}$/.test(value) ? value : null;
  }
  return null;
}
