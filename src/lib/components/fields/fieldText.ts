import { DIRECTIONS, type FieldDefinition } from '$lib/shared/model/documentTypes.ts';
import type { Locale } from '$lib/shared/i18n/translate.ts';
import { isIsoDate } from '$lib/shared/model/fieldValues.ts';
import { t } from '$lib/state/locale.svelte.ts';

/** A field's value as a reader sees it: directions by name, dates in words («15 марта 2024 г.»). */
export function fieldText(field: FieldDefinition, value: string, locale: Locale): string {
  const direction = DIRECTIONS.find((d) => d === value);
  if (field.kind === 'direction' && direction) return t(`direction.${direction}`);
  if (field.kind === 'date' && isIsoDate(value)) {
    return new Intl.DateTimeFormat(locale, {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC'
    }).format(new Date(`${value}T00:00:00Z`));
  }
  return value;
}

/** A field's label; field ids come from the type table, each has a `field.<id>` message. */
export function fieldLabel(fieldId: string): string {
  return t(`field.${fieldId}` as `field.${'author'}`);
}
