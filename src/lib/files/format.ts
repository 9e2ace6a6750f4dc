const UNITS = ['Б', 'КБ', 'МБ', 'ГБ'] as const;

/** A size as a Russian reader writes it: «512 Б», «1,2 МБ» (binary multiples, one decimal). */
export function formatSize(bytes: number, locale = 'ru'): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);
  const units = locale.startsWith('ru') ? UNITS : (['B', 'KB', 'MB', 'GB'] as const);
  return `${number}\u00a0${units[unit]}`;
}

/** A short kind of file for the card: the extension, upper case («PDF», «DOCX»). */
export function fileKind(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 && dot > name.length - 8 ? name.slice(dot + 1).toUpperCase() : '';
}
