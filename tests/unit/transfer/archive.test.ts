import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import { strToU8, unzipSync, zipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { documentRoots, DocumentField, indexRoots } from '../../../src/lib/shared/model/schema.ts';
import { WorkspaceIndex } from '../../../src/lib/shared/model/WorkspaceIndex.ts';
import { buildArchive } from '../../../src/lib/transfer/archive/buildArchive.ts';
import { ArchiveError, readArchive } from '../../../src/lib/transfer/archive/readArchive.ts';
import {
  NotEmptyError,
  restoreArchive,
  writeIndexEntry,
  type DocumentTarget
} from '../../../src/lib/transfer/archive/restoreArchive.ts';
import { sha256Hex } from '../../../src/lib/shared/files/hash.ts';
import { blobHashesIn } from '../../../src/lib/shared/model/blobRefs.ts';
import { archiveFileSource } from '../../../src/lib/transfer/localFiles.ts';
import { writeContent } from '../../../src/lib/transfer/writeContent.ts';
import type { PmNode } from '../../../src/lib/shared/richText/pmNode.ts';
import { documentContent } from '../../../src/lib/transfer/documentContent.ts';
import { archivedComments } from '../../../src/lib/transfer/archive/archivedComments.ts';
import { createAnchor } from '../../../src/lib/shared/model/comments/anchors.ts';
import { CommentStore } from '../../../src/lib/shared/model/comments/CommentStore.ts';
import { anchoredText, rangeOf, view } from '../comments/fixture.ts';
import { cell, doc, h, masterClass, p, row, schedule, table, text } from './fixtures.ts';

/** A workspace as plain Y.Docs: its index and one doc per document. */
class Workspace {
  readonly index = new Y.Doc();
  readonly docs = new Map<string, Y.Doc>();
  readonly target: DocumentTarget = {
    open: async (id) => ({ doc: this.docOf(id), close: async () => {} })
  };
  docOf(id: string): Y.Doc {
    let d = this.docs.get(id);
    if (!d) this.docs.set(id, (d = new Y.Doc()));
    return d;
  }
  content(id: string): PmNode {
    return yXmlFragmentToProsemirrorJSON(documentRoots.content(this.docOf(id))) as PmNode;
  }
  async archive(): Promise<Uint8Array> {
    const documents = new WorkspaceIndex(this.index).all().map((meta) => ({
      meta,
      content: this.content(meta.id),
      comments: archivedComments(this.docOf(meta.id))
    }));
    return buildArchive({ workspaceName: 'Сеть учреждений', indexDoc: this.index, documents });
  }
}

const image = (hash: string): PmNode => ({
  type: 'image',
  attrs: { hash, alt: 'Афиша', width: 640, height: 480 }
});

const meta = (id: string, over: Record<string, unknown>) => ({
  id,
  title: '',
  type: 'note' as const,
  parentId: null,
  order: 'a0',
  tags: [],
  fields: {},
  links: [],
  template: false,
  createdAt: 1_700_000_000_000,
  updatedAt: 1_700_000_100_000,
  deletedAt: null,
  ...over
});

function sampleWorkspace(replace: Record<string, PmNode> = {}): Workspace {
  const ws = new Workspace();
  const entries = [
    meta('folder1', { title: 'Методические разработки', type: 'collection' }),
    meta('mc1', {
      title: 'Дымковская игрушка',
      type: 'masterClass',
      parentId: 'folder1',
      order: 'a1',
      tags: ['народные промыслы', 'глина'],
      fields: { date: '2026-03-14', venue: 'Дом народного творчества' },
      links: ['plan1']
    }),
    meta('plan1', {
      title: 'План проекта «Театр на окошке»',
      type: 'projectPlan',
      parentId: 'folder1',
      order: 'a2',
      fields: { goal: 'Кукольный театр в каждой библиотеке' },
      template: true
    }),
    meta('old1', { title: 'Черновик', deletedAt: 1_700_000_200_000 })
  ];
  const contents: Record<string, PmNode> = {
    folder1: doc(p(text('Всё о мастер-классах сети.'))),
    mc1: masterClass,
    plan1: doc(h(2, 'Цели'), p(text('Показать спектакль в трёх сёлах.'))),
    old1: doc(p()),
    ...replace
  };
  for (const entry of entries) {
    writeContent(ws.docOf(entry.id), contents[entry.id]!);
    writeIndexEntry(ws.index, entry);
  }
  ws.index.transact(() => {
    const inst = new Y.Map<unknown>();
    inst.set('name', 'Библиотека им. Пушкина');
    inst.set('tags', new Y.Map([['библиотека', true]]));
    indexRoots.institutions(ws.index).set('inst1', inst);
    const project = new Y.Map<unknown>();
    project.set('title', 'Театр на окошке');
    const tasks = new Y.Map<unknown>();
    tasks.set(
      't1',
      new Y.Map<unknown>([
        ['title', 'Сшить кукол'],
        ['done', false]
      ])
    );
    project.set('tasks', tasks);
    indexRoots.projects(ws.index).set('proj1', project);
  });
  return ws;
}

describe('workspace archive', () => {
  it('TR8 round trip: a tree of typed documents with tags and fields comes back whole', async () => {
    const source = sampleWorkspace();
    const bytes = await source.archive();
    const target = new Workspace();
    const progress: number[] = [];
    const report = await restoreArchive(readArchive(bytes), target.index, target.target, (d) =>
      progress.push(d)
    );
    expect(report).toEqual({
      restored: 4,
      failed: [],
      records: 2,
      files: { stored: 0, skipped: 0 }
    });
    expect(progress).toEqual([1, 2, 3, 4]);
    const sort = (list: { id: string }[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));
    expect(sort(new WorkspaceIndex(target.index).all())).toEqual(
      sort(new WorkspaceIndex(source.index).all())
    );
    for (const id of ['folder1', 'mc1', 'plan1', 'old1'])
      expect(target.content(id)).toEqual(source.content(id));
    expect(indexRoots.projects(target.index).toJSON()).toEqual(
      indexRoots.projects(source.index).toJSON()
    );
    // Shared maps stay shared maps, so people can edit fields of a restored record independently.
    const tasks = (indexRoots.projects(target.index).get('proj1') as Y.Map<unknown>).get('tasks');
    expect(tasks).toBeInstanceOf(Y.Map);
  });

  it('TR9 EX5 the archive has readable Markdown and lossless JSON named by title and id, and a description', async () => {
    const files = unzipSync(await sampleWorkspace().archive());
    expect(Object.keys(files).sort()).toEqual(
      [
        'workspace.json',
        ...[
          'Методические разработки (folder1)',
          'Дымковская игрушка (mc1)',
          'Черновик (old1)',
          'План проекта «Театр на окошке» (plan1)'
        ].flatMap((base) => [`documents/${base}.json`, `documents/${base}.md`])
      ].sort()
    );
    const md = strFromU8(files['documents/Дымковская игрушка (mc1).md']!);
    expect(md).toMatch(/^---\ntitle: "Дымковская игрушка"\ntype: masterClass # Мастер-класс\n/);
    expect(md).toContain('\n---\n\n# Дымковская игрушка\n');
    expect(md).toContain(
      '[План проекта «Театр на окошке»](<План%20проекта%20«Театр%20на%20окошке»%20(plan1).md>)'
    );
    const head = JSON.parse(strFromU8(files['workspace.json']!));
    expect(head).toMatchObject({ format: 'uzel-workspace', version: 1, documentCount: 4 });
  });

  it('TR19 a document nested 2,000 levels deep is archived by a walk that does not recurse: its text, its files and a mark where it is cut', async () => {
    const ws = sampleWorkspace();
    const hash = 'a'.repeat(64);
    const fragment = documentRoots.content(ws.docOf('plan1'));
    fragment.delete(0, fragment.length);
    const top = new Y.XmlElement('paragraph');
    top.insert(0, [new Y.XmlText('Начало материала.')]);
    const picture = new Y.XmlElement('image');
    picture.setAttribute('hash', hash);
    fragment.insert(0, [top, picture]);
    // Each level goes in after its parent is in the document: Yjs integrates one level at a time.
    let parent: Y.XmlFragment | Y.XmlElement = fragment;
    for (let i = 0; i < 2000; i++) {
      const quote = new Y.XmlElement('blockquote');
      parent.insert(parent.length, [quote]);
      parent = quote;
    }
    const bottom = new Y.XmlElement('paragraph');
    parent.insert(0, [bottom]);
    bottom.insert(0, [new Y.XmlText('Дно')]);

    const { content, hashes } = documentContent(fragment);
    expect(hashes).toEqual([hash]);
    const json = JSON.stringify(content);
    expect(json).toContain('Начало материала.');
    expect(json).toContain('"type":"tooDeep"');
    expect(json).not.toContain('Дно');
    const documents = new WorkspaceIndex(ws.index).all().map((meta) => ({
      meta,
      content: documentContent(documentRoots.content(ws.docOf(meta.id))).content
    }));
    const files = unzipSync(
      await buildArchive({ workspaceName: 'Сеть', indexDoc: ws.index, documents })
    );
    const name = (ext: string) =>
      Object.keys(files).find((f) => f.includes('plan1') && f.endsWith(ext))!;
    expect(strFromU8(files[name('.md')]!)).toContain('Начало материала.');
    expect(JSON.parse(strFromU8(files[name('.json')]!)).content.content[0]).toMatchObject({
      type: 'paragraph'
    });
  });

  it('TR15 TR18 an image: its file goes into files/<hash> and comes back with the document', async () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const hash = await sha256Hex(bytes);
    const ws = sampleWorkspace({ plan1: doc(p(text('Афиша:')), image(hash)) });
    // The device's blob store, in memory: the source reads what the documents name.
    const local = new Map([[hash, { type: 'image/png', data: bytes.slice().buffer }]]);
    const named = [...ws.docs.values()].flatMap((d) => blobHashesIn(documentRoots.content(d)));
    expect(named).toEqual([hash]);
    const documents = new WorkspaceIndex(ws.index)
      .all()
      .map((meta) => ({ meta, content: ws.content(meta.id) }));
    const archive = await buildArchive({
      workspaceName: 'Сеть',
      indexDoc: ws.index,
      documents,
      files: archiveFileSource(named, async (h) => local.get(h) ?? null)
    });
    const entries = unzipSync(archive);
    expect(entries[`files/${hash}.png`]).toEqual(bytes);
    // The readable copy shows the picture by its path inside the archive.
    expect(strFromU8(entries['documents/План проекта «Театр на окошке» (plan1).md']!)).toContain(
      `![Афиша](<../files/${hash}.png>)`
    );
    const stored = new Map<string, { type: string; bytes: Uint8Array }>();
    const target = new Workspace();
    const report = await restoreArchive(
      readArchive(archive),
      target.index,
      target.target,
      undefined,
      { put: async (h, type, b) => void stored.set(h, { type, bytes: b }) }
    );
    expect(report.files).toEqual({ stored: 1, skipped: 0 });
    expect(stored.get(hash)).toEqual({ type: 'image/png', bytes });
    expect(target.content('plan1').content).toContainEqual(image(hash));
  });

  it('TR18 a file whose bytes do not match its name is refused, the documents still restored', async () => {
    const ws = sampleWorkspace();
    const hash = await sha256Hex(new Uint8Array([1, 2, 3]));
    const documents = new WorkspaceIndex(ws.index)
      .all()
      .map((meta) => ({ meta, content: ws.content(meta.id) }));
    const archive = await buildArchive({
      workspaceName: 'Сеть',
      indexDoc: ws.index,
      documents,
      files: { list: async () => [{ hash, type: 'image/png', bytes: new Uint8Array([6, 6, 6]) }] }
    });
    const stored: string[] = [];
    const target = new Workspace();
    const report = await restoreArchive(
      readArchive(archive),
      target.index,
      target.target,
      undefined,
      { put: async (h) => void stored.push(h) }
    );
    expect(report.files).toEqual({ stored: 0, skipped: 1 });
    expect(stored).toEqual([]);
    expect(report.restored).toBe(documents.length);
  });

  it('TR9 an archive of the older layout (documents/<id>.json, files/<hash>) still restores', async () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 9]);
    const hash = await sha256Hex(bytes);
    const ws = sampleWorkspace({ plan1: doc(p(text('Афиша:')), image(hash)) });
    const documents = new WorkspaceIndex(ws.index)
      .all()
      .map((meta) => ({ meta, content: ws.content(meta.id) }));
    const archive = await buildArchive({
      workspaceName: 'Сеть',
      indexDoc: ws.index,
      documents,
      files: { list: async () => [{ hash, type: 'image/png', bytes }] }
    });
    const older: Record<string, Uint8Array> = {};
    for (const [name, entry] of Object.entries(unzipSync(archive))) {
      const id = /\(([\w-]+)\)\.json$/.exec(name)?.[1];
      if (name.endsWith('.md')) continue;
      older[id ? `documents/${id}.json` : name.replace(/\.png$/, '')] = entry;
    }
    expect(Object.keys(older)).toContain(`files/${hash}`);
    const target = new Workspace();
    const report = await restoreArchive(
      readArchive(zipSync(older)),
      target.index,
      target.target,
      undefined,
      { put: async () => {} }
    );
    expect(report).toMatchObject({ restored: 4, failed: [], files: { stored: 1, skipped: 0 } });
    expect(target.content('plan1')).toEqual(ws.content('plan1'));
  });

  it('TR10 refuses to restore into a workspace that is not empty', async () => {
    const bytes = await sampleWorkspace().archive();
    const target = new Workspace();
    new WorkspaceIndex(target.index).create('Уже есть');
    await expect(restoreArchive(readArchive(bytes), target.index, target.target)).rejects.toThrow(
      NotEmptyError
    );
    expect(new WorkspaceIndex(target.index).all()).toHaveLength(1);
  });

  it('TR11 refuses a malformed archive; a broken document is reported, the others restored', async () => {
    const problem = (bytes: Uint8Array) => {
      try {
        readArchive(bytes);
        return 'none';
      } catch (error) {
        return error instanceof ArchiveError ? error.problem : String(error);
      }
    };
    expect(problem(strToU8('not a zip at all'))).toBe('notZip');
    expect(problem(zipSync({ 'readme.txt': strToU8('привет') }))).toBe('notArchive');
    expect(problem(zipSync({ 'workspace.json': strToU8('{"format":"uzel-workspace"}') }))).toBe(
      'notArchive'
    );

    const files = unzipSync(await sampleWorkspace().archive());
    const planName = 'documents/План проекта «Театр на окошке» (plan1).json';
    const plan = JSON.parse(strFromU8(files[planName]!));
    plan.content.content.push({ type: 'script', content: [] });
    files[planName] = strToU8(JSON.stringify(plan));
    files['documents/Черновик (old1).json'] = strToU8('{ broken');
    const target = new Workspace();
    const report = await restoreArchive(readArchive(zipSync(files)), target.index, target.target);
    expect(report.restored).toBe(2);
    expect([...report.failed].sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { id: 'old1', title: '', reason: 'notJson' },
      { id: 'plan1', title: 'План проекта «Театр на окошке»', reason: 'invalidContent' }
    ]);
    // Nothing half-created: no entry and no text for the refused documents.
    const index = indexRoots.documents(target.index);
    expect(index.has('plan1')).toBe(false);
    expect(index.has('old1')).toBe(false);
    expect(documentRoots.content(target.docOf('plan1')).length).toBe(0);
    expect(index.get('mc1')?.get(DocumentField.title)).toBe('Дымковская игрушка');
  });

  it('EX6 a document with fields, tags, a table, a picture, links and comments survives export and restore', async () => {
    const hash = await sha256Hex(strToU8('афиша'));
    const content = doc(
      ...(masterClass.content as PmNode[]),
      schedule,
      table(row(cell('tableCell', p(text('Без шапки'))))),
      image(hash)
    );
    const source = sampleWorkspace({ mc1: content });
    const mc = source.docOf('mc1');
    const comments = new CommentStore(mc);
    const anna = { id: 'u-anna', name: 'Анна Лобанова' };
    const petr = { id: 'u-petr', name: 'Пётр Смирнов' };
    const anchorOn = (words: string) => {
      const { pm, mapping } = view(mc);
      const { from, to } = rangeOf(pm, words);
      return createAnchor(documentRoots.content(mc), mapping, from, to)!;
    };
    const onWords = comments.create({
      anchor: anchorOn('дымковской игрушкой'),
      quote: 'дымковской игрушкой',
      author: anna,
      text: 'Добавить фото готовых игрушек',
      now: 1_700_000_300_000
    })!;
    comments.reply(onWords, petr, 'Сделаю, <@u-anna>', 1_700_000_400_000);
    const inTable = comments.create({
      anchor: anchorOn('Горелки'),
      quote: 'Горелки',
      author: petr,
      text: 'Уточнить правила игры',
      now: 1_700_000_500_000
    })!;
    comments.resolve(inTable, anna, 1_700_000_600_000);
    const before = comments.threads();

    const target = new Workspace();
    const report = await restoreArchive(
      readArchive(await source.archive()),
      target.index,
      target.target
    );
    expect(report.failed).toEqual([]);
    expect(target.content('mc1')).toEqual(source.content('mc1'));
    expect(new WorkspaceIndex(target.index).get('mc1')).toEqual(
      new WorkspaceIndex(source.index).get('mc1')
    );
    const restored = target.docOf('mc1');
    const after = new CommentStore(restored).threads();
    // Everything but the anchor's bytes (they name items of the old Y.Doc) is as it was.
    const plain = (list: typeof before) => list.map(({ anchor: _anchor, ...rest }) => rest);
    expect(plain(after)).toEqual(plain(before));
    expect(after[0]!.messages[1]!.mentions).toEqual(['u-anna']);
    expect(after[1]!.resolved).toEqual({ by: anna, at: 1_700_000_600_000 });
    // Each thread covers its words again, anchored to the restored text.
    expect(after.map((t) => anchoredText(restored, t.anchor!))).toEqual([
      'дымковской игрушкой',
      'Горелки'
    ]);
  });

  it('EX6 an orphaned thread stays orphaned with its quote; an archive without comments restores', async () => {
    const source = sampleWorkspace({ plan1: doc(p(text('Показать спектакль в трёх сёлах.'))) });
    const plan = source.docOf('plan1');
    const store = new CommentStore(plan);
    const { pm, mapping } = view(plan);
    const { from, to } = rangeOf(pm, 'трёх');
    store.create({
      anchor: createAnchor(documentRoots.content(plan), mapping, from, to)!,
      quote: 'трёх',
      author: { id: 'u-anna', name: 'Анна' },
      text: 'Или в пяти?'
    });
    // The anchored words are deleted: the thread is orphaned before the export.
    const paragraphText = (documentRoots.content(plan).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    paragraphText.delete(0, paragraphText.length);
    const bytes = await source.archive();
    const target = new Workspace();
    await restoreArchive(readArchive(bytes), target.index, target.target);
    const [thread] = new CommentStore(target.docOf('plan1')).threads();
    expect(thread).toMatchObject({ anchor: null, quote: 'трёх' });
    expect(thread!.messages.map((m) => m.text)).toEqual(['Или в пяти?']);

    // An archive written before comments travelled has none and still restores.
    const entries = unzipSync(bytes);
    for (const name of Object.keys(entries).filter(
      (n) => n.endsWith('.json') && n !== 'workspace.json'
    )) {
      const file = JSON.parse(strFromU8(entries[name]!)) as Record<string, unknown>;
      delete file.comments;
      entries[name] = strToU8(JSON.stringify(file));
    }
    const older = new Workspace();
    const report = await restoreArchive(readArchive(zipSync(entries)), older.index, older.target);
    expect(report.failed).toEqual([]);
    expect(new CommentStore(older.docOf('plan1')).threads()).toEqual([]);
  });
});
