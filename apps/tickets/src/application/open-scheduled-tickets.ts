import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { ServiceConfig } from '@cs/config';
import { presentProps } from '@cs/ddd';
import type { Logger } from '@cs/observability';
import { BackgroundLoop, DueWorkFailures, LOGGER, SERVICE_CONFIG, isDependencyFailure } from '@cs/platform';
import type { ScheduledOrigin } from '../domain/ticket';
import { Occurrence, TicketSchedule, nextOccurrence } from '../domain/ticket-schedule';
import { SlaPolicyRepository } from '../infrastructure/sla-policy.repository';
import { nextTicketNumber } from '../infrastructure/ticket-numbers';
import { SCHEDULE_DUE_WORK, TicketScheduleRepository } from '../infrastructure/ticket-schedule.repository';
import { TicketRepository } from '../infrastructure/ticket.repository';
import { CALENDAR_SOURCE, CalendarSource } from './calendar-source';
import { OpenTicketFromContact } from './open-ticket-from-contact';
import { RunTicketCommand } from './run-ticket-command';

/** Occurrences handled per pass; the next pass takes the rest. */
const BATCH = 20;

const sameOccurrence = (a: Occurrence | undefined, b: Occurrence): boolean =>
  a !== undefined && a.occurrenceOn === b.occurrenceOn && a.opensOn === b.opensOn && a.opensAt.getTime() === b.opensAt.getTime();

/**
 * 周期工单 — opens the tickets of due schedule occurrences and dispatches them to the
 * schedule's department. Each occurrence is handled in one transaction with its schedule row
 * locked (skipped while another replica holds it): the occurrence is claimed by its key, the
 * ticket opened and dispatched with its events in the outbox, and the schedule moved to its
 * next occurrence — so an occurrence opens exactly once across replicas and crashes. A schedule
 * that fell behind (the service was down) catches up one occurrence at a time. A due occurrence
 * is counted again by the calendar as it is now: one a calendar change moved later (its day now
 * a holiday) waits for its new time, one it moved earlier opens at once. A schedule whose
 * occurrence fails to open is held back with back-off (ADR 0040), as a ticket whose timers fail
 * is: due first, it would otherwise fail every pass and no schedule due after it would open.
 */
@Injectable()
export class OpenScheduledTickets extends BackgroundLoop {
  constructor(
    private readonly dataSource: DataSource,
    private readonly schedules: TicketScheduleRepository,
    private readonly tickets: TicketRepository,
    private readonly policies: SlaPolicyRepository,
    private readonly opening: OpenTicketFromContact,
    private readonly run: RunTicketCommand,
    @Inject(CALENDAR_SOURCE) private readonly calendars: CalendarSource,
    private readonly failures: DueWorkFailures,
    @Inject(LOGGER) logger: Logger,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    super('opening scheduled tickets', logger, config.slaTimerPollMs);
  }

  /** Opens what is due at `now`; returns how many tickets were opened. */
  async openDue(now = new Date()): Promise<number> {
    let opened = 0;
    for (let i = 0; i < BATCH; i += 1) {
      const claimed: { scheduleId?: string } = {};
      const handled = await this.dataSource
        .transaction((tx) => this.openNext(tx, now, claimed))
        .catch(async (error: unknown) => {
          if (claimed.scheduleId === undefined || isDependencyFailure(error)) throw error;
          await this.failures.postpone(SCHEDULE_DUE_WORK, claimed.scheduleId, error, now);
          return 0;
        });
      if (handled === undefined) break;
      opened += handled;
    }
    return opened;
  }

  /** The earliest due occurrence no other replica holds, opened; undefined when none is due. */
  private async openNext(tx: EntityManager, now: Date, claimed: { scheduleId?: string }): Promise<number | undefined> {
    const due = await this.schedules.claimDue(tx, now);
    if (!due?.next) return undefined;
    claimed.scheduleId = due.schedule.id;
    await this.failures.succeeded(tx, SCHEDULE_DUE_WORK, [due.schedule.id]);
    const { schedule, progress } = due;
    const calendar = await this.calendars.get(schedule.calendarId, tx);
    // Planned by the calendar of the time: a typhoon day or a 调休 published since may have moved it.
    const occurrence = nextOccurrence(schedule, calendar, progress);
    if (!sameOccurrence(occurrence, due.next)) await this.schedules.reschedule(tx, schedule.id, occurrence);
    if (!occurrence || occurrence.opensAt > now) return 0;
    const ticketId = randomUUID();
    const fresh = await this.schedules.recordOccurrence(tx, schedule.id, occurrence, ticketId, now);
    if (fresh) await this.openAndDispatch(tx, schedule, occurrence, ticketId, now);
    const following = nextOccurrence(schedule, calendar, { lastOccurrenceOn: occurrence.occurrenceOn, lastOpensOn: occurrence.opensOn });
    await this.schedules.advance(tx, schedule.id, occurrence, following, fresh);
    return fresh ? 1 : 0;
  }

  protected async poll(): Promise<void> {
    await this.openDue();
  }

  /**
   * No customer raised the matter: the ticket's "contact" is itself and its "customer" the
   * schedule, so every subscriber can still route it; `origin` says where it came from.
   */
  private async openAndDispatch(tx: EntityManager, schedule: TicketSchedule, occurrence: Occurrence, ticketId: string, now: Date): Promise<void> {
    const origin: ScheduledOrigin = { kind: 'schedule', scheduleId: schedule.id, occurrenceOn: occurrence.occurrenceOn };
    const opened = await this.opening.open(
      tx,
      undefined,
      {
        action: 'open_from_contact',
        ticketId,
        number: await nextTicketNumber(tx, now),
        contact: {
          contactId: ticketId,
          customerId: schedule.id,
          customerName: schedule.name,
          channel: 'schedule',
          ...presentProps({ itemCode: schedule.itemCode }),
          unit: { projectCode: schedule.projectCode, ...presentProps({ building: schedule.building }) },
          ownerId: schedule.ownerId,
          priority: schedule.priority,
          occurredAt: occurrence.opensAt,
          origin,
        },
        policies: (await this.policies.list(tx)).policies,
      },
      now,
      schedule.name,
    );
    if (!opened) return;
    await this.tickets.saveOrigin(tx, ticketId, origin);
    await this.run.decideAndSave(
      tx,
      opened,
      { action: 'dispatch', command: { type: 'dispatch', department: schedule.department, ...presentProps({ handler: schedule.handler }) } },
      'system',
      now,
    );
  }
}
