import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createAnchor } from '../../../src/lib/shared/model/comments/anchors.ts';
import { CommentStore } from '../../../src/lib/shared/model/comments/CommentStore.ts';
import { documentRoots } from '../../../src/lib/shared/model/schema.ts';
import { anchoredText, docWith, merge, paragraphText, rangeOf, replica, view } from './fixture.ts';

const PLAN = 'Цель: познакомить учащихся с народной культурой Белгородчины.';
const TASK = 'Задача: выставка в библиотеке им. Лиханова к Дню партнёрства.';

function anchorOn(doc: Y.Doc, words: string) {
  const { pm, mapping } = view(doc);
  const { from, to } = rangeOf(pm, words);
  const anchor = createAnchor(documentRoots.content(doc), mapping, from, to);
  if (!anchor) throw new Error('no anchor');
  return anchor;
}

describe('comment anchors', () => {
  it('CM3 an anchor covers the words it was made on, the first word of the document included', () => {
    const doc = docWith(PLAN, TASK);
    expect(anchoredText(doc, anchorOn(doc, 'народной культурой'))).toBe('народной культурой');
    expect(anchoredText(doc, anchorOn(doc, 'Цель'))).toBe('Цель');
    expect(anchoredText(doc, anchorOn(doc, 'библиотеке им. Лиханова'))).toBe(
      'библиотеке им. Лиханова'
    );
  });

  it('CM3 text inserted before the anchor on another device leaves it on the same words', () => {
    const anna = docWith(PLAN, TASK);
    const boris = replica(anna);
    const anchor = anchorOn(anna, 'народной культурой');
    paragraphText(boris, 0).insert(0, 'Проект «Театр на окошке». ');
    boris.transact(() => documentRoots.content(boris).insert(0, [new Y.XmlElement('paragraph')]));
    merge(anna, boris);
    expect(anchoredText(anna, anchor)).toBe('народной культурой');
    expect(anchoredText(boris, anchor)).toBe('народной культурой');
  });

  it('CM3 typing right before or right after the range stays outside it; typing inside widens it', () => {
    const doc = docWith(PLAN);
    const anchor = anchorOn(doc, 'народной');
    const text = paragraphText(doc, 0);
    const at = PLAN.indexOf('народной');
    text.insert(at + 'народной'.length, ' русской');
    text.insert(at, 'самобытной ');
    expect(anchoredText(doc, anchor)).toBe('народной');
    text.insert(at + 'самобытной нар'.length, '-');
    expect(anchoredText(doc, anchor)).toBe('нар-одной');
  });

  it('CM4 deleting the anchored text orphans the thread, which is kept with its quote', () => {
    const anna = docWith(PLAN, TASK);
    const boris = replica(anna);
    const store = new CommentStore(anna);
    const id = store.create({
      anchor: anchorOn(anna, 'народной культурой'),
      quote: 'народной культурой',
      author: { id: 'anna', name: 'Анна Лобанова' },
      text: 'Уточните, какой именно.'
    })!;
    merge(anna, boris);
    const at = PLAN.indexOf('народной культурой');
    paragraphText(boris, 0).delete(at, 'народной культурой'.length);
    merge(anna, boris);

    const thread = new CommentStore(boris).get(id)!;
    expect(thread.quote).toBe('народной культурой');
    expect(thread.messages[0]!.text).toBe('Уточните, какой именно.');
    expect(anchoredText(boris, thread.anchor!)).toBeNull();
    expect(anchoredText(anna, thread.anchor!)).toBeNull();
  });

  it('CM4 deleting the whole paragraph orphans the thread; the other paragraph’s thread stays', () => {
    const doc = docWith(PLAN, TASK);
    const gone = anchorOn(doc, 'учащихся');
    const kept = anchorOn(doc, 'Лиханова');
    documentRoots.content(doc).delete(0, 1);
    expect(anchoredText(doc, gone)).toBeNull();
    expect(anchoredText(doc, kept)).toBe('Лиханова');
  });

  it('CM5 offline edits on both sides merge and the anchor still covers its words', () => {
    const anna = docWith(PLAN, TASK);
    const boris = replica(anna);
    // Both offline: Anna comments on the task, Boris rewrites the text around it.
    const anchor = anchorOn(anna, 'выставка в библиотеке');
    new CommentStore(anna).create({
      anchor,
      quote: 'выставка в библиотеке',
      author: { id: 'anna', name: 'Анна Лобанова' },
      text: 'Какой библиотеке?'
    });
    documentRoots.content(boris).delete(0, 1);
    paragraphText(boris, 0).insert(0, 'Главная ');
    paragraphText(boris, 0).insert(
      paragraphText(boris, 0).length,
      ' Ответственный: Центр «Юность».'
    );
    merge(anna, boris);

    for (const side of [anna, boris]) {
      expect(anchoredText(side, anchor)).toBe('выставка в библиотеке');
      expect(new CommentStore(side).threads()).toHaveLength(1);
    }
    expect(documentRoots.content(anna).toString()).toBe(documentRoots.content(boris).toString());
  });

  it('CM5 an undone deletion brings the anchor back', () => {
    const doc = docWith(PLAN);
    const anchor = anchorOn(doc, 'учащихся');
    const undo = new Y.UndoManager(documentRoots.content(doc));
    paragraphText(doc, 0).delete(PLAN.indexOf('учащихся'), 'учащихся'.length);
    undo.stopCapturing();
    expect(anchoredText(doc, anchor)).toBeNull();
    undo.undo();
    expect(anchoredText(doc, anchor)).toBe('учащихся');
  });
});
