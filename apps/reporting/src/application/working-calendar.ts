import { Injectable } from '@nestjs/common';
import { BusinessCalendar, OFFICE_WEEK, parseCalendar, workingMinutesBetween } from '@cs/business-calendar';
import { CalendarNotReceivedError, CalendarReplica } from '@cs/platform';
import type { Queryable } from '@cs/persistence';
import type { TicketDurations } from '../domain/kpis';
import { TicketRecord, isResolved } from '../domain/ticket-record';
import type { CountingCalendar } from '../domain/ticket-rollup';
import { replicaDocument, replicaVersion } from '../infrastructure/calendar-replica.repository';

export const DEFAULT_CALENDAR_ID = 'default';

/**
 * Office hours in Shanghai, the tickets service's seed, until its `calendar.published` arrives:
 * reports are read on demand and must answer before the first calendar event has been consumed.
 */
const UNTIL_PUBLISHED = parseCalendar({ timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK, holidays: [], workingDays: [] });

/** The version of {@link UNTIL_PUBLISHED}: published versions start at 1. */
const UNPUBLISHED_VERSION = 0;

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

export interface VersionedCalendar extends CountingCalendar {
  readonly calendar: BusinessCalendar;
}

/** Parsed once per version; keyed by the publication too, so two schemas' calendars of one version never mix. */
let parsed: { readonly key: string; readonly calendar: VersionedCalendar } | undefined;

const versioned = (version: number, calendar: BusinessCalendar): VersionedCalendar => ({ version, calendar, timeZone: calendar.timezone, durations: durationsBy(calendar) });
const UNTIL_PUBLISHED_VERSIONED = versioned(UNPUBLISHED_VERSION, UNTIL_PUBLISHED);

/**
 * The calendar tickets are counted by, with its version, read in the caller's transaction: the
 * rollups record which version counted each ticket, and are read only when all were counted by
 * the one in force.
 */
export async function countingCalendar(db: Queryable): Promise<VersionedCalendar> {
  const held = await replicaVersion(db, DEFAULT_CALENDAR_ID);
  if (!held) return UNTIL_PUBLISHED_VERSIONED;
  if (parsed?.key === `${held.version}@${held.publishedAt.toISOString()}`) return parsed.calendar;
  const row = await replicaDocument(db, DEFAULT_CALENDAR_ID);
  if (!row) return UNTIL_PUBLISHED_VERSIONED;
  const calendar = versioned(row.version, parseCalendar(row.document));
  parsed = { key: `${row.version}@${row.publishedAt.toISOString()}`, calendar };
  return calendar;
}
