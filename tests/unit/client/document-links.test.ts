import { getSchema } from '@tiptap/core';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { contentExtensions } from '../../../src/lib/editor/createEditor.ts';
import {
  backlinkIds,
  backlinks,
  extractLinkIds,
  linkCandidates,
  MAX_RECORDED_LINKS,
  writeOutgoingLinks
} from '../../../src/lib/shared/model/documentLinks.ts';
import { recordOutgoingLinks } from '../../../src/lib/shared/model/linkRecorder.ts';
import { DocumentField, documentRoots, indexRoots } from '../../../src/lib/shared/model/schema.ts';
import { WorkspaceIndex } from '../../../src/lib/shared/model/WorkspaceIndex.ts';

const schema = getSchema(contentExtensions());
const docLinkType = schema.nodes.docLink!;

const link = (docId: string) => ({ type: 'docLink', attrs: { docId } });
const text = (t: string) => ({ type: 'text', text: t });
const para = (...content: object[]) => ({ type: 'paragraph', content });

/** A document's text written the way the editor writes it (through y-tiptap). */
function contentOf(...blocks: object[]): Y.XmlFragment {
  const doc = new Y.Doc();
  const fragment = documentRoots.content(doc);
  prosemirrorJSONToYXmlFragment(schema, { type: 'doc', content: blocks }, fragment);
  return fragment;
}

/** Two replicas of one index; `connected` false holds updates back, as when offline. */
function replicas() {
  const a = new Y.Doc();
  const b = new Y.Doc();
  let connected = true;
  const held: [Y.Doc, Uint8Array][] = [];
  const send = (to: Y.Doc, u: Uint8Array) =>
    connected ? Y.applyUpdate(to, u, 'peer') : held.push([to, u]);
  a.on('update', (u: Uint8Array, origin: unknown) => origin !== 'peer' && send(b, u));
  b.on('update', (u: Uint8Array, origin: unknown) => origin !== 'peer' && send(a, u));
  return {
    a: new WorkspaceIndex(a),
    b: new WorkspaceIndex(b),
    offline: () => (connected = false),
    online: () => {
      connected = true;
      for (const [to, u] of held.splice(0)) Y.applyUpdate(to, u, 'peer');
    }
  };
}

const linksOf = (index: WorkspaceIndex, id: string) => index.get(id)?.links.sort() ?? [];

