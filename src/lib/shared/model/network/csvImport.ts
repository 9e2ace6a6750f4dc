import Papa from 'papaparse';
import { translate, type Locale, type MessageKey } from '../../i18n/translate.ts';
import { DIRECTIONS, type Direction } from '../documentTypes.ts';
import { newId } from '../ids.ts';
import {
  INSTITUTION_KINDS,
  normaliseWebsite,
  type InstitutionKind,
  type Institutions,
  type InstitutionValues
} from './institutions.ts';

/**
 * Bounds of one import. A town's network is tens of institutions; a file far beyond these is a
 * mistake (a wrong file), and a preview of it would freeze a tablet.
 */
export const CSV_MAX_BYTES = 512 * 1024;
export const CSV_MAX_ROWS = 2000;

/** A message key with its values; `column` names the CSV column it is about. */
export type CsvProblem = { key: string; values?: Record<string, string | number>; column?: string };
export type CsvRow = { line: number; values: InstitutionValues; problems: CsvProblem[] };
export type CsvPreview = { rows: CsvRow[]; fileProblems: CsvProblem[]; errorCount: number };

type Column = 'name' | 'kind' | 'address' | 'contacts' | 'website' | 'directions' | 'notes';

/** Header names people write, Russian and English, lower case with ё as е. */
const HEADERS: Record<string, Column> = {
  название: 'name',
  наименование: 'name',
  учреждение: 'name',
  name: 'name',
  вид: 'kind',
  тип: 'kind',
  'вид учреждения': 'kind',
  kind: 'kind',
  адрес: 'address',
  address: 'address',
  контакты: 'contacts',
  contacts: 'contacts',
  сайт: 'website',
  website: 'website',
  направления: 'directions',
  направление: 'directions',
  'направления работы': 'directions',
  directions: 'directions',
  заметки: 'notes',
  примечание: 'notes',
  примечания: 'notes',
  notes: 'notes'
};

const fold = (s: string) =>
  s.trim().replace(/\s+/g, ' ').toLocaleLowerCase('ru').replaceAll('ё', 'е');

/** A label in either language (or the id itself) → the value. */
function lookup<T extends string>(ids: readonly T[], prefix: string): Map<string, T> {
  const map = new Map<string, T>();
  for (const id of ids) {
    map.set(fold(id), id);
    for (const locale of ['ru', 'en'] as const) {
      map.set(fold(translate(locale, `${prefix}${id}` as never)), id);
    }
  }
  return map;
}

const KINDS = lookup<InstitutionKind>(INSTITUTION_KINDS, 'institution.kind.');
const DIRECTION_NAMES = lookup<Direction>(DIRECTIONS, 'institution.direction.');

/**
 * Reads a CSV of institutions into a preview: every row with its values and its problems.
 * Nothing is written; `importInstitutions` writes only a preview without a single problem.
 */
export function previewInstitutionsCsv(text: string, institutions: Institutions): CsvPreview {
  const fileProblems: CsvProblem[] = [];
  if (new TextEncoder().encode(text).length > CSV_MAX_BYTES) {
    fileProblems.push({ key: 'partners.csv.tooBig', values: { size: CSV_MAX_BYTES / 1024 } });
    return { rows: [], fileProblems, errorCount: 1 };
  }
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: false });
  const [header = [], ...body] = parsed.data;
  const columns = header.map((h) => HEADERS[fold(h)] ?? null);
  header.forEach((h, i) => {
    if (columns[i] === null && h.trim() !== '') {
      fileProblems.push({ key: 'partners.csv.unknownColumn', values: { column: h.trim() } });
    }
  });
  if (!columns.includes('name')) fileProblems.push({ key: 'partners.csv.noName' });

  const parseErrors = new Map<number, string>();
  for (const error of parsed.errors) {
    if (typeof error.row === 'number') parseErrors.set(error.row, error.message);
  }
  const existing = new Set(institutions.all().map((i) => fold(i.name)));
  const seen = new Set<string>();
  const rows: CsvRow[] = [];
  body.forEach((cells, index) => {
    if (cells.every((c) => c.trim() === '')) return;
    const line = index + 2;
    const row = readRow(cells, columns, header, institutions, line);
    // A separator inside an unquoted value splits it: say so rather than drop the rest.
    if (cells.slice(header.length).some((c) => c.trim() !== '')) {
      row.problems.push({ key: 'partners.csv.extraCells' });
    }
    const parseError = parseErrors.get(index + 1);
    if (parseError)
      row.problems.push({ key: 'partners.csv.parse', values: { detail: parseError } });
    const name = fold(row.values.name);
    if (name && existing.has(name)) {
      row.problems.push({ key: 'partners.csv.duplicate', values: { value: row.values.name } });
    } else if (name && seen.has(name)) {
      row.problems.push({
        key: 'partners.csv.duplicateInFile',
        values: { value: row.values.name }
      });
    }
    seen.add(name);
    rows.push(row);
  });
  if (rows.length === 0 && fileProblems.length === 0)
    fileProblems.push({ key: 'partners.csv.empty' });
  if (rows.length > CSV_MAX_ROWS) {
    fileProblems.push({ key: 'partners.csv.tooManyRows', values: { max: CSV_MAX_ROWS } });
  }
  const errorCount = fileProblems.length + rows.reduce((n, r) => n + r.problems.length, 0);
  return { rows, fileProblems, errorCount };
}

