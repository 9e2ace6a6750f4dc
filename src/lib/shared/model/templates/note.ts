import { sections, type BuiltInTemplate } from './builtIn.ts';

export const meetingMinutes: BuiltInTemplate = {
  id: 'minutes',
  type: 'note',
  title: 'Протокол встречи',
  blocks: [
    ...sections(['Дата и место', 'Присутствовали', 'Повестка', 'Слушали', 'Решили']),
    { type: 'heading', level: 2, text: 'Поручения' },
    { type: 'taskList', items: [{ text: '', checked: false }] }
  ]
};
