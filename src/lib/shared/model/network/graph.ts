import { activeInYear, type NetworkItem } from './cooperation.ts';
import type { Institution, InstitutionKind } from './institutions.ts';

export type GraphFilter = {
  /** Only institutions of this kind (null: all kinds). */
  kind: InstitutionKind | null;
  /** Only ties in force during this year (null: any time). */
  year: number | null;
};

export type GraphNode = { id: string; name: string; kind: InstitutionKind; degree: number };
/** One tie between two institutions, with everything that makes it (agreements, projects…). */
export type GraphEdge = { id: string; source: string; target: string; items: NetworkItem[] };
export type NetworkGraph = { nodes: GraphNode[]; edges: GraphEdge[] };

/**
 * The picture of the network: institutions as nodes, and an edge between two of them for each
 * pair that shares an agreement, a project or an event. Archived institutions appear only when
 * something still ties them to the others.
 */
export function networkGraph(
  institutions: Institution[],
  items: NetworkItem[],
  filter: GraphFilter
): NetworkGraph {
  const shown = new Map(
    institutions.filter((i) => !filter.kind || i.kind === filter.kind).map((i) => [i.id, i])
  );
  const edges = new Map<string, GraphEdge>();
  for (const item of items) {
    if (filter.year !== null && !activeInYear(item, filter.year)) continue;
    const ids = [...new Set(item.institutionIds)].filter((id) => shown.has(id)).sort();
    for (let a = 0; a < ids.length; a++) {
      for (let b = a + 1; b < ids.length; b++) {
        const id = `${ids[a]}|${ids[b]}`;
        const edge = edges.get(id) ?? { id, source: ids[a]!, target: ids[b]!, items: [] };
        edge.items.push(item);
        edges.set(id, edge);
      }
    }
  }
  const degree = new Map<string, number>();
  for (const edge of edges.values()) {
    degree.set(edge.source, (degree.get(edge.source) ?? 0) + 1);
    degree.set(edge.target, (degree.get(edge.target) ?? 0) + 1);
  }
  const nodes = [...shown.values()]
    .filter((i) => !i.archived || degree.has(i.id))
    .map((i) => ({ id: i.id, name: i.name, kind: i.kind, degree: degree.get(i.id) ?? 0 }));
  return { nodes, edges: [...edges.values()] };
}

/** The years anything in the network was in force, newest first, for the year filter. */
export function yearsOf(items: NetworkItem[], thisYear: number): number[] {
  const years = new Set<number>([thisYear]);
  for (const item of items) {
    const from = Number((item.start || item.end).slice(0, 4));
    const to = Number((item.end || item.start).slice(0, 4));
    if (!from || !to) continue;
    // Open-ended ties count until this year; a bound keeps a typo (year 9999) harmless.
    for (let y = Math.max(from, thisYear - 30); y <= Math.min(to, thisYear + 5); y++) years.add(y);
  }
  return [...years].sort((a, b) => b - a);
}
