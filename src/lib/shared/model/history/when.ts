/** When a version was taken, in the parts a message needs (see `history.when.*`). */
export type VersionWhen =
  { day: 'today' | 'yesterday'; time: string } | { day: 'date'; time: string; date: string };

const sameDay = (a: Date, b: Date) =>
  a.getFullYear() === b.getFullYear() &&
  a.getMonth() === b.getMonth() &&
  a.getDate() === b.getDate();

/**
 * The way people say it: «сегодня в 14:05», «вчера в 9:30», «25 ноября в 14:05», with the year
 * only when it is not this one. Local time of the device; `Intl` gives the genitive month.
 */
export function versionWhen(at: number, now: number, locale: string): VersionWhen {
  const date = new Date(at);
  const today = new Date(now);
  const yesterday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1);
  const time = `${date.getHours()}:${String(date.getMinutes()).padStart(2, '0')}`;
  if (sameDay(date, today)) return { day: 'today', time };
  if (sameDay(date, yesterday)) return { day: 'yesterday', time };
  const thisYear = date.getFullYear() === today.getFullYear();
  const formatted = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'long',
    ...(thisYear ? {} : { year: 'numeric' })
  }).format(date);
  return { day: 'date', time, date: formatted };
}
