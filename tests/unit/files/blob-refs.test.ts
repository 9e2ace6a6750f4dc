import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { blobHashesIn } from '../../../src/lib/shared/model/blobRefs.ts';

const hash = (c: string) => c.repeat(64);

function element(name: string, attrs: Record<string, string>, children: Y.XmlElement[] = []) {
  const el = new Y.XmlElement(name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.insert(0, children);
  return el;
}

describe('files named by a document', () => {
  it('FL17 images and attachments anywhere in the text are found once each; anything else is not a file', () => {
    const doc = new Y.Doc();
    const content = doc.getXmlFragment('content');
    content.insert(0, [
      element('image', { hash: hash('a') }),
      element('blockquote', {}, [element('attachment', { hash: hash('b'), name: 'план.pdf' })]),
      element('image', { hash: hash('a') }),
      element('image', { hash: 'https://example.org/x.png' }),
      element('paragraph', { hash: hash('c') }),
      element('attachment', { hash: hash('D') })
    ]);
    expect(blobHashesIn(content).sort()).toEqual([hash('a'), hash('b')]);
  });
});
