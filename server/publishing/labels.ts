import type { Direction, DocumentType } from '../../src/lib/model/documentTypes.ts';

/**
 * Russian labels for the public pages, which speak Russian only (their readers are teachers of
 * the network and search engines). The app's catalogues hold the same words for its own screens.
 */
export const TYPE_LABELS: Record<DocumentType, string> = {
  collection: 'Раздел',
  methodology: 'Методическая разработка',
  masterClass: 'Мастер-класс',
  projectPlan: 'План проекта',
  eventReport: 'Отчёт о мероприятии',
  localHistory: 'Краеведческий материал',
  note: 'Заметка'
};

export const DIRECTION_LABELS: Record<Direction, string> = {
  folkCulture: 'Народная культура',
  localHistory: 'Краеведение',
  technical: 'Техническое творчество',
  decorativeArts: 'Декоративно-прикладное искусство',
  theatre: 'Театр',
  music: 'Музыка'
};

/** Field labels in the order a reader looks for them; fields not listed here come after. */
export const FIELD_LABELS: Record<string, string> = {
  direction: 'Направление',
  audienceAge: 'Возраст',
  duration: 'Продолжительность',
  institution: 'Учреждение',
  author: 'Автор',
  date: 'Дата',
  venue: 'Место проведения',
  startDate: 'Начало',
  endDate: 'Окончание',
  partners: 'Партнёры',
  goal: 'Цель',
  goals: 'Цели и задачи',
  materials: 'Материалы и оборудование',
  place: 'Место',
  monument: 'Памятник',
  person: 'Персона'
};

export function directionLabel(value: string): string {
  return Object.hasOwn(DIRECTION_LABELS, value) ? DIRECTION_LABELS[value as Direction] : value;
}
