import Papa from 'papaparse';
import { ru } from '../../i18n/ru.ts';
import { translate, type Locale, type MessageKey } from '../../i18n/translate.ts';
import type { AnnualReport } from './report.ts';

/** Kinds with a heading of their own in the catalogue; a kind added later reads as "other". */
const SECTION_KEYS: Record<string, MessageKey> = {
  agreement: 'report.kind.agreement',
  project: 'report.kind.project',
  event: 'report.kind.event'
};

export function sectionLabel(locale: Locale, kind: string): string {
  return translate(locale, SECTION_KEYS[kind] ?? 'report.kind.other');
}

/** «мастер-класс» for an event of that kind; the raw value when no label exists for it. */
export function categoryLabel(locale: Locale, kind: string, category: string): string {
  const key = `${kind}.kind.${category}`;
  return Object.hasOwn(ru, key) ? translate(locale, key as MessageKey) : category;
}

/**
 * The report as a CSV that Excel opens with Cyrillic intact: UTF-8 with a byte order mark,
 * semicolons (the list separator of a Russian Excel) and CRLF line ends.
 */
export function reportCsv(
  report: AnnualReport,
  locale: Locale,
  names: (id: string) => string,
  formatDates: (start: string, end: string) => string
): string {
  const tr = (key: MessageKey) => translate(locale, key);
  const rows: string[][] = [
    [
      tr('report.col.section'),
      tr('report.col.title'),
      tr('report.col.kind'),
      tr('report.col.dates'),
      tr('report.col.partners')
    ]
  ];
  for (const partner of report.partners) {
    rows.push([
      tr('report.partners'),
      partner.name,
      translate(locale, `institution.kind.${partner.kind}`),
      '',
      ''
    ]);
  }
  for (const section of report.sections) {
    for (const item of section.items) {
      rows.push([
        sectionLabel(locale, section.kind),
        item.title,
        item.category ? categoryLabel(locale, section.kind, item.category) : '',
        formatDates(item.start, item.end),
        item.partnerIds.map(names).join('; ')
      ]);
    }
  }
  // Cells starting with = + - @ would run as formulas in Excel: quote them as text.
  const safe = rows.map((row) =>
    row.map((cell) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell))
  );
  return '\uFEFF' + Papa.unparse(safe, { delimiter: ';', newline: '\r\n', quotes: false });
}
