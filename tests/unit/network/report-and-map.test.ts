import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  Agreements,
  annualReport,
  Institutions,
  networkGraph,
  networkItems,
  registeredKinds,
  yearsOf,
  type AgreementValues,
  type InstitutionKind,
  type NetworkItem
} from '../../../src/lib/shared/model/network/index.ts';
import { reportCsv } from '../../../src/lib/shared/model/network/reportCsv.ts';
import { institution } from './fixtures.ts';

function network() {
  const doc = new Y.Doc();
  const institutions = new Institutions(doc);
  const agreements = new Agreements(doc);
  const add = (name: string, kind: InstitutionKind) => {
    const r = institutions.create(institution({ name, kind }));
    if (!r.ok) throw new Error('not created');
    return r.id;
  };
  const yunost = add('МБУДО «Юность»', 'supplementaryEducation');
  const library = add('Библиотека им. Лиханова', 'library');
  const museum = add('Музей народной культуры', 'museum');
  const sokol = add('Центр народного творчества «Сокол»', 'folkCultureCentre');
  const agree = (patch: Partial<AgreementValues>) => {
    const r = agreements.create({
      ...agreements.blank(),
      subject: 'Сотрудничество',
      status: 'active',
      ...patch
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    return r.id;
  };
  agree({
    partyIds: [yunost, library],
    subject: 'Творческие вечера',
    signedAt: '2024-09-01',
    expiresAt: '2025-08-31'
  });
  agree({ partyIds: [yunost, museum], subject: 'Выставки', signedAt: '2025-03-01', expiresAt: '' });
  agree({
    partyIds: [yunost, library, sokol],
    subject: 'Отчётные концерты',
    signedAt: '2026-01-15',
    expiresAt: '2026-12-31'
  });
  return { doc, institutions, ids: { yunost, library, museum, sokol } };
}

describe('network map and annual report', () => {
  it('NW11 the map has a node per institution and an edge per pair sharing an agreement', () => {
    const { doc, institutions, ids } = network();
    const all = institutions.all();
    const items = networkItems(doc);
    const graph = networkGraph(all, items, { kind: null, year: null });
    expect(graph.nodes).toHaveLength(4);
    const pairs = graph.edges.map((e) => [e.source, e.target].sort().join('|')).sort();
    const pair = (a: string, b: string) => [a, b].sort().join('|');
    expect(pairs).toEqual(
      [
        pair(ids.yunost, ids.library),
        pair(ids.yunost, ids.museum),
        pair(ids.yunost, ids.sokol),
        pair(ids.library, ids.sokol)
      ].sort()
    );
    const both = graph.edges.find((e) => e.id === pair(ids.yunost, ids.library))!;
    expect(both.items).toHaveLength(2);
    expect(graph.nodes.find((n) => n.id === ids.yunost)!.degree).toBe(3);

    // 2024: only the first agreement was in force.
    const in2024 = networkGraph(all, items, { kind: null, year: 2024 });
    expect(in2024.edges.map((e) => e.id)).toEqual([pair(ids.yunost, ids.library)]);
    // Libraries only: no pair left.
    const libraries = networkGraph(all, items, { kind: 'library', year: null });
    expect(libraries.nodes.map((n) => n.id)).toEqual([ids.library]);
    expect(libraries.edges).toEqual([]);
    expect(yearsOf(items, 2026)).toEqual([2026, 2025, 2024]);
  });

  it('NW11 archived institutions stay on the map only while something ties them', () => {
    const { doc, institutions } = network();
    const lonely = institutions.create(institution({ name: 'Школа № 5', kind: 'school' }));
    if (!lonely.ok) throw new Error('not created');
    institutions.archive(lonely.id);
    const graph = networkGraph(institutions.all(), networkItems(doc), { kind: null, year: null });
    expect(graph.nodes.map((n) => n.id)).not.toContain(lonely.id);
    expect(graph.nodes).toHaveLength(4);
  });

  it('NW12 the annual report counts partners and agreements of one institution in one year', () => {
    const { doc, institutions, ids } = network();
    const all = institutions.all();
    const items = networkItems(doc);
    const report2025 = annualReport(all, items, registeredKinds(), ids.yunost, 2025);
    expect(
      report2025.sections.find((s) => s.kind === 'agreement')!.items.map((i) => i.title)
    ).toEqual(['Творческие вечера', 'Выставки']);
    expect(report2025.partners.map((p) => p.name)).toEqual([
      'Библиотека им. Лиханова',
      'Музей народной культуры'
    ]);
    const report2026 = annualReport(all, items, registeredKinds(), ids.yunost, 2026);
    expect(report2026.sections.find((s) => s.kind === 'agreement')!.items).toHaveLength(2);
    expect(report2026.partners.map((p) => [p.name, p.ties])).toEqual([
      ['Библиотека им. Лиханова', 1],
      ['Музей народной культуры', 1],
      ['Центр народного творчества «Сокол»', 1]
    ]);
    const museum2024 = annualReport(all, items, registeredKinds(), ids.museum, 2024);
    expect(museum2024.partners).toEqual([]);
    expect(museum2024.sections.every((s) => s.items.length === 0)).toBe(true);
  });

  it('NW17 the report counts events by their kind and names the kind in the CSV', () => {
    const { institutions, ids } = network();
    const event = (id: string, category: string): NetworkItem => ({
      kind: 'event',
      id,
      title: `Событие ${id}`,
      institutionIds: [ids.museum, ids.sokol],
      start: '2026-04-10',
      end: '2026-04-10',
      href: `/calendar/event?id=${id}`,
      category
    });
    const report = annualReport(
      institutions.all(),
      [event('e1', 'masterClass'), event('e2', 'exhibition'), event('e3', 'masterClass')],
      ['agreement', 'event'],
      ids.sokol,
      2026
    );
    expect(report.sections.find((s) => s.kind === 'event')!.categories).toEqual([
      { category: 'masterClass', count: 2 },
      { category: 'exhibition', count: 1 }
    ]);
    expect(report.sections.find((s) => s.kind === 'agreement')!.categories).toEqual([]);
    const csv = reportCsv(
      report,
      'ru',
      () => 'x',
      () => '10.04.2026'
    );
    expect(csv).toContain('Событие e1;мастер-класс;');
    expect(csv).toContain('Событие e2;выставка;');
  });

  it('NW12 a kind registered by another part (events) is counted in the report too', () => {
    const { institutions, ids } = network();
    const event: NetworkItem = {
      kind: 'event',
      id: 'e1',
      title: 'День партнёрского взаимодействия',
      institutionIds: [ids.museum, ids.sokol],
      start: '2026-04-10',
      end: '2026-04-10',
      href: '/events/item?id=e1'
    };
    const report = annualReport(
      institutions.all(),
      [event],
      ['agreement', 'event'],
      ids.sokol,
      2026
    );
    expect(report.sections).toEqual([
      { kind: 'agreement', items: [], categories: [] },
      { kind: 'event', items: [{ ...event, partnerIds: [ids.museum] }], categories: [] }
    ]);
    expect(report.partners.map((p) => p.name)).toEqual(['Музей народной культуры']);
  });

  it('NW13 the report CSV is UTF-8 with a BOM, semicolon separated, formulas defused', () => {
    const { doc, institutions, ids } = network();
    const all = institutions.all();
    const report = annualReport(all, networkItems(doc), registeredKinds(), ids.yunost, 2026);
    report.sections[0]!.items.find((i) => i.title === 'Отчётные концерты')!.title =
      '=HYPERLINK("http://evil")';
    const csv = reportCsv(
      report,
      'ru',
      (id) => all.find((i) => i.id === id)!.name,
      (s, e) => `${s}–${e}`
    );
    expect(csv.startsWith('\uFEFFРаздел;Название;Вид;Сроки;Партнёры\r\n')).toBe(true);
    const rows = Papa.parse<string[]>(csv.slice(1), { delimiter: ';' }).data;
    expect(rows.filter((r) => r[0] === 'Партнёры').map((r) => r[1])).toHaveLength(3);
    const agreements = rows.filter((r) => r[0] === 'Договоры');
    expect(agreements).toHaveLength(2);
    expect(agreements.map((r) => r[1])).toContain(`'=HYPERLINK("http://evil")`);
    expect(agreements.find((r) => r[1] === 'Выставки')![4]).toBe('Музей народной культуры');
  });
});
