/** Top-level message types of the y-websocket protocol, plus Uzel's one extension. */
export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  /**
   * Server → client, only to clients that asked for it (`?acks=1`): "the first K sync messages
   * you sent on this connection are stored". A count, not a state vector, because deletions do
   * not show in a state vector. It lets the app say "all changes saved on the server"
   * truthfully; standard clients never receive it.
   */
  saved: 100
} as const;
