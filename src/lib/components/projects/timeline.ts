import { addDays, addMonths, differenceInCalendarDays, startOfMonth } from 'date-fns';
import { parseDateKey } from '../../shared/calendar/dates.ts';
import type { Task } from '../../shared/model/network/index.ts';

export type TimelineBar = { task: Task; left: number; width: number };
export type Timeline = {
  bars: TimelineBar[];
  /** Month starts on the axis, as fractions (0–1) of its width. */
  months: { date: Date; left: number }[];
  /** Today's place (0–1), or null when it is off the axis. */
  today: number | null;
};

/**
 * Lays tasks with a due date on an axis from the first month to the last: a task with a start
 * is a bar from start to due, one without is a short bar ending at its due date.
 */
export function layoutTimeline(
  tasks: readonly Task[],
  project: { start: string; end: string },
  now: Date
): Timeline {
  const dated = tasks.filter((task) => parseDateKey(task.due));
  const points = [project.start, project.end, ...dated.flatMap((x) => [x.start, x.due])]
    .map(parseDateKey)
    .filter((d): d is Date => d !== null);
  if (dated.length === 0 || points.length === 0) return { bars: [], months: [], today: null };
  const first = startOfMonth(new Date(Math.min(...points.map(Number))));
  const last = startOfMonth(addMonths(new Date(Math.max(...points.map(Number))), 1));
  const span = differenceInCalendarDays(last, first);
  const at = (d: Date) => differenceInCalendarDays(d, first) / span;
  const months: Timeline['months'] = [];
  for (let m = first; m < last; m = addMonths(m, 1)) months.push({ date: m, left: at(m) });
  const bars = dated.map((task) => {
    const due = addDays(parseDateKey(task.due)!, 1);
    const start = parseDateKey(task.start) ?? addDays(due, -1);
    const left = at(start);
    // At least a sliver, so a one-day task is still a visible, tappable bar.
    return { task, left, width: Math.max(at(due) - left, 0.012) };
  });
  const today = at(now);
  return { bars, months, today: today >= 0 && today <= 1 ? today : null };
}
