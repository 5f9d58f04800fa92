import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { BusinessCalendar } from '@cs/business-calendar';
import { assertExpectedVersion, DomainError } from '@cs/ddd';
import { redactPersonalData } from '@cs/privacy';
import { TicketSchedule, assertValidSchedule, nextOccurrence, resumeAfterPause } from '../domain/ticket-schedule';
import { CatalogueRepository } from '../infrastructure/catalogue.repository';
import { OpenedOccurrence, StoredSchedule, TicketScheduleRepository } from '../infrastructure/ticket-schedule.repository';
import { CALENDAR_SOURCE, CalendarSource } from './calendar-source';
import { assertActiveItem } from './catalogue-items';
import { assertDepartmentCode, assertPlaceCodes } from './place-codes';

/** What a supervisor writes: the rule, without the id and owner the service gives it. */
export type ScheduleRequest = Omit<TicketSchedule, 'id' | 'ownerId'>;

/** How far back a new schedule may start: it opens what it missed since, once each, as after an outage. */
const MAX_BACKFILL_DAYS = 92;
/** Occurrences shown with a schedule. */
const RECENT_OCCURRENCES = 10;

function assertStartWithinBackfill(startsOn: string, now: Date): void {
  const earliest = new Date(now.getTime() - MAX_BACKFILL_DAYS * 86_400_000).toISOString().slice(0, 10);
  if (startsOn < earliest) {
    throw new DomainError('TICKET_SCHEDULE.INVALID', 'invalid', `a schedule starts at most ${MAX_BACKFILL_DAYS} days back, on ${earliest} or later`, 'startsOn');
  }
}

const notFound = (id: string) => new DomainError('TICKET_SCHEDULE.NOT_FOUND', 'not_found', `ticket schedule ${id} not found`);

/** A schedule with the occurrences it opened lately. */
export interface ScheduleDetail extends StoredSchedule {
  readonly recent: readonly OpenedOccurrence[];
}

/**
 * 周期工单 — schedules of routine work, made, read, changed and deleted within the caller's
 * projects (another project's schedule does not exist for them). Each change recomputes the
 * next occurrence by the schedule's business calendar.
 */
@Injectable()
export class ManageTicketSchedules {
  constructor(
    private readonly dataSource: DataSource,
    private readonly schedules: TicketScheduleRepository,
    private readonly catalogue: CatalogueRepository,
    @Inject(CALENDAR_SOURCE) private readonly calendars: CalendarSource,
  ) {}

  async create(request: ScheduleRequest, projects: readonly string[] | undefined, by: string, now = new Date()): Promise<ScheduleDetail> {
    assertServes(projects, request.projectCode);
    assertStartWithinBackfill(request.startsOn, now);
    const schedule = cleaned({ ...request, id: randomUUID(), ownerId: by });
    await this.assertUsableItem(schedule);
    const next = nextOccurrence(schedule, await this.calendarOf(schedule), {});
    await this.dataSource.transaction((tx) => this.schedules.insert(tx, schedule, next, now));
    return this.get(schedule.id, projects);
  }

  async list(projects: readonly string[] | undefined, project?: string): Promise<StoredSchedule[]> {
    return this.schedules.list(this.dataSource.manager, projects, project);
  }

  async get(id: string, projects: readonly string[] | undefined): Promise<ScheduleDetail> {
    const found = await this.schedules.find(this.dataSource.manager, id, projects);
    if (!found) throw notFound(id);
    return { ...found, recent: await this.schedules.occurrences(this.dataSource.manager, id, RECENT_OCCURRENCES) };
  }

  /**
   * Replaces the rule (If-Match on its version). What it opened stays; the next occurrence is
   * recomputed from where it got, so a change never opens an occurrence twice; started again
   * after a pause, from now, so what it missed while paused is not opened. Its project is
   * for good: a schedule for another project is a new schedule.
   */
  async replace(
    id: string,
    request: ScheduleRequest & { readonly active: boolean },
    projects: readonly string[] | undefined,
    by: string,
    expectedVersion?: number,
    now = new Date(),
  ): Promise<ScheduleDetail> {
    await this.dataSource.transaction(async (tx) => {
      const found = await this.schedules.find(tx, id, projects, true);
      if (!found) throw notFound(id);
      assertExpectedVersion('TICKET_SCHEDULE.VERSION_CONFLICT', 'schedule', found.version, expectedVersion);
      if (request.projectCode !== found.schedule.projectCode) {
        throw new DomainError('TICKET_SCHEDULE.PROJECT_CHANGED', 'invalid', 'a schedule stays in its project; make a new one for another', 'projectCode');
      }
      // A start moved back opens what it missed since, as a new schedule's does: within the same bound.
      if (request.startsOn !== found.schedule.startsOn) assertStartWithinBackfill(request.startsOn, now);
      const { active, ...rule } = request;
      const schedule = cleaned({ ...rule, id, ownerId: by });
      await this.assertUsableItem(schedule);
      const calendar = await this.calendarOf(schedule);
      if (active && !found.active) {
        const resumed = resumeAfterPause(schedule, calendar, found.progress, now);
        await this.schedules.replace(tx, schedule, active, resumed.next, now, resumed.progress);
      } else {
        await this.schedules.replace(tx, schedule, active, active ? nextOccurrence(schedule, calendar, found.progress) : undefined, now);
      }
    });
    return this.get(id, projects);
  }

  async delete(id: string, projects: readonly string[] | undefined, expectedVersion?: number, now = new Date()): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const found = await this.schedules.find(tx, id, projects, true);
      if (!found) throw notFound(id);
      assertExpectedVersion('TICKET_SCHEDULE.VERSION_CONFLICT', 'schedule', found.version, expectedVersion);
      await this.schedules.delete(tx, id, now);
    });
  }

  /** An item the catalogue retired, or never had, would open tickets nobody can classify. */
  private async assertUsableItem(schedule: TicketSchedule): Promise<void> {
    if (schedule.itemCode) await assertActiveItem(this.catalogue, this.dataSource.manager, schedule.itemCode, 'TICKET_SCHEDULE.UNKNOWN_ITEM');
  }

  private async calendarOf(schedule: TicketSchedule): Promise<BusinessCalendar> {
    try {
      return await this.calendars.get(schedule.calendarId);
    } catch (error) {
      // Only a calendar that is not there is the request's fault; a lost Postgres is 503, to be retried.
      if (!(error instanceof DomainError && error.code === 'CALENDAR.NOT_FOUND')) throw error;
      throw new DomainError('TICKET_SCHEDULE.UNKNOWN_CALENDAR', 'invalid', `calendar ${schedule.calendarId} is not known`, 'calendarId', undefined, {
        code: 'unknown_reference',
      });
    }
  }
}

/** Refuses (403, naming the field) a schedule for a project the caller does not serve, as callback plans do. */
function assertServes(projects: readonly string[] | undefined, projectCode: string): void {
  if (projects !== undefined && !projects.includes(projectCode)) {
    throw new DomainError('TICKET_SCHEDULE.PROJECT_NOT_SERVED', 'forbidden', `you do not serve project ${projectCode}`, 'projectCode');
  }
}

/** Checked, and its free text redacted: the name becomes each ticket's demand and history; its building and department, each ticket's, are codes. */
function cleaned(schedule: TicketSchedule): TicketSchedule {
  assertValidSchedule(schedule);
  assertPlaceCodes(schedule, 'TICKET_SCHEDULE');
  assertDepartmentCode(schedule.department, 'TICKET_SCHEDULE');
  return { ...schedule, name: redactPersonalData(schedule.name) };
}
