import type { DocumentType } from '../documentTypes.ts';
import type { BuiltInTemplate } from './builtIn.ts';
import { eventReport } from './eventReport.ts';
import { localHistory } from './localHistory.ts';
import { masterClass } from './masterClass.ts';
import { methodology } from './methodology.ts';
import { meetingMinutes } from './note.ts';
import { projectPlan } from './projectPlan.ts';

export type { BuiltInTemplate } from './builtIn.ts';

/** Every built-in template; the picker offers those of the chosen type. */
export const BUILT_IN_TEMPLATES: readonly BuiltInTemplate[] = [
  methodology,
  masterClass,
  projectPlan,
  eventReport,
  localHistory,
  meetingMinutes
];

export function builtInTemplatesFor(type: DocumentType): BuiltInTemplate[] {
  return BUILT_IN_TEMPLATES.filter((t) => t.type === type);
}

export function builtInTemplate(id: string): BuiltInTemplate | null {
  return BUILT_IN_TEMPLATES.find((t) => t.id === id) ?? null;
}
