import type { Editor, JSONContent } from '@tiptap/core';
import { NodeSelection } from '@tiptap/pm/state';
import type { FileEditorOptions } from '$lib/editor/createEditor.ts';
import type { FileViews } from '$lib/editor/files/fileViews.ts';
import { deviceFiles, type AddedFile } from '$lib/files/files.ts';
import { formatSize } from '$lib/files/format.ts';
import { locale, t } from '$lib/state/locale.svelte.ts';
import type { MessageKey } from '$lib/shared/i18n/translate.ts';

const KNOWN_REFUSALS = new Set([
  'file_too_large',
  'workspace_quota_exceeded',
  'type_mismatch',
  'hash_mismatch',
  'read_only'
]);

function failedText(code: string): string {
  return KNOWN_REFUSALS.has(code)
    ? t(`files.failed.${code}` as MessageKey)
    : t('files.failed.other', { code });
}

/** How images and cards of one workspace's documents find their bytes and upload state. */
export function fileViews(workspaceId: string): FileViews {
  const files = deviceFiles();
  return {
    url: (hash) => files.url(workspaceId, hash),
    status: (hash) => files.status(workspaceId, hash),
    subscribe: (listener) => files.uploader.subscribe(listener),
    retry: (hash) => void files.uploader.retry(workspaceId, hash),
    words: () => ({
      uploading: t('files.uploading'),
      waiting: t('files.waiting'),
      failed: failedText,
      retry: t('files.retry'),
      missing: t('files.missing'),
      download: t('files.download'),
      size: (bytes) => formatSize(bytes, locale.current)
    })
  };
}

function nodeFor(added: AddedFile): JSONContent {
  if (added.kind === 'image') {
    const { hash, alt, width, height } = added;
    return { type: 'image', attrs: { hash, alt, width, height } };
  }
  const { hash, name, size, type } = added;
  return { type: 'attachment', attrs: { hash, name, size, type } };
}

/**
 * Keeps the files on this device (resizing large photos), queues their upload and inserts their
 * nodes at `pos` (or the cursor). A file that cannot be read is reported and skipped.
 */
export async function insertFiles(
  editor: Editor,
  workspaceId: string,
  files: File[],
  pos: number | null
): Promise<void> {
  const nodes: JSONContent[] = [];
  for (const file of files) {
    try {
      nodes.push(nodeFor(await deviceFiles().add(workspaceId, file)));
    } catch {
      window.alert(t('files.addFailed', { name: file.name }));
    }
  }
  if (nodes.length === 0 || editor.isDestroyed || !editor.isEditable) return;
  // A selected image or card stays: the new files go after it rather than replacing it.
  const { selection } = editor.state;
  const at = pos ?? (selection instanceof NodeSelection ? selection.to : null);
  const chain = editor.chain().focus();
  (at === null ? chain.insertContent(nodes) : chain.insertContentAt(at, nodes)).run();
  // A document must not end in a file: there would be nowhere to type after it.
  const last = editor.state.doc.lastChild;
  if (last && FILE_NODES.has(last.type.name)) {
    editor
      .chain()
      .insertContentAt(editor.state.doc.content.size, { type: 'paragraph' })
      .focus('end')
      .run();
  }
}

const FILE_NODES = new Set(['image', 'attachment']);

/** The editor's file options for a workspace; `canWrite` false leaves insertion out. */
export function fileEditorOptions(
  workspaceId: string,
  editor: () => Editor | null,
  canWrite: boolean
): FileEditorOptions {
  return {
    views: fileViews(workspaceId),
    insert: canWrite
      ? (files, pos) => {
          const current = editor();
          if (current) void insertFiles(current, workspaceId, files, pos);
        }
      : null
  };
}
