import { INDEX_DOC_ID, roomName } from '$lib/shared/protocol/roomName.ts';
import { isValidId } from '$lib/shared/model/ids.ts';
import { rememberedWorkspaceId } from '$lib/state/sessionCache.ts';
import { documentOpening } from '$lib/scheduling/afterOpening.ts';
import { readEarly } from '$lib/sync/earlyRead.ts';
import { localDbName } from '$lib/sync/localDbName.ts';

// The copies the first page will open are read from IndexedDB while the app's scripts start:
// the workspace's index, and on a document's page that document.
export const init = () => {
  const workspaceId = rememberedWorkspaceId();
  if (!workspaceId) return;
  readEarly(localDbName(roomName(workspaceId, INDEX_DOC_ID)));
  const docId =
    location.pathname === '/doc' ? new URLSearchParams(location.search).get('id') : null;
  if (!docId || !isValidId(docId)) return;
  readEarly(localDbName(roomName(workspaceId, docId)));
  documentOpening();
};
