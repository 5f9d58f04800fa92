import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Logger } from '@cs/observability';
import type { ServiceConfig } from '@cs/config';
import { DueWorkFailures, LOGGER, SERVICE_CONFIG } from '@cs/platform';
import type { TicketCommandData } from '../domain/ticket-commands';
import { CalendarRecomputeJobRepository, WalkUnderWay, calendarsChangingFor } from '../infrastructure/calendar-recompute-jobs.repository';
import { CalendarStore } from '../infrastructure/calendar-store';
import { DueTimer, SlaTimerRepository } from '../infrastructure/sla-timer.repository';
import { TicketRepository } from '../infrastructure/ticket.repository';
import { RunTicketCommand } from './run-ticket-command';
import { TicketDueWorkLoop } from './ticket-due-work-loop';

/**
 * Fires due SLA timers: warnings, breaches (escalating to the supervisor) and the manager
 * escalation of a breach left open. A batch of tickets is handled in one transaction with their
 * rows locked (skipping those another replica or a request holds), their due timers claimed in
 * one statement, their events written to the outbox and the timers marked fired — so a timer
 * fires once across replicas and restarts (ADR 0007, ADR 0040).
 */
@Injectable()
export class FireSlaTimers extends TicketDueWorkLoop<DueTimer, WalkUnderWay[]> {
  constructor(
    dataSource: DataSource,
    tickets: TicketRepository,
    private readonly timers: SlaTimerRepository,
    private readonly walks: CalendarRecomputeJobRepository,
    private readonly calendars: CalendarStore,
    run: RunTicketCommand,
    failures: DueWorkFailures,
    @Inject(LOGGER) logger: Logger,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    super('sla_timers', logger, config.slaTimerPollMs, dataSource, failures, tickets, run);
  }

  protected candidates(db: EntityManager, now: Date, limit: number): Promise<string[]> {
    return this.timers.withDueTimers(db, now, limit);
  }

  protected claim(tx: EntityManager, ticketIds: readonly string[], now: Date): Promise<Map<string, DueTimer[]>> {
    return this.timers.claimDue(tx, ticketIds, now);
  }

  /**
   * The calendar changes under way: a timer planned before one is compared with its calendar as
   * it stands. One small read per batch, usually of nothing. A change made through another
   * replica reaches this one's cache only when its entry is next checked (CALENDAR_CACHE_FRESH_MS),
   * and compared with the version before it, a deadline the change moved later would breach and
   * escalate by its old moment: the cache is brought to each change's version first, which reads
   * the table only when it holds an older one.
   */
  protected async batch(tx: EntityManager): Promise<WalkUnderWay[]> {
    const walks = await this.walks.walksUnderWay(tx);
    const latest = new Map<string, number>();
    for (const { calendarId, version } of walks) latest.set(calendarId, Math.max(version, latest.get(calendarId) ?? 0));
    for (const [calendarId, version] of latest) await this.calendars.catchUp(calendarId, version, tx);
    return walks;
  }

  protected command(timers: readonly DueTimer[], ticketId: string, walks: readonly WalkUnderWay[]): TicketCommandData {
    const calendarsChanging = calendarsChangingFor(walks, ticketId);
    return { action: 'fire_sla_timers', timers, ...(calendarsChanging.length > 0 ? { calendarsChanging } : {}) };
  }
}
