import * as Y from 'yjs';
import { DIRECTIONS, type DocumentType } from '../../src/lib/shared/model/documentTypes.ts';
import { freshKeys } from '../../src/lib/shared/model/ordering.ts';
import { DocumentField, indexRoots } from '../../src/lib/shared/model/schema.ts';

const TYPES: DocumentType[] = ['methodology', 'masterClass', 'projectPlan', 'eventReport', 'note'];
const TOPICS = [
  'Народная тряпичная кукла',
  'Театр на окошке',
  'Встреча с ветеранами',
  'Выставка в Пушкинской библиотеке',
  'Круглый стол о сетевом взаимодействии',
  'Краеведческий час «Куликово поле»',
  'Отчётный концерт',
  'День партнёрского взаимодействия'
];

/**
 * A workspace index of `documents` entries the way the app writes them: folders of about fifty
 * documents (a tenth of the folders nested one level), types, fields, tags and order keys.
 * Written directly (not through WorkspaceIndex.create, which reads the whole tree per call).
 */
export function generateIndex(
  documents: number,
  perFolder = 50
): {
  doc: Y.Doc;
  collections: string[];
} {
  const doc = new Y.Doc();
  const map = indexRoots.documents(doc);
  const folderCount = Math.ceil(documents / perFolder);
  const collections = Array.from({ length: folderCount }, (_, i) => `folder${i}`);
  const now = Date.now();
  doc.transact(() => {
    const topKeys = freshKeys(folderCount);
    collections.forEach((id, i) => {
      // Every tenth folder sits inside the previous one.
      const parent = i % 10 === 9 ? collections[i - 1]! : null;
      map.set(
        id,
        entry(`Раздел ${i + 1}`, 'collection', parent, topKeys[i]!, now - i * 1000, {}, [])
      );
    });
    for (let f = 0; f < folderCount; f++) {
      const count = Math.min(perFolder, documents - f * perFolder);
      const keys = freshKeys(count);
      for (let i = 0; i < count; i++) {
        const n = f * perFolder + i;
        const type = TYPES[n % TYPES.length]!;
        const fields: Record<string, string> =
          type === 'methodology' || type === 'masterClass'
            ? { direction: DIRECTIONS[n % DIRECTIONS.length]!, author: `Педагог ${n % 40}` }
            : {};
        map.set(
          `doc${n}`,
          entry(
            `${TOPICS[n % TOPICS.length]} — ${n + 1}`,
            type,
            collections[f]!,
            keys[i]!,
            now - n * 1000,
            fields,
            [`метка ${n % 25}`]
          )
        );
      }
    }
  });
  return { doc, collections };
}

function entry(
  title: string,
  type: DocumentType,
  parentId: string | null,
  order: string,
  at: number,
  fields: Record<string, string>,
  tags: string[]
): Y.Map<unknown> {
  const meta = new Y.Map<unknown>();
  meta.set(DocumentField.title, title);
  meta.set(DocumentField.createdAt, at);
  meta.set(DocumentField.updatedAt, at);
  meta.set(DocumentField.deletedAt, null);
  meta.set(DocumentField.type, type);
  meta.set(DocumentField.parentId, parentId);
  meta.set(DocumentField.order, order);
  meta.set(DocumentField.template, false);
  const fieldMap = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(fields)) fieldMap.set(k, v);
  meta.set(DocumentField.fields, fieldMap);
  const tagMap = new Y.Map<unknown>();
  for (const tag of tags) tagMap.set(tag, true);
  meta.set(DocumentField.tags, tagMap);
  meta.set(DocumentField.links, new Y.Map());
  return meta;
}
