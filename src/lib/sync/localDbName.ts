/** The IndexedDB database of a room, the same one SyncedDoc opens. */
export function localDbName(room: string): string {
  return `uzel:${room}`;
}
