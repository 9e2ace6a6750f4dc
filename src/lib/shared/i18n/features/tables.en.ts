import type { ru } from './tables.ts';

/** English of `tables.ts`: a separate module, so it loads only for English readers. */
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
