import type { BusinessCalendar } from '@cs/business-calendar';
import type { CalendarLookup } from '../domain/ticket-sla';

/** Where business calendars come from; the calendar store implements it. */
export interface CalendarSource {
  get(id: string): Promise<BusinessCalendar>;
}

export const CALENDAR_SOURCE = Symbol('CALENDAR_SOURCE');

/** Loads the calendars a computation will need, so the pure SLA code can look them up synchronously. */
export async function loadCalendars(source: CalendarSource, ids: Iterable<string>): Promise<CalendarLookup> {
  const loaded = new Map<string, BusinessCalendar>();
  for (const id of new Set(ids)) loaded.set(id, await source.get(id));
  return (id) => {
    const calendar = loaded.get(id);
    if (!calendar) throw new Error(`calendar ${id} was not loaded`);
    return calendar;
  };
}

/** For decisions that read no calendar (opening a ticket, linking a contact): any lookup is a bug. */
export const NO_CALENDARS: CalendarLookup = (id) => {
  throw new Error(`calendar ${id} was not loaded: this decision reads no calendar`);
};
