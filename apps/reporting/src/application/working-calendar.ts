import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BusinessCalendar, OFFICE_WEEK, parseCalendar, workingMinutesBetween } from '@cs/business-calendar';
import { findCalendarCopy } from '../infrastructure/calendar-copies.repository';
import type { TicketDurations } from '../domain/kpis';
import { TicketRecord, isResolved } from '../domain/ticket-record';

export const DEFAULT_CALENDAR_ID = 'default';

/** What the tickets service's `default` calendar is before it ever publishes one: office hours in Shanghai. */
const FALLBACK = { timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK, holidays: [], workingDays: [] };

/** Hundredths of a minute: finer than any SLA and free of floating-point noise in the reports. */
const minutes = (calendar: BusinessCalendar, from: Date, to: Date): number => Math.round(workingMinutesBetween(calendar, from, to) * 100) / 100;

/** The company's business calendar as last published, for working minutes and the report periods' timezone. */
@Injectable()
export class WorkingCalendar {
  constructor(private readonly dataSource: DataSource) {}

  async get(): Promise<BusinessCalendar> {
    return parseCalendar((await findCalendarCopy(this.dataSource.manager, DEFAULT_CALENDAR_ID)) ?? FALLBACK);
  }
}

/** A ticket's first-response and resolution times in working minutes. */
export function durationsBy(calendar: BusinessCalendar): (t: TicketRecord) => TicketDurations {
  return (t) => ({
    firstResponseMinutes: t.firstReplyAt === null ? null : minutes(calendar, t.openedAt, t.firstReplyAt),
    resolutionMinutes: t.resolvedAt !== null && isResolved(t) ? minutes(calendar, t.openedAt, t.resolvedAt) : null,
  });
}
