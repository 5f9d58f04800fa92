import { Injectable } from '@nestjs/common';
import { BusinessCalendar, OFFICE_WEEK, parseCalendar, workingMinutesBetween } from '@cs/business-calendar';
import { CalendarNotReceivedError, CalendarReplica } from '@cs/platform';
import type { TicketDurations } from '../domain/kpis';
import { TicketRecord, isResolved } from '../domain/ticket-record';

export const DEFAULT_CALENDAR_ID = 'default';

/**
 * Office hours in Shanghai, the tickets service's seed, until its `calendar.published` arrives:
 * reports are read on demand and must answer before the first calendar event has been consumed.
 */
const UNTIL_PUBLISHED = parseCalendar({ timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK, holidays: [], workingDays: [] });

/** Hundredths of a minute: finer than any SLA and free of floating-point noise in the reports. */
const minutes = (calendar: BusinessCalendar, from: Date, to: Date): number => Math.round(workingMinutesBetween(calendar, from, to) * 100) / 100;

/** The company's business calendar as last published, for working minutes and the report periods' timezone. */
@Injectable()
export class WorkingCalendar {
  constructor(private readonly replica: CalendarReplica) {}

  async get(): Promise<BusinessCalendar> {
    try {
      return await this.replica.get(DEFAULT_CALENDAR_ID);
    } catch (error) {
      if (error instanceof CalendarNotReceivedError) return UNTIL_PUBLISHED;
      throw error;
    }
  }
}

/** A ticket's first-response and resolution times in working minutes. */
export function durationsBy(calendar: BusinessCalendar): (t: TicketRecord) => TicketDurations {
  return (t) => ({
    firstResponseMinutes: t.firstReplyAt === null ? null : minutes(calendar, t.openedAt, t.firstReplyAt),
    resolutionMinutes: t.resolvedAt !== null && isResolved(t) ? minutes(calendar, t.openedAt, t.resolvedAt) : null,
  });
}
