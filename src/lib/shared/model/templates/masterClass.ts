import { sections, type BuiltInTemplate } from './builtIn.ts';

export const masterClass: BuiltInTemplate = {
  id: 'masterClass',
  type: 'masterClass',
  title: 'Мастер-класс',
  blocks: sections([
    'Тема мастер-класса',
    'Цель и задачи',
    'Участники и их возраст',
    'Оборудование и материалы',
    'Ход мастер-класса',
    'Практическая часть',
    'Рефлексия и подведение итогов',
    'Список литературы'
  ])
};
