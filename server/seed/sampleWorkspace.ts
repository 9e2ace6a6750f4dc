import * as Y from 'yjs';
// The Yjs schema is shared with the app: one declaration of every root key and field.
import {
  DocumentField,
  documentRoots,
  INDEX_DOC_ID,
  indexRoots
} from '../../src/lib/model/schema.ts';
import type { RoomStorage } from '../storage/RoomStorage.ts';
import { writeBlocks, type Block } from '../../src/lib/model/richText.ts';

type SampleDocument = { id: string; title: string; blocks: Block[] };

/** Sample material drawn from the text the network was founded on. */
const SAMPLES: SampleDocument[] = [
  {
    id: 'sample-network',
    title: 'Сетевое взаимодействие учреждений: две ступени',
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
    documents.set(sample.id, meta);
  });
  entries.push({
    room: `${workspaceId}/${INDEX_DOC_ID}`,
    update: Y.encodeStateAsUpdate(index)
  });
  await storage.append(entries);
  return true;
}

export const SAMPLE_DOCUMENT_IDS = SAMPLES.map((s) => s.id);
