import { ApiError } from '$lib/api/client.ts';
import { t } from '$lib/state/locale.svelte.ts';
import { errorText } from '../errorText.ts';

/** The app's words for an error, with publishing's own refusals named. */
export function publishingErrorText(err: unknown): string {
  if (err instanceof ApiError && err.code === 'slug_taken') return t('publishing.error.slug_taken');
  if (err instanceof ApiError && err.code === 'in_bin') return t('publishing.error.in_bin');
  return errorText(err);
}
