import { getSchema } from '@tiptap/core';
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SAMPLE_DOCUMENT_IDS, seedSampleWorkspace } from '../../server/seed/sampleWorkspace.ts';
import { SqliteStorage } from '../../server/storage/SqliteStorage.ts';
import { contentExtensions } from '../../src/lib/editor/createEditor.ts';
import { normaliseFieldValue, normaliseTag } from '../../src/lib/shared/model/fieldValues.ts';
import { documentRoots } from '../../src/lib/shared/model/schema.ts';

const WORKSPACE = 'ws-sample';
import { WorkspaceIndex } from '../../src/lib/shared/model/WorkspaceIndex.ts';
import { makeTempDir } from './helpers/relay.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function load(storage: SqliteStorage, room: string): Promise<Y.Doc> {
  const stored = await storage.load(room);
  const doc = new Y.Doc();
  for (const u of stored.updates) Y.applyUpdate(doc, u.data);
  return doc;
}

describe('sample data', () => {
  it('SD1 the sample documents are valid editor content listed in the workspace index', async () => {
    const tmp = makeTempDir();
    const storage = new SqliteStorage(`${tmp.dir}/uzel.sqlite`);
    cleanups.push(tmp.remove, () => storage.close());
    expect(await seedSampleWorkspace(storage, WORKSPACE)).toBe(true);

    const index = new WorkspaceIndex(await load(storage, `${WORKSPACE}/index`));
    expect(
      index
        .all()
        .map((d) => d.id)
        .sort()
    ).toEqual([...SAMPLE_DOCUMENT_IDS].sort());
    expect(index.get('sample-theatre-plan')?.title).toBe('План проекта «Театр на окошке»');
    // Types, folders, fields and tags: every value is one the app itself would accept.
    const tree = index.tree();
    expect(tree.parentOf('sample-theatre-plan')).toBe('sample-projects');
    expect(tree.childrenOf('sample-methods').map((d) => d.type)).toEqual(['masterClass']);
    for (const meta of index.all()) {
      for (const [field, value] of Object.entries(meta.fields)) {
        expect(normaliseFieldValue(meta.type, field, value)).toBe(value);
      }
      for (const tag of meta.tags) expect(normaliseTag(tag)).toBe(tag);
    }
    expect(index.get('sample-masterclass')?.fields.direction).toBe('decorativeArts');

    const schema = getSchema(contentExtensions());
    for (const id of SAMPLE_DOCUMENT_IDS) {
      const doc = await load(storage, `${WORKSPACE}/${id}`);
      const node = yXmlFragmentToProseMirrorRootNode(documentRoots.content(doc), schema);
      // check() throws when the content does not fit the editor's schema.
      expect(() => node.check()).not.toThrow();
      expect(node.textContent.length).toBeGreaterThan(20);
    }
    const plan = yXmlFragmentToProseMirrorRootNode(
      documentRoots.content(await load(storage, `${WORKSPACE}/sample-theatre-plan`)),
      schema
    );
    const types = new Set<string>();
    plan.descendants((n) => void types.add(n.type.name));
    expect(types).toContain('taskItem');
    expect(types).toContain('heading');
    // Marks stay where they were put: only «Партнёры: » is bold in its paragraph.
    let boldText = '';
    plan.descendants((n) => {
      if (n.isText && n.marks.some((m) => m.type.name === 'bold')) boldText += n.text;
    });
    expect(boldText).toBe('Партнёры: Педагог: ');
  });

  it('SD2 seeding never touches a workspace that already has data', async () => {
    const tmp = makeTempDir();
    const storage = new SqliteStorage(`${tmp.dir}/uzel.sqlite`);
    cleanups.push(tmp.remove, () => storage.close());
    const own = new Y.Doc();
    own.getText('t').insert(0, 'моё');
    await storage.append([{ room: `${WORKSPACE}/index`, update: Y.encodeStateAsUpdate(own) }]);
    expect(await seedSampleWorkspace(storage, WORKSPACE)).toBe(false);
    expect(await storage.listRooms(`${WORKSPACE}/`)).toEqual([`${WORKSPACE}/index`]);
  });
});
