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

export const en: Record<keyof typeof ru, string> = {
  'table.insert': 'Table',
  'table.insertHint': 'Insert a 3 × 3 table with a header row',
  'table.tools': 'Table',
  'table.rowAbove': 'Row above',
  'table.rowBelow': 'Row below',
  'table.columnBefore': 'Column left',
  'table.columnAfter': 'Column right',
  'table.deleteRow': 'Delete row',
  'table.deleteColumn': 'Delete column',
  'table.headerRow': 'Header row',
  'table.delete': 'Delete table'
};
