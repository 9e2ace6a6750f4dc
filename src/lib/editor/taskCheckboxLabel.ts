import { translate, type Locale } from '../shared/i18n/translate.ts';

/**
 * What a screen reader says for a task's checkbox, in the interface's language (the page's
 * `lang`, which follows it): Tiptap's own label is English («Task item checkbox for …»).
 */
export function taskCheckboxLabel(node: { textContent: string }, checked: boolean): string {
  const locale: Locale =
    typeof document !== 'undefined' && document.documentElement.lang === 'en' ? 'en' : 'ru';
  return translate(locale, 'editor.taskCheckbox', {
    checked: checked ? 'yes' : 'no',
    text: node.textContent.trim() || translate(locale, 'editor.taskEmpty')
  });
}
