/** What the chaos run found, and whether it passed: nothing acknowledged may be lost or doubled. */
import type { Rebuilt } from './rebuild.ts';

export type Scorecard = {
  kills: number;
  redisRestarts: number;
  acknowledged: number;
  lost: number;
  lostExamples: string[];
  duplicated: number;
  /** For a room that did not converge: edits PostgreSQL has and a client lacks, and the reverse. */
  divergence: { room: string; onlyStored: string[]; onlyClient: string[] }[];
  documents: number;
  converged: number;
  unacknowledged: number;
  sequenceHoles: number;
  closeCodes: Record<string, number>;
  passed: boolean;
};

export function scorecard(run: {
  acknowledged: Map<string, string>;
  rebuilt: Rebuilt;
  clientTexts: Map<string, string[]>;
  unacknowledged: number;
  kills: number;
  redisRestarted: boolean;
  closeCodes: Map<number, number>;
}): Scorecard {
  const counts = new Map<string, number>();
  for (const text of run.rebuilt.texts.values()) {
    for (const id of text.split(';')) if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const lost = [...run.acknowledged.keys()].filter((id) => !counts.has(id));
  const duplicated = [...counts.values()].filter((n) => n > 1).length;
  // A room converged when every client that stayed in it ends with exactly what PostgreSQL holds.
  let converged = 0;
  const divergence: Scorecard['divergence'] = [];
  const ids = (text: string) => new Set(text.split(';').filter(Boolean));
  for (const [room, texts] of run.clientTexts) {
    const stored = run.rebuilt.texts.get(room) ?? '';
    const differing = texts.find((text) => text !== stored);
    if (differing === undefined) {
      converged++;
      continue;
    }
    const inStore = ids(stored);
    const inClient = ids(differing);
    divergence.push({
      room,
      onlyStored: [...inStore].filter((id) => !inClient.has(id)).slice(0, 10),
      onlyClient: [...inClient].filter((id) => !inStore.has(id)).slice(0, 10)
    });
  }
  const documents = run.clientTexts.size;
  return {
    kills: run.kills,
    redisRestarts: run.redisRestarted ? 1 : 0,
    acknowledged: run.acknowledged.size,
    lost: lost.length,
    lostExamples: lost.slice(0, 10),
    duplicated,
    divergence,
    documents,
    converged,
    unacknowledged: run.unacknowledged,
    sequenceHoles: run.rebuilt.sequenceHoles,
    closeCodes: Object.fromEntries(run.closeCodes),
    passed:
      lost.length === 0 &&
      duplicated === 0 &&
      converged === documents &&
      run.rebuilt.sequenceHoles === 0 &&
      run.acknowledged.size > 0
  };
}
