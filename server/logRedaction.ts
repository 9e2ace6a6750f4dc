/** What replaces a secret in a log line. */
export const REDACTED = '[redacted]';

// Field names whose values are credentials whatever they hold.
const SECRET_KEY =
  /^(?:token|password|passwd|secret|cookie|set-cookie|authorization|session|sessiontoken|newpassword|currentpassword|apikey|api_key)$/i;

// Secrets inside free text: query values (`?token=…`), cookie pairs (`uzel_session=…`), bearer
// credentials and calendar feed paths, whose last segment is the token itself.
const IN_TEXT: [RegExp, string][] = [
  [/([?&](?:token|key|secret|password)=)[^&\s"']+/gi, `$1${REDACTED}`],
  [/(uzel_session=)[^;\s"']+/gi, `$1${REDACTED}`],
  [/(bearer\s+)[A-Za-z0-9._~+/=-]+/gi, `$1${REDACTED}`],
  [/(\/api\/calendar-feeds\/)[^/?\s"']+/gi, `$1${REDACTED}`],
  [/(\/api\/invites\/)[^/?\s"']+/gi, `$1${REDACTED}`],
  [/(\/api\/password-resets\/)[^/?\s"']+/gi, `$1${REDACTED}`],
  [/(uzel_device=)[^;\s"']+/gi, `$1${REDACTED}`]
];

export function redactText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of IN_TEXT) out = out.replace(pattern, replacement);
  return out;
}

function redactValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redactText(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return redactText(value.message);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  return redactFields(value as Record<string, unknown>, depth + 1);
}

/** A copy of `fields` with credential-named keys replaced and secrets in text masked. */
export function redactFields(fields: Record<string, unknown>, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] = SECRET_KEY.test(key) ? REDACTED : redactValue(value, depth);
  }
  return out;
}
