import { sections, type BuiltInTemplate } from './builtIn.ts';

export const eventReport: BuiltInTemplate = {
  id: 'eventReport',
  type: 'eventReport',
  title: 'Отчёт о мероприятии',
  blocks: sections([
    'Название и форма мероприятия',
    'Организаторы и партнёры',
    'Участники (количество, возраст)',
    'Ход мероприятия',
    'Итоги и отзывы участников',
    'Фотографии и материалы'
  ])
};
