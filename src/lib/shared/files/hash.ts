/** The lowercase hex SHA-256 of some bytes: the name of a blob, here and on the server. */
export async function sha256Hex(bytes: ArrayBuffer | Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as BufferSource);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Whether a document attribute names a blob (anything else renders nothing). */
export function isBlobHash(value: unknown): value is string {
  return typeof value === 'string' && SHA256_HEX.test(value);
}
