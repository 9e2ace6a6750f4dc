import { sections, type BuiltInTemplate } from './builtIn.ts';

export const methodology: BuiltInTemplate = {
  id: 'methodology',
  type: 'methodology',
  title: 'Методическая разработка',
  blocks: sections([
    'Пояснительная записка',
    'Цель и задачи',
    'Возраст участников',
    'Необходимые материалы',
    'Ход занятия',
    'Ожидаемые результаты',
    'Список литературы'
  ])
};
