import { sections, type BuiltInTemplate } from './builtIn.ts';

export const projectPlan: BuiltInTemplate = {
  id: 'projectPlan',
  type: 'projectPlan',
  title: 'План проекта',
  blocks: [
    ...sections(['Актуальность', 'Цель проекта', 'Задачи', 'Партнёры и их роль']),
    { type: 'heading', level: 2, text: 'Этапы и сроки' },
    {
      type: 'taskList',
      items: [
        { text: 'Подготовительный этап', checked: false },
        { text: 'Основной этап', checked: false },
        { text: 'Заключительный этап', checked: false }
      ]
    },
    ...sections(['Ответственные', 'Ресурсы', 'Ожидаемые результаты'])
  ]
};
