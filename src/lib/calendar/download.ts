import { ICS_CONTENT_TYPE } from '../shared/calendar/ics.ts';

/** Saves iCalendar text as a file, from the device's own copy: it works offline too. */
export function downloadIcs(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: ICS_CONTENT_TYPE }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The click has started the download; the object URL is no longer needed after this turn.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
