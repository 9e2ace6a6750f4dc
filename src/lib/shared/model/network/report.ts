import { activeInYear, type NetworkItem } from './cooperation.ts';
import type { Institution } from './institutions.ts';

export type ReportItem = NetworkItem & { partnerIds: string[] };
/** `categories`: how many items of each finer kind (events by their kind), most first. */
export type ReportSection = {
  kind: string;
  items: ReportItem[];
  categories: { category: string; count: number }[];
};
export type ReportPartner = { id: string; name: string; kind: Institution['kind']; ties: number };

export type AnnualReport = {
  institutionId: string;
  year: number;
  /** One section per registered kind (agreements, projects, events…), in registration order. */
  sections: ReportSection[];
  /** Institutions it cooperated with that year, by name; `ties` counts the shared items. */
  partners: ReportPartner[];
};

/**
 * What an institution did with the network in a year: every agreement, project or event in force
 * during that year that names it, and the institutions it shared them with.
 */
export function annualReport(
  institutions: Institution[],
  items: NetworkItem[],
  kinds: string[],
  institutionId: string,
  year: number,
  compare: (a: string, b: string) => number = (a, b) => a.localeCompare(b, 'ru')
): AnnualReport {
  const byId = new Map(institutions.map((i) => [i.id, i]));
  const mine = items
    .filter((item) => item.institutionIds.includes(institutionId) && activeInYear(item, year))
    .map((item) => ({
      ...item,
      partnerIds: [...new Set(item.institutionIds)].filter((id) => id !== institutionId)
    }))
    .sort(
      (a, b) => (a.start || a.end).localeCompare(b.start || b.end) || compare(a.title, b.title)
    );
  const sections = kinds.map((kind) => {
    const items = mine.filter((i) => i.kind === kind);
    const counts = new Map<string, number>();
    for (const item of items)
      if (item.category) counts.set(item.category, (counts.get(item.category) ?? 0) + 1);
    const categories = [...counts]
      .map(([category, count]) => ({ category, count }))
      .sort((a, b) => b.count - a.count || compare(a.category, b.category));
    return { kind, items, categories };
  });
  const ties = new Map<string, number>();
  for (const item of mine) {
    for (const id of item.partnerIds) ties.set(id, (ties.get(id) ?? 0) + 1);
  }
  const partners = [...ties]
    .map(([id, count]) => {
      const institution = byId.get(id);
      return institution
        ? { id, name: institution.name, kind: institution.kind, ties: count }
        : null;
    })
    .filter((p): p is ReportPartner => p !== null)
    .sort((a, b) => compare(a.name, b.name));
  return { institutionId, year, sections, partners };
}
