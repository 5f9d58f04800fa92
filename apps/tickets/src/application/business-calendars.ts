import { Injectable } from '@nestjs/common';
import {
  BusinessCalendar,
  CalendarDocument,
  NoWorkingTimeError,
  addWorkingDays,
  addWorkingHours,
  addWorkingMinutes,
  toCalendarDocument,
  toOffsetDateTime,
} from '@cs/business-calendar';
import { DomainError } from '@cs/ddd';
import { assertCalendarId } from '../domain/calendar-id';
import { MAX_DEADLINE_HORIZON_DAYS, calendarDaysOf } from '../domain/calendar-limits';
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
    assertWithinHorizon(calendar, query);
    return dueBy(calendar, query);
  }
}

function view(id: string, stored: StoredCalendar): CalendarView {
  return { id, version: stored.version, ...toCalendarDocument(stored.calendar) };
}

const UNITS = { workingDays: 'days', workingHours: 'hours', workingMinutes: 'minutes' } as const;

function assertWithinHorizon(calendar: BusinessCalendar, { calendarId, amount }: DueQuery): void {
  const days = calendarDaysOf(calendar, { amount: amount.value, unit: UNITS[amount.unit], basis: 'working' });
  if (days > MAX_DEADLINE_HORIZON_DAYS) {
    throw new DomainError(
      'CALENDAR.AMOUNT_TOO_LARGE',
      'invalid',
      `${amount.unit}=${amount.value} would put the deadline about ${days} days ahead by this calendar; at most ${MAX_DEADLINE_HORIZON_DAYS} are computed`,
      amount.unit,
      { calendarId, maxDays: MAX_DEADLINE_HORIZON_DAYS },
    );
  }
}

function dueBy(calendar: BusinessCalendar, { calendarId, from, amount }: DueQuery): { readonly at: Date; readonly local: string } {
  try {
    const at =
      amount.unit === 'workingDays'
        ? addWorkingDays(calendar, from, amount.value)
        : amount.unit === 'workingHours'
          ? addWorkingHours(calendar, from, amount.value)
          : addWorkingMinutes(calendar, from, amount.value);
    return { at, local: toOffsetDateTime(at, calendar.timezone) };
  } catch (error) {
    if (error instanceof NoWorkingTimeError) {
      throw new DomainError('CALENDAR.NO_WORKING_TIME', 'invalid', error.message, undefined, { calendarId });
    }
    // Amounts and `from` are checked before they get here, so what is left is a deadline past
    // the year 9999: the library computes it, but ISO-8601 has no four-digit year for it.
    if (error instanceof RangeError) {
      throw new DomainError('CALENDAR.OUT_OF_RANGE', 'invalid', `the deadline cannot be computed: ${error.message}`, amount.unit, {
        calendarId,
      });
    }
    throw error;
  }
}
