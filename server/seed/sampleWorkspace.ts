import * as Y from 'yjs';
// The Yjs schema is shared with the app: one declaration of every root key and field.
import {
  DocumentField,
  documentRoots,
  INDEX_DOC_ID,
  indexRoots
} from '../../src/lib/shared/model/schema.ts';
import type { DocumentType } from '../../src/lib/shared/model/documentTypes.ts';
import { freshKeys } from '../../src/lib/shared/model/ordering.ts';
import { writeBlocks, type Block } from '../../src/lib/shared/model/richText.ts';
import type { RoomStorage } from '../storage/RoomStorage.ts';
import { writeSampleNetwork } from './sampleNetwork.ts';

type SampleDocument = {
  id: string;
  title: string;
  type: DocumentType;
  parentId?: string;
  fields?: Record<string, string>;
  tags?: string[];
  blocks: Block[];
};

/** Sample material drawn from the text the network was founded on, in two folders. */
const SAMPLES: SampleDocument[] = [
  {
    id: 'sample-methods',
    title: 'Методические материалы',
    type: 'collection',
    blocks: [
      {
        type: 'paragraph',
        runs: [
          'Мастер-классы и методические разработки педагогов, которые можно провести на базе библиотек и музеев.'
        ]
      }
    ]
  },
  {
    id: 'sample-projects',
    title: 'Совместные проекты и мероприятия',
    type: 'collection',
    blocks: [
      {
        type: 'paragraph',
        runs: [
          'Планы совместных проектов с учреждениями культуры и отчёты о проведённых мероприятиях.'
        ]
      }
    ]
  },
  {
    id: 'sample-network',
    title: 'Сетевое взаимодействие учреждений: две ступени',
    type: 'note',
    tags: ['сетевое взаимодействие'],
    blocks: [
      { type: 'heading', level: 2, text: 'Первая ступень' },
      {
        type: 'paragraph',
        runs: [
          'Семинары, мастер-классы, круглые столы, дискуссии и встречи, ',
          { text: 'дни партнёрского взаимодействия', bold: true },
          '. Партнёрские связи учреждений культуры и дополнительного образования города помогают решать задачи образования и воспитания.'
        ]
      },
      { type: 'heading', level: 2, text: 'Вторая ступень' },
      {
        type: 'paragraph',
        runs: [
          'Распространение передового опыта на основе интернет-технологий: инновационный опыт организаций дополнительного образования доступен широкому кругу педагогов.'
        ]
      },
      { type: 'heading', level: 2, text: 'Основные задачи' },
      {
        type: 'bulletList',
        items: [
          'изучение, возрождение и развитие народной традиционной культуры Белгородчины;',
          'изучение и внедрение в практику новых форм культурно-досуговой деятельности;',
          'изучение краеведения, сохранение историко-культурных и природных памятников.'
        ]
      },
      {
        type: 'blockquote',
        text: 'Сетевое взаимодействие по сути своей является педагогическим и открывает возможности расширения воспитательного пространства.'
      }
    ]
  },
  {
    id: 'sample-theatre-plan',
    title: 'План проекта «Театр на окошке»',
    type: 'projectPlan',
    parentId: 'sample-projects',
    fields: {
      partners: 'МБУДО «Юность», библиотека им. Лиханова',
      goal: 'Творческие вечера для учащихся и родителей на базе библиотеки'
    },
    tags: ['театр', 'творческий вечер'],
    blocks: [
      {
        type: 'paragraph',
        runs: [{ text: 'Партнёры: ', bold: true }, 'МБУДО «Юность», библиотека им. Лиханова.']
      },
      { type: 'paragraph', runs: [{ text: 'Педагог: ', bold: true }, 'Лобанова Л. Е.'] },
      { type: 'heading', level: 2, text: 'Цель' },
      {
        type: 'paragraph',
        runs: [
          'Творческие вечера для учащихся и родителей на базе библиотеки: театр как встреча с книгой.'
        ]
      },
      { type: 'heading', level: 2, text: 'Задачи' },
      {
        type: 'taskList',
        items: [
          { text: 'Согласовать расписание творческих вечеров с библиотекой', checked: true },
          { text: 'Подготовить сценарий первого вечера', checked: false },
          { text: 'Пригласить родителей и ветеранов', checked: false }
        ]
      }
    ]
  },
  {
    id: 'sample-masterclass',
    title: 'Мастер-класс в научной библиотеке: декоративно-прикладное творчество',
    type: 'masterClass',
    parentId: 'sample-methods',
    fields: {
      direction: 'decorativeArts',
      venue: 'Белгородская государственная универсальная научная библиотека',
      author: 'Юрченко О. Ф.',
      institution: 'МБУДО «Юность»',
      materials: 'Ткань, нитки, ножницы, образцы народной куклы'
    },
    tags: ['народная кукла', 'мастер-класс'],
    blocks: [
      {
        type: 'paragraph',
        runs: [
          'Место проведения: Белгородская государственная универсальная научная библиотека. Педагог: Юрченко О. Ф.'
        ]
      },
      { type: 'heading', level: 2, text: 'Ход занятия' },
      {
        type: 'bulletList',
        items: [
          'Знакомство с выставкой работ учащихся.',
          'Показ приёмов работы, практическая часть.',
          'Обсуждение и презентация готовых работ.'
        ]
      },
      { type: 'heading', level: 2, text: 'Материалы' },
      { type: 'paragraph', runs: ['Ткань, нитки, ножницы, образцы народной куклы.'] }
    ]
  },
  {
    id: 'sample-agreements',
    title: 'Договоры о сотрудничестве МБУДО «Юность»',
    type: 'note',
    tags: ['договоры'],
    blocks: [
      {
        type: 'bulletList',
        items: [
          'Музей народной культуры',
          'Институт культуры (практика студентов, поступление выпускников)',
          'Библиотека им. Лиханова: творческие вечера',
          'Белгородская государственная универсальная научная библиотека: выставки, мастер-классы',
          'Городской центр народного творчества «Сокол»: встречи с ветеранами, отчётные концерты'
        ]
      }
    ]
  },
  {
    id: 'sample-exhibition',
    title: 'Отчёт о персональной выставке в Пушкинской библиотеке',
    type: 'eventReport',
    parentId: 'sample-projects',
    fields: {
      venue: 'Пушкинская библиотека',
      institution: 'Станция юных техников',
      author: 'Массольд Е. Д.'
    },
    tags: ['выставка', 'техническое творчество'],
    blocks: [
      { type: 'heading', level: 2, text: 'Ход мероприятия' },
      {
        type: 'paragraph',
        runs: [
          'Педагоги Станции юных техников представили персональную выставку работ учащихся и провели мастер-класс для учащихся школ и профессиональных колледжей.'
        ]
      },
      { type: 'heading', level: 2, text: 'Итоги' },
      {
        type: 'paragraph',
        runs: [
          'Выставку посетили читатели библиотеки и родители; договорились о следующей выставке в Деловой библиотеке.'
        ]
      }
    ]
  }
];

