import type { PublicationStore } from '../../../server/publishing/PublicationStore.ts';
import type { PinnedVersion } from '../../../server/publishing/types.ts';

export function pinned(
  title: string,
  text: string,
  fields: Record<string, string> = {}
): PinnedVersion {
  return {
    title,
    type: 'masterClass',
    fields,
    content: { type: 'doc', content: [] },
    summary: text.slice(0, 120),
    text
  };
}

/** Publishes `docId` in one go, as `Publishing.publish` drives the store. */
export async function publishOne(
  store: PublicationStore,
  workspaceId: string,
  docId: string,
  version: PinnedVersion,
  now: number
): Promise<void> {
  await store.ensure(workspaceId, docId);
  await store.publish(
    workspaceId,
    docId,
    { licence: 'CC-BY-4.0', userId: 'user-olga', pinned: version, sourceHash: `h-${docId}` },
    now
  );
}
