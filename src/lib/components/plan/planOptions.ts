import type { Institution } from '$lib/shared/model/network/index.ts';
import { t } from '$lib/state/locale.svelte.ts';
import type { ChecklistOption } from '../form/checklistOption.ts';

/** Institutions as choices of a drop-down or checklist, by name. */
export function institutionOptions(
  institutions: Pick<Institution, 'id' | 'name'>[]
): ChecklistOption[] {
  return institutions.map((i) => ({ value: i.id, label: i.name }));
}

/** Documents as choices, by title; an untitled one is called so. */
export function documentOptions(documents: { id: string; title: string }[]): ChecklistOption[] {
  return documents.map((d) => ({ value: d.id, label: d.title || t('docs.untitled') }));
}
