/**
 * A room is `<workspaceId>/<docId>`; both parts are ids the app creates offline (nanoid: letters,
 * digits, `_`, `-`). The allow-list keeps room names safe to log, to use as keys and in URLs.
 */
const ID = '[A-Za-z0-9_-]{1,64}';
const ROOM = new RegExp(`^(${ID})/(${ID})$`);

export type RoomName = { room: string; workspaceId: string; docId: string };

export function parseRoomName(room: string): RoomName | null {
  const m = ROOM.exec(room);
  return m ? { room, workspaceId: m[1]!, docId: m[2]! } : null;
}

/** The document id of a workspace's index (its room is `<workspaceId>/index`). */
export const INDEX_DOC_ID = 'index';

export function roomName(workspaceId: string, docId: string): string {
  return `${workspaceId}/${docId}`;
}
