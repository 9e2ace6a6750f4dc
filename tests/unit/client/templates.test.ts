import { getSchema } from '@tiptap/core';
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { contentExtensions } from '../../../src/lib/editor/createEditor.ts';
import { en } from '../../../src/lib/shared/i18n/features/knowledgeBase.en.ts';
import { ru } from '../../../src/lib/shared/i18n/features/knowledgeBase.ts';
import {
  DIRECTIONS,
  DOCUMENT_TYPE_IDS,
  fieldsOf
} from '../../../src/lib/shared/model/documentTypes.ts';
import { writeBlocks } from '../../../src/lib/shared/model/richText.ts';
import { documentRoots } from '../../../src/lib/shared/model/schema.ts';
import {
  BUILT_IN_TEMPLATES,
  builtInTemplatesFor
} from '../../../src/lib/shared/model/templates/index.ts';

describe('templates and type data', () => {
  it('KB14 every built-in template is valid editor content with its headings in order', () => {
    const schema = getSchema(contentExtensions());
    for (const template of BUILT_IN_TEMPLATES) {
      const doc = new Y.Doc();
      writeBlocks(documentRoots.content(doc), template.blocks);
      const node = yXmlFragmentToProseMirrorRootNode(documentRoots.content(doc), schema);
      expect(() => node.check()).not.toThrow();
      const headings: string[] = [];
      node.descendants((n) => void (n.type.name === 'heading' && headings.push(n.textContent)));
      const expected = template.blocks.flatMap((b) => (b.type === 'heading' ? [b.text] : []));
      expect(headings).toEqual(expected);
    }
    expect(builtInTemplatesFor('methodology')[0]?.blocks).toContainEqual({
      type: 'heading',
      level: 2,
      text: 'Пояснительная записка'
    });
  });

  it('KB15 every type except a folder has a template, and every type, field and direction has a label in both languages', () => {
    for (const type of DOCUMENT_TYPE_IDS) {
      if (type !== 'collection') expect(builtInTemplatesFor(type).length).toBeGreaterThan(0);
      const keys = [`type.${type}`, ...fieldsOf(type).map((f) => `field.${f.id}`)];
      for (const key of keys) {
        expect(ru).toHaveProperty([key]);
        expect(en).toHaveProperty([key]);
      }
    }
    for (const direction of DIRECTIONS) expect(ru).toHaveProperty([`direction.${direction}`]);
  });
});
