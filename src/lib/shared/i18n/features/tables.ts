/** Tables in the editor: inserting one and changing its rows, columns and header row. */
export const ru = {
  'table.insert': 'Таблица',
  'table.insertHint': 'Вставить таблицу 3 × 3 со строкой заголовка',
  'table.tools': 'Таблица',
  'table.rowAbove': 'Строка выше',
  'table.rowBelow': 'Строка ниже',
  'table.columnBefore': 'Столбец слева',
  'table.columnAfter': 'Столбец справа',
  'table.deleteRow': 'Удалить строку',
  'table.deleteColumn': 'Удалить столбец',
  'table.headerRow': 'Строка заголовка',
  'table.delete': 'Удалить таблицу'
} as const;