/**
 * Writes the sample documents into a workspace, once: only when nothing at all is stored for it
 * yet, so a person's own data is never touched.
 */
export async function seedSampleWorkspace(
  storage: RoomStorage,
  workspaceId: string,
  now = Date.now()
): Promise<boolean> {
  if ((await storage.listRooms(`${workspaceId}/`)).length > 0) return false;
  const index = new Y.Doc();
  const documents = indexRoots.documents(index);
  const entries: { room: string; update: Uint8Array }[] = [];
  // Order keys per folder, in the order the samples are listed.
  const keys = new Map<string | null, string[]>();
  for (const sample of SAMPLES) {
    const parent = sample.parentId ?? null;
    keys.set(parent, [...(keys.get(parent) ?? []), sample.id]);
  }
  const orderOf = new Map<string, string>();
  for (const ids of keys.values()) {
    const fresh = freshKeys(ids.length);
    ids.forEach((id, i) => orderOf.set(id, fresh[i]!));
  }
  SAMPLES.forEach((sample, i) => {
    const doc = new Y.Doc();
    writeBlocks(documentRoots.content(doc), sample.blocks);
    entries.push({
      room: `${workspaceId}/${sample.id}`,
      update: Y.encodeStateAsUpdate(doc)
    });
    const meta = new Y.Map<unknown>();
    // Listed newest first in the order above.
    const at = now - i * 60_000;
    meta.set(DocumentField.title, sample.title);
    meta.set(DocumentField.createdAt, at);
    meta.set(DocumentField.updatedAt, at);
    meta.set(DocumentField.deletedAt, null);
    meta.set(DocumentField.type, sample.type);
    meta.set(DocumentField.parentId, sample.parentId ?? null);
    meta.set(DocumentField.order, orderOf.get(sample.id)!);
    meta.set(DocumentField.template, false);
    meta.set(DocumentField.fields, yMap(Object.entries(sample.fields ?? {})));
    meta.set(DocumentField.tags, yMap((sample.tags ?? []).map((tag) => [tag, true])));
    meta.set(DocumentField.links, new Y.Map());
    documents.set(sample.id, meta);
  });
  writeSampleNetwork(index, now);
  entries.push({
    room: `${workspaceId}/${INDEX_DOC_ID}`,
    update: Y.encodeStateAsUpdate(index)
  });
  await storage.append(entries);
  return true;
}

function yMap(pairs: [string, unknown][]): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [key, value] of pairs) map.set(key, value);
  return map;
}

export const SAMPLE_DOCUMENT_IDS = SAMPLES.map((s) => s.id);