describe('links between documents', () => {
  afterEach(() => void vi.useRealTimers());

  it('LK1 the ids of every document link in the text are extracted, nested ones too, invalid ones never', () => {
    const content = contentOf(
      para(text('См. '), link('docA'), text(' и '), link('docB')),
      {
        type: 'bulletList',
        content: [{ type: 'listItem', content: [para(link('docC'), text(' '), link('docA'))] }]
      },
      para(link('javascript:alert(1)'), link('"><img src=x onerror=alert(1)>'), link(''))
    );
    expect([...extractLinkIds(content)].sort()).toEqual(['docA', 'docB', 'docC']);
    expect(extractLinkIds(contentOf(para(text('Без ссылок'))))).toEqual(new Set());
  });

  it('LK1 a document with a huge number of links records a bounded set', () => {
    const many = Array.from({ length: MAX_RECORDED_LINKS + 50 }, (_, i) => link(`d${i}`));
    expect(extractLinkIds(contentOf(para(...many))).size).toBe(MAX_RECORDED_LINKS);
  });

  it('LK2 the index entry gets exactly the set difference, and no write when nothing changed', () => {
    const index = new WorkspaceIndex(new Y.Doc());
    const id = index.create('Методическая разработка');
    const updates: Uint8Array[] = [];
    index.doc.on('update', (u: Uint8Array) => updates.push(u));

    expect(writeOutgoingLinks(index.doc, id, new Set(['x', 'y']))).toBe(true);
    expect(linksOf(index, id)).toEqual(['x', 'y']);
    expect(writeOutgoingLinks(index.doc, id, new Set(['y', 'x']))).toBe(false);
    expect(writeOutgoingLinks(index.doc, id, new Set(['y', 'z']))).toBe(true);
    expect(linksOf(index, id)).toEqual(['y', 'z']);
    expect(updates).toHaveLength(2);
    // No entry (not synced yet, or a stray id): nothing is created.
    expect(writeOutgoingLinks(index.doc, 'unknown', new Set(['x']))).toBe(false);
    expect(index.get('unknown')).toBeNull();
  });

  it('LK3 two people changing the links of one document at the same time both keep their change', () => {
    const { a, b, offline, online } = replicas();
    const id = a.create('План проекта «Театр на окошке»');
    writeOutgoingLinks(a.doc, id, new Set(['kept', 'dropped']));
    expect(linksOf(b, id)).toEqual(['dropped', 'kept']);

    offline();
    // A removes one link and adds another; B, from the same starting point, adds a third.
    writeOutgoingLinks(a.doc, id, new Set(['kept', 'fromA']));
    writeOutgoingLinks(b.doc, id, new Set(['kept', 'dropped', 'fromB']));
    online();

    expect(linksOf(a, id)).toEqual(['fromA', 'fromB', 'kept']);
    expect(linksOf(b, id)).toEqual(linksOf(a, id));
  });

  it('LK3 when both create the links set at once, the losing side restores its links with its next write', () => {
    const { a, b, offline, online } = replicas();
    const id = a.create('Отчёт о мероприятии');
    // New entries carry their links set from the start (KB13); an older entry has none yet.
    indexRoots.documents(a.doc).get(id)!.delete(DocumentField.links);
    offline();
    writeOutgoingLinks(a.doc, id, new Set(['fromA']));
    writeOutgoingLinks(b.doc, id, new Set(['fromB']));
    online();
    const merged = linksOf(a, id);
    expect(merged).toEqual(linksOf(b, id));
    expect(merged).toHaveLength(1);

    const loser = merged[0] === 'fromA' ? b : a;
    const lost = merged[0] === 'fromA' ? 'fromB' : 'fromA';
    writeOutgoingLinks(loser.doc, id, new Set([lost, ...merged]));
    expect(linksOf(a, id)).toEqual(['fromA', 'fromB']);
    expect(linksOf(b, id)).toEqual(['fromA', 'fromB']);
  });

  it('LK4 backlinks are the documents linking here, without the bin and without the document itself', () => {
    const index = new WorkspaceIndex(new Y.Doc());
    const target = index.create('Краеведческая справка');
    const plan = index.create('План проекта');
    const report = index.create('Отчёт');
    const binned = index.create('Черновик');
    writeOutgoingLinks(index.doc, plan, new Set([target]));
    writeOutgoingLinks(index.doc, report, new Set([target, plan]));
    writeOutgoingLinks(index.doc, binned, new Set([target]));
    writeOutgoingLinks(index.doc, target, new Set([target]));
    index.delete(binned);

    expect(backlinkIds(index.doc, target).sort()).toEqual([binned, plan, report].sort());
    expect(
      backlinks(index, target)
        .map((d) => d.title)
        .sort()
    ).toEqual(['Отчёт', 'План проекта']);
    expect(backlinks(index, plan).map((d) => d.id)).toEqual([report]);

    writeOutgoingLinks(index.doc, report, new Set([plan]));
    index.restore(binned);
    expect(
      backlinks(index, target)
        .map((d) => d.title)
        .sort()
    ).toEqual(['План проекта', 'Черновик']);
  });

  it('LK4 a malformed links value written by a peer reads as no links', () => {
    const index = new WorkspaceIndex(new Y.Doc());
    const target = index.create('Цель');
    const odd = index.create('Странный');
    index.doc.getMap<Y.Map<unknown>>('documents').get(odd)?.set('links', 'not a map');
    expect(backlinks(index, target)).toEqual([]);
  });

  it('LK5 a link renders as an in-app link only for a valid id; a hostile id is inert text', () => {
    const toDOM = docLinkType.spec.toDOM!;
    const render = (docId: string) => toDOM(docLinkType.create({ docId })) as unknown as unknown[];

    const good = render('Abc123_-x');
    expect(good[0]).toBe('a');
    expect(good[1]).toMatchObject({ href: '/doc?id=Abc123_-x', 'data-doc-link': 'Abc123_-x' });

    for (const hostile of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      '//evil.example/x',
      'https://evil.example',
      '"><img src=x onerror=alert(1)>',
      'data:text/html,<script>alert(1)</script>',
      '',
      'a'.repeat(65)
    ]) {
      const spec = render(hostile);
      expect(spec[0], hostile).toBe('span');
      expect(JSON.stringify(spec)).not.toContain('href');
      expect(JSON.stringify(spec)).not.toContain(hostile || '\u0000');
    }
  });

  it('LK5 pasted HTML becomes a document link only with a valid id', () => {
    const rule = docLinkType.spec.parseDOM![0]!;
    const element = (id: string | null) =>
      ({ getAttribute: (name: string) => (name === 'data-doc-link' ? id : null) }) as HTMLElement;
    expect(rule.getAttrs!(element('docA'))).toEqual({ docId: 'docA' });
    expect(rule.getAttrs!(element('javascript:alert(1)'))).toBe(false);
    expect(rule.getAttrs!(element(null))).toBe(false);
  });

  it('LK6 the picker offers documents outside the bin, case-insensitively with ё = е, word starts first', () => {
    const index = new WorkspaceIndex(new Y.Doc());
    const tree = index.create('Новогодняя ёлка в музее', 3);
    const fair = index.create('Ярмарка ремёсел', 2);
    const old = index.create('Ёлочные игрушки из бумаги', 1);
    const binned = index.create('Ёлка прошлого года', 4);
    const self = index.create('Ёлка: сценарий', 5);
    index.delete(binned);
    const titles = (query: string) =>
      linkCandidates(index.all(), query, { exclude: self }).map((d) => d.title);

    // Titles where a word starts with the query come first; «ремёсел» has it inside a word.
    expect(titles('ЕЛ')).toEqual([
      'Новогодняя ёлка в музее',
      'Ёлочные игрушки из бумаги',
      'Ярмарка ремёсел'
    ]);
    expect(titles('ремесел')).toEqual(['Ярмарка ремёсел']);
    // «лка» is inside a word only: still found.
    expect(titles('лка')).toEqual(['Новогодняя ёлка в музее']);
    expect(titles('')).toEqual(
      [tree, fair, old].map((id) => index.get(id)?.title).filter((t) => t !== undefined)
    );
    expect(titles('нет такого')).toEqual([]);
  });

  it('LK7 only local edits record links, debounced, and what is pending is written on close', () => {
    vi.useFakeTimers();
    const index = new WorkspaceIndex(new Y.Doc());
    const id = index.create('Мастер-класс');
    const content = contentOf(para(text('Текст')));
    const listeners = new Set<() => void>();
    let canWrite = true;
    const stop = recordOutgoingLinks({
      content,
      indexDoc: index.doc,
      docId: id,
      onLocalChange: (l) => (listeners.add(l), () => listeners.delete(l)),
      canWrite: () => canWrite,
      delayMs: 500
    });
    // Replaces the text by paragraphs holding these links, then tells the recorder as the app does.
    const setLinks = (ids: string[]) =>
      prosemirrorJSONToYXmlFragment(
        schema,
        { type: 'doc', content: [para(...ids.map(link))] },
        content
      );
    const localEdit = (ids: string[]) => {
      setLinks(ids);
      for (const l of listeners) l();
    };

    // A change that did not come through onLocalChange (a remote one) writes nothing.
    setLinks(['remote']);
    vi.advanceTimersByTime(2000);
    expect(linksOf(index, id)).toEqual([]);

    localEdit(['remote', 'first']);
    vi.advanceTimersByTime(400);
    expect(linksOf(index, id)).toEqual([]);
    vi.advanceTimersByTime(100);
    expect(linksOf(index, id)).toEqual(['first', 'remote']);

    localEdit(['remote', 'first', 'second']);
    stop();
    expect(linksOf(index, id)).toEqual(['first', 'remote', 'second']);
    expect(listeners.size).toBe(0);

    canWrite = false;
    const stopViewer = recordOutgoingLinks({
      content,
      indexDoc: index.doc,
      docId: id,
      onLocalChange: (l) => (listeners.add(l), () => listeners.delete(l)),
      canWrite: () => canWrite
    });
    content.delete(0, content.length);
    for (const l of listeners) l();
    vi.advanceTimersByTime(1000);
    stopViewer();
    expect(linksOf(index, id)).toEqual(['first', 'remote', 'second']);
  });
});
