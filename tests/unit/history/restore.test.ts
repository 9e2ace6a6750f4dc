import { getSchema } from '@tiptap/core';
import type { Node } from '@tiptap/pm/model';
import {
  initProseMirrorDoc,
  prosemirrorJSONToYXmlFragment,
  updateYFragment,
  ySyncPluginKey
} from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { contentExtensions } from '../../../src/lib/editor/createEditor.ts';
import { readBlocks } from '../../../src/lib/editor/history/readBlocks.ts';
import { versionDoc, versionNode } from '../../../src/lib/editor/history/versionContent.ts';
import { documentRoots } from '../../../src/lib/shared/model/schema.ts';

const schema = getSchema(contentExtensions());

function docWith(...paragraphs: string[]): Y.Doc {
  const doc = new Y.Doc();
  prosemirrorJSONToYXmlFragment(
    schema,
    {
      type: 'doc',
      content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] }))
    },
    documentRoots.content(doc)
  );
  return doc;
}

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

const textOf = (doc: Y.Doc) =>
  readBlocks(versionNode(doc, schema), () => '').map((b) => b.runs.map((r) => r.text).join(''));

/**
 * One device's editor as far as Yjs sees it: the binding's mapping and the undo manager the
 * Collaboration extension installs (it tracks the binding's origin, ySyncPluginKey).
 */
function device(doc: Y.Doc) {
  const fragment = documentRoots.content(doc);
  const undo = new Y.UndoManager(fragment, { trackedOrigins: new Set([ySyncPluginKey]) });
  /**
   * What the editor does with `setContent(node)` (restoreVersion): the ProseMirror document
   * becomes `node`, and the binding writes the difference with updateYFragment under its origin.
   */
  const setContent = (node: Node) => {
    const { mapping } = initProseMirrorDoc(fragment, schema);
    undo.stopCapturing();
    doc.transact(() => {
      updateYFragment(doc, fragment, node, { mapping, isOMark: new Map() } as never);
    }, ySyncPluginKey);
    undo.stopCapturing();
  };
  /** Typing in one paragraph, as the binding writes it. */
  const type = (paragraph: number, at: number, text: string) => {
    doc.transact(() => {
      const p = fragment.get(paragraph) as Y.XmlElement;
      (p.get(0) as Y.XmlText).insert(at, text);
    }, ySyncPluginKey);
  };
  return { undo, setContent, type };
}

describe('restoring a version', () => {
  it('VH6 a restore is a new edit: a concurrent edit elsewhere survives, and undo brings the newer text back', () => {
    const a = docWith('Лепим барыню.', 'Сушим три дня.', 'Расписываем узором.');
    const b = new Y.Doc();
    sync(a, b);
    // The version, as the server stores it: a full state.
    const version = Y.encodeStateAsUpdate(a);

    const anna = device(a);
    const olga = device(b);
    anna.type(0, 'Лепим '.length, 'кормилицу и ');
    sync(a, b);
    expect(textOf(b)[0]).toBe('Лепим кормилицу и барыню.');

    // Анна restores the version while Ольга, offline, adds to the last paragraph.
    anna.setContent(versionNode(versionDoc(version), schema));
    olga.type(2, 'Расписываем узором'.length, ' и точками');
    sync(a, b);

    const expected = ['Лепим барыню.', 'Сушим три дня.', 'Расписываем узором и точками.'];
    expect(textOf(a)).toEqual(expected);
    expect(textOf(b)).toEqual(expected);

    // Undo on Анна's device takes back only her restore, and Ольга's edit stays.
    // Her typing and the restore are separate steps: one Ctrl+Z takes back the restore only.
    expect(anna.undo.undoStack).toHaveLength(2);
    anna.undo.undo();
    sync(a, b);
    const undone = ['Лепим кормилицу и барыню.', 'Сушим три дня.', 'Расписываем узором и точками.'];
    expect(textOf(a)).toEqual(undone);
    expect(textOf(b)).toEqual(undone);
  });

  it('VH6 restoring brings back removed blocks and removes added ones, keeping untouched ones as they are', () => {
    const a = docWith('Цель занятия.', 'Материалы: глина.');
    const version = Y.encodeStateAsUpdate(a);
    const anna = device(a);
    const fragment = documentRoots.content(a);
    const untouched = fragment.get(0);
    a.transact(() => {
      fragment.delete(1, 1);
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText('Новый раздел.')]);
      fragment.insert(1, [p]);
    }, ySyncPluginKey);

    anna.setContent(versionNode(versionDoc(version), schema));
    expect(textOf(a)).toEqual(['Цель занятия.', 'Материалы: глина.']);
    // The unchanged block is the same shared item: comments anchored in it stay anchored.
    expect(fragment.get(0)).toBe(untouched);
  });
});
