import { format, isValid } from 'date-fns';
import type { EventValues } from '../../shared/model/network/index.ts';

/** What the event form edits: dates and times apart, as the date and time inputs give them. */
export type EventDraft = Omit<EventValues, 'start' | 'end'> & {
  startDate: string;
  startTime: string;
  endDate: string;
  endTime: string;
};

/** The form's fields for a stored event (times in the person's own zone). */
export function toDraft(event: EventValues): EventDraft {
  const { start, end, ...rest } = event;
  if (event.allDay) {
    return { ...rest, startDate: start, startTime: '', endDate: end, endTime: '' };
  }
  const split = (iso: string) => {
    const date = new Date(iso);
    return iso && isValid(date) ? [format(date, 'yyyy-MM-dd'), format(date, 'HH:mm')] : ['', ''];
  };
  const [startDate, startTime] = split(start);
  const [endDate, endTime] = split(end);
  return {
    ...rest,
    startDate: startDate!,
    startTime: startTime!,
    endDate: endDate!,
    endTime: endTime!
  };
}

/**
 * The stored values: whole-day events keep dates; timed ones become ISO instants. Input the
 * browser could not read is passed on unchanged, so validation names the field.
 */
export function fromDraft(draft: EventDraft): EventValues {
  const { startDate, startTime, endDate, endTime, ...rest } = draft;
  if (draft.allDay) {
    return { ...rest, start: startDate, end: endDate && endDate !== startDate ? endDate : '' };
  }
  const instant = (date: string, time: string) => {
    const parsed = new Date(`${date}T${time || '00:00'}`);
    return date && isValid(parsed) ? parsed.toISOString() : date;
  };
  const start = instant(startDate, startTime);
  const end = endTime || endDate ? instant(endDate || startDate, endTime || startTime) : '';
  return { ...rest, start, end };
}
