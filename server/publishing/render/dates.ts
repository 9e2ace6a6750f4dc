/**
 * Dates on public pages, the way a Russian reader writes them: «26 ноября 2026 г.». Moscow time,
 * so that a material published late in the evening does not show the next day.
 */
const LONG = new Intl.DateTimeFormat('ru-RU', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/Moscow'
});

export function russianDate(timestamp: number): string {
  return LONG.format(timestamp);
}

export function isoDate(timestamp: number): string {
  return new Date(timestamp).toISOString();
}

const CALENDAR_DAY = new Intl.DateTimeFormat('ru-RU', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC'
});

/** A date field's stored day («2027-03-15») as «15 марта 2027 г.»; anything else as it is. */
export function russianDay(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!m) return value;
  const time = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isNaN(time) ? value : CALENDAR_DAY.format(time);
}