function readRow(
  cells: string[],
  columns: (Column | null)[],
  header: string[],
  institutions: Institutions,
  line: number
): CsvRow {
  const values = institutions.blank();
  const problems: CsvProblem[] = [];
  const headerOf: Partial<Record<Column, string>> = {};
  columns.forEach((column, i) => {
    if (!column) return;
    headerOf[column] = header[i]!.trim();
    const cell = (cells[i] ?? '').trim();
    if (column === 'kind') {
      if (cell === '') return;
      const kind = KINDS.get(fold(cell));
      if (kind) values.kind = kind;
      else
        problems.push({ key: 'partners.csv.kind', values: { value: cell }, column: headerOf.kind });
    } else if (column === 'directions') {
      for (const part of cell
        .split(/[;,]/)
        .map((p) => p.trim())
        .filter(Boolean)) {
        const direction = DIRECTION_NAMES.get(fold(part));
        if (!direction) {
          problems.push({
            key: 'partners.csv.direction',
            values: { value: part },
            column: headerOf.directions
          });
        } else if (!values.directions.includes(direction)) values.directions.push(direction);
      }
    } else if (column === 'website') {
      values.website = normaliseWebsite(cell);
    } else {
      values[column] = cell;
    }
  });
  // The record's own validation, with the column named as the person wrote it.
  const errors = institutions.validate(values);
  for (const [field, key] of Object.entries(errors)) {
    if (field === 'kind' || field === 'directions') continue;
    // In a file, an empty name is a row without one, said as such rather than as a form's request.
    if (key === 'institution.error.nameRequired')
      problems.push({ key: 'partners.csv.noNameInRow' });
    else problems.push({ key, column: headerOf[field as Column] ?? field });
  }
  return { line, values, problems };
}

export type ImportResult = { ok: true; ids: string[] } | { ok: false; preview: CsvPreview };

/**
 * Imports every row or none. The file is read again against the directory as it is now (a
 * colleague may have added one of these institutions meanwhile), and all rows go in one Yjs
 * transaction, so peers never see half an import.
 */
export function importInstitutions(
  institutions: Institutions,
  text: string,
  now = Date.now()
): ImportResult {
  const preview = previewInstitutionsCsv(text, institutions);
  if (preview.errorCount > 0) return { ok: false, preview };
  const ids = preview.rows.map(() => newId());
  institutions.doc.transact(() => {
    preview.rows.forEach((row, i) => institutions.insert(ids[i]!, row.values, now));
  });
  return { ok: true, ids };
}

/**
 * A problem as a person reads it: «Строка 3: нет названия учреждения», «Строка 4, «Сайт»: …»;
 * a problem of the whole file has no line.
 */
export function describeCsvProblem(locale: Locale, problem: CsvProblem, line?: number): string {
  const text = translate(locale, problem.key as MessageKey, problem.values);
  if (line === undefined) return problem.column ? `${problem.column}: ${text}` : text;
  return problem.column
    ? translate(locale, 'partners.csv.rowColumn', { line, column: problem.column, text })
    : translate(locale, 'partners.csv.row', { line, text });
}
