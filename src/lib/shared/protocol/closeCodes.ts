/**
 * Every websocket close code the relay sends, in one place. y-websocket clients stop reconnecting
 * on 4400–4499 (the server decided, retrying cannot help) and back off and retry on anything else,
 * so a code's range is part of its meaning.
 */
export const CloseCode = {
  /** The server is shutting down or restarting; reconnect later. */
  goingAway: { code: 1001, reason: 'server is restarting' },
  /** The frame could not be decoded as a y-protocols message. */
  malformedMessage: { code: 4400, reason: 'malformed message' },
  /** No valid credentials. */
  unauthorised: { code: 4401, reason: 'unauthorised' },
  /** Valid credentials, but not for this room (also used for rooms that do not exist). */
  forbidden: { code: 4403, reason: 'forbidden' },
  /** The person was removed from the workspace while connected. */
  accessRevoked: { code: 4403, reason: 'access revoked' },
  /** The person's role changed while connected; reconnecting applies the new one. */
  roleChanged: { code: 4100, reason: 'role changed, reconnect' },
  /** The room name does not match the allowed pattern. */
  invalidRoom: { code: 4404, reason: 'invalid room name' },
  /** A frame larger than MAX_MESSAGE_BYTES (the standard code; `ws` sends it itself). */
  messageTooBig: { code: 1009, reason: 'message too big' },
  /** Storage did not accept the update; the client keeps it and resends after reconnecting. */
  storageUnavailable: { code: 4503, reason: 'storage unavailable, try again' },
  /** Too many messages per second; reconnect after a back-off. */
  rateLimited: { code: 4529, reason: 'rate limited' },
  /** More open connections for one person than MAX_CONNECTIONS_PER_USER; retry later. */
  tooManyConnections: { code: 4530, reason: 'too many connections' },
  /** More bytes per second than WRITE_BYTES_PER_SECOND (this connection) or USER_WRITE_BYTES_PER_SECOND (this person, all connections); retry after a back-off. */
  writeRateLimited: { code: 4531, reason: 'write rate exceeded' },
  /** More than MAX_QUEUED_BYTES waiting to be sent: the client does not read; it may reconnect. */
  sendQueueFull: { code: 4532, reason: 'too much unsent data' },
  /** No pong to two pings in a row (HEARTBEAT_MS each): the device is gone. */
  heartbeatMissed: { code: 4408, reason: 'no answer to ping' },
  /** The update names a Yjs client id that another person wrote first; nothing is stored. */
  clientIdTaken: { code: 4409, reason: 'client id belongs to another person' },
  /** The workspace's documents together would pass DOC_WORKSPACE_QUOTA_BYTES; nothing is stored. */
  workspaceQuotaExceeded: { code: 4413, reason: 'workspace document quota exceeded' },
  /** The update needs structs or deletions the document does not have (Yjs would keep it pending). */
  pendingUpdate: { code: 4422, reason: 'update refers to data the document does not have' },
  /** The data folder cannot be written; reads go on, writes are refused until it can. */
  storageReadOnly: { code: 4507, reason: 'storage is read-only' }
} as const;

export type CloseReason = (typeof CloseCode)[keyof typeof CloseCode];
