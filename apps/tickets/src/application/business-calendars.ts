import { Injectable } from '@nestjs/common';
import {
  BusinessCalendar,
  CalendarDocument,
  NoWorkingTimeError,
  addWorkingDays,
  addWorkingHours,
  addWorkingMinutes,
  toCalendarDocument,
} from '@cs/business-calendar';
import { DomainError } from '@cs/ddd';
import { assertCalendarId } from '../domain/calendar-id';
import { toOffsetDateTime } from '../domain/calendar-offset-time';
import { CalendarStore, StoredCalendar } from '../infrastructure/calendar-store';

/** A calendar as the API shows it: the document other systems write, with its id and version. */
export interface CalendarView extends CalendarDocument {
  readonly id: string;
  readonly version: number;
}

/** Working days follow "N个工作日内" (close of business of the Nth working day after); hours and minutes count working time. */
export type WorkingTimeAmount =
  | { readonly unit: 'workingDays'; readonly value: number }
  | { readonly unit: 'workingHours'; readonly value: number }
  | { readonly unit: 'workingMinutes'; readonly value: number };

export interface DueQuery {
  readonly calendarId: string;
  readonly from: Date;
  readonly amount: WorkingTimeAmount;
}

export interface PutCalendarCommand {
  readonly id: string;
  readonly document: unknown;
  /** The version the editor started from (If-Match); absent means "whatever is current". */
  readonly expectedVersion?: number;
  readonly by: string;
}

/** Reading, replacing and computing with business calendars, for the API. */
@Injectable()
export class BusinessCalendars {
  constructor(private readonly store: CalendarStore) {}

  async read(id: string): Promise<CalendarView> {
    assertCalendarId(id);
    return view(id, await this.store.getWithVersion(id));
  }

  async replace(command: PutCalendarCommand): Promise<CalendarView & { readonly created: boolean }> {
    const stored = await this.store.put(command.id, command.document, command.expectedVersion, command.by);
    return { ...view(command.id, stored), created: stored.created };
  }

  /** The deadline as an instant and as the calendar's local time with its UTC offset. */
  async due(query: DueQuery): Promise<{ readonly at: Date; readonly local: string }> {
    assertCalendarId(query.calendarId);
    const calendar = await this.store.get(query.calendarId);
    const at = addAmount(calendar, query);
    return { at, local: toOffsetDateTime(at, calendar.timezone) };
  }
}

function view(id: string, stored: StoredCalendar): CalendarView {
  return { id, version: stored.version, ...toCalendarDocument(stored.calendar) };
}

function addAmount(calendar: BusinessCalendar, { calendarId, from, amount }: DueQuery): Date {
  try {
    switch (amount.unit) {
      case 'workingDays':
        return addWorkingDays(calendar, from, amount.value);
      case 'workingHours':
        return addWorkingHours(calendar, from, amount.value);
      case 'workingMinutes':
        return addWorkingMinutes(calendar, from, amount.value);
    }
  } catch (error) {
    if (error instanceof NoWorkingTimeError) {
      throw new DomainError('CALENDAR.NO_WORKING_TIME', 'invalid', error.message, undefined, { calendarId });
    }
    // Amounts and `from` are checked before they get here, so what is left is a deadline past
    // the years the calendar library computes in (1900–9999).
    if (error instanceof RangeError) {
      throw new DomainError('CALENDAR.OUT_OF_RANGE', 'invalid', `the deadline cannot be computed: ${error.message}`, amount.unit, {
        calendarId,
      });
    }
    throw error;
  }
}
