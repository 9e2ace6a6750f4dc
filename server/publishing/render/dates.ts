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
