import * as Y from 'yjs';

/**
 * Every Yjs root key and shape, declared once. Components and state never call `doc.getMap(…)`
 * themselves; they use the typed accessors built on these.
 */

// Room names are part of the wire protocol; the model re-exports them for its callers.
export { INDEX_DOC_ID, roomName } from '../protocol/roomName.ts';

/** Workspace index: `documents` maps a document id to its metadata map. */
export const indexRoots = {
  documents: (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('documents'),
  /** Partner institutions: id → record map (fields in model/network/institutions.ts). */
  institutions: (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('institutions'),
  /** Cooperation agreements: id → record map (fields in model/network/agreements.ts). */
  agreements: (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('agreements'),
  /** Joint projects: id → record map with a nested `tasks` map (model/network/projects.ts). */
  projects: (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('projects'),
  /** Calendar events: id → record map (fields in model/network/events.ts). */
  events: (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('events'),
  /**
   * Favourites of every member: `<userId>/<docId>` → the time it was starred. Flat keys rather
   * than a map per person, so two devices starring at once never create rival nested maps.
   */
  favourites: (doc: Y.Doc) => doc.getMap<unknown>('favourites'),
  /** Notifications each member has read (model/notifications/NotificationReads.ts). */
  notificationReads: (doc: Y.Doc) => doc.getMap<unknown>('notificationReads')
} as const;

/** Keys of one document's metadata map in the index. */
export const DocumentField = {
  title: 'title',
  createdAt: 'createdAt',
  updatedAt: 'updatedAt',
  /** A tombstone: the time it went to the bin, or null. Documents are never removed from the index. */
  deletedAt: 'deletedAt',
  /** A document type id from `documentTypes.ts` ('note' when missing or unknown). */
  type: 'type',
  /** The parent collection's id, or null at the top of the tree. */
  parentId: 'parentId',
  /** A fractional-index key ordering siblings; compared as plain strings. */
  order: 'order',
  /** A nested Y.Map of tag → true, so two people adding tags at once both keep theirs. */
  tags: 'tags',
  /** A nested Y.Map of the type's structured fields (field id → string), merged field by field. */
  fields: 'fields',
  /** A nested Y.Map of target document id → true: the links written in the document's text. */
  links: 'links',
  /** True when the document is a template of the workspace (shown in the template picker). */
  template: 'template'
} as const;

/** A document's own Y.Doc: its rich text, bound to Tiptap's Collaboration extension. */
export const documentRoots = {
  content: (doc: Y.Doc) => doc.getXmlFragment(DOCUMENT_CONTENT_FIELD),
  /** Comment threads by id (shape in `comments/CommentStore.ts`), anchored into `content`. */
  comments: (doc: Y.Doc) => doc.getMap<unknown>('comments')
} as const;

export const DOCUMENT_CONTENT_FIELD = 'content';

export const TITLE_MAX_LENGTH = 200;
