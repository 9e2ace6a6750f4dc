import * as Y from 'yjs';
import { documentRoots } from '../../../src/lib/shared/model/schema.ts';

const WORDS =
  'мастер класс игрушка глина роспись народный промысел педагог учащиеся занятие материалы ножницы ткань кукла музей библиотека выставка творческий вечер концерт краеведение'.split(
    ' '
  );

/**
 * A very long methodology of about `bytes` UTF-8 bytes of text: sections with headings,
 * paragraphs with bold and linked runs, lists and a table now and then. Returns its characters.
 */
export function writeLargeDocument(doc: Y.Doc, bytes: number): number {
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const sentence = (n: number) => {
    const words = Array.from({ length: n }, () => WORDS[Math.floor(random() * WORDS.length)]!);
    return `${words.join(' ')}.`;
  };
  const paragraph = (text: string, marked?: string) => {
    const p = new Y.XmlElement('paragraph');
    const t = new Y.XmlText();
    t.insert(0, text);
    if (marked) t.insert(text.length, ` ${marked}`, { bold: {} });
    p.insert(0, [t]);
    return p;
  };
  const blocks: Y.XmlElement[] = [];
  let chars = 0;
  let n = 0;
  // Cyrillic letters are two bytes each in UTF-8.
  while (chars * 2 < bytes) {
    n++;
    if (n % 40 === 1) {
      const h = new Y.XmlElement('heading');
      h.setAttribute('level', 2 as unknown as string);
      h.insert(0, [new Y.XmlText(`Раздел ${n}. ${sentence(3)}`)]);
      blocks.push(h);
    }
    const a = sentence(20);
    const b = sentence(5);
    blocks.push(paragraph(a, b));
    chars += a.length + b.length + 1;
    if (n % 10 === 0) {
      const list = new Y.XmlElement('bulletList');
      list.insert(
        0,
        [1, 2, 3].map(() => {
          const li = new Y.XmlElement('listItem');
          const text = sentence(6);
          chars += text.length;
          li.insert(0, [paragraph(text)]);
          return li;
        })
      );
      blocks.push(list);
    }
  }
  documentRoots.content(doc).insert(0, blocks);
  return chars;
}
