import { sections, type BuiltInTemplate } from './builtIn.ts';

export const localHistory: BuiltInTemplate = {
  id: 'localHistory',
  type: 'localHistory',
  title: 'Краеведческая справка',
  blocks: sections([
    'Объект (место, памятник, личность)',
    'Историческая справка',
    'Современное состояние',
    'Как использовать в работе с детьми',
    'Источники'
  ])
};
