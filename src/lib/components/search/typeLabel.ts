import { ru } from '$lib/shared/i18n/ru.ts';
import type { MessageKey } from '$lib/shared/i18n/translate.ts';

/**
 * The message key naming a document type: the shared `type.<id>` when the catalogue has it, else
 * search's own wording, so the search page reads well whichever lands first.
 */
export function typeLabelKey(id: string): MessageKey {
  for (const key of [`type.${id}`, `search.type.${id}`]) {
    if (Object.hasOwn(ru, key)) return key as MessageKey;
  }
  return 'search.type.note';
}
