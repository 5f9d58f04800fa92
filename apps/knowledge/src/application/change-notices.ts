import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { BusinessCalendar, NoWorkingTimeError, addWorkingDays } from '@cs/business-calendar';
import { DomainError } from '@cs/ddd';
import { CalendarNotReceivedError, CalendarReplica } from '@cs/platform';
import { redactPersonalData } from '@cs/privacy';
import { assertCodesHoldNoPersonalData } from '../domain/code-fields';
import { ChangeNotice, NoticeKind, ReviewRepository } from '../infrastructure/review.repository';

/** 3个工作日 — the time the answers a change affects have to be reviewed in. */
export const REVIEW_WORKING_DAYS = 3;
/** The calendar SLA policies use unless they name another; the company's working days. */
const CALENDAR_ID = 'default';

export interface FileNotice {
  readonly department: string;
  readonly kind: NoticeKind;
  readonly title: string;
  readonly description: string;
  readonly itemCodes: readonly string[];
  readonly projects: readonly string[] | null;
}

/**
 * 信息联络人 — a department's information liaison files a change; the published answers of the
 * items and projects it names are flagged for review within 3 working days by the business calendar.
 */
@Injectable()
export class ChangeNotices {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reviews: ReviewRepository,
    private readonly calendars: CalendarReplica,
  ) {}

  /**
   * The company's calendar. Until the tickets service's first calendar.published arrives (a fresh
   * install, a moment) the notice waits: 503 with Retry-After. A guessed Monday-to-Friday would
   * store a due date inside a holiday week for good (ADR 0026).
   */
  private async calendar(): Promise<{ readonly version: number; readonly calendar: BusinessCalendar }> {
    try {
      return await this.calendars.getVersioned(CALENDAR_ID);
    } catch (error) {
      if (!(error instanceof CalendarNotReceivedError)) throw error;
      throw new HttpException(
        { code: 'CALENDAR.NOT_RECEIVED', message: 'the business calendar has not reached this service yet; retry after the seconds in Retry-After' },
        HttpStatus.SERVICE_UNAVAILABLE,
        { cause: error },
      );
    }
  }

  async file(given: FileNotice, by: { sub: string; projects: readonly string[] | undefined }, now = new Date()): Promise<{ notice: ChangeNotice; flagged: number }> {
    const limited = by.projects;
    if (limited && (given.projects === null || given.projects.some((p) => !limited.includes(p)))) {
      throw new DomainError('CHANGE_NOTICE.PROJECT_OUT_OF_SCOPE', 'forbidden', `name only your projects: ${limited.join(', ')}`, 'projects', undefined, { code: 'unknown_reference' });
    }
    assertCodesHoldNoPersonalData({ department: given.department }, 'CHANGE_NOTICE.PERSONAL_DATA');
    const { version, calendar } = await this.calendar();
    const dueBasis = { calendarId: CALENDAR_ID, calendarVersion: version, workingDays: REVIEW_WORKING_DAYS };
    const notice: ChangeNotice = {
      id: randomUUID(),
      department: given.department,
      kind: given.kind,
      title: redactPersonalData(given.title),
      description: redactPersonalData(given.description),
      itemCodes: [...given.itemCodes],
      projects: given.projects === null ? null : [...given.projects],
      filedBy: by.sub,
      filedAt: now,
      dueAt: reviewDeadline(calendar, now),
      dueBasis,
    };
    const flagged = await this.dataSource.transaction(async (tx) => {
      await this.reviews.insertNotice(tx, notice);
      return this.reviews.flagForNotice(tx, notice);
    });
    return { notice, flagged };
  }
}

/**
 * 3 working days from `filedAt`. A calendar with no working time left to count them in (a week
 * uploaded without hours) is refused as the tickets service refuses a deadline it cannot count,
 * and nothing is filed: a due date made up here would be kept for good.
 */
function reviewDeadline(calendar: BusinessCalendar, filedAt: Date): Date {
  try {
    return addWorkingDays(calendar, filedAt, REVIEW_WORKING_DAYS);
  } catch (error) {
    if (!(error instanceof NoWorkingTimeError)) throw error;
    throw new DomainError('CALENDAR.NO_WORKING_TIME', 'invalid', `the business calendar ${CALENDAR_ID} has no working time to count the review deadline in`, undefined, {
      calendarId: CALENDAR_ID,
    });
  }
}
