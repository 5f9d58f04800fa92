import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Logger } from '@cs/observability';
import type { ServiceConfig } from '@cs/config';
import { DueWorkFailures, LOGGER, SERVICE_CONFIG } from '@cs/platform';
import type { TicketCommandData } from '../domain/ticket-commands';
import { CalendarRecomputeJobRepository, WalkUnderWay, calendarsChangingFor } from '../infrastructure/calendar-recompute-jobs.repository';
import { CALENDAR_CACHE_FRESH_MS, CalendarStore } from '../infrastructure/calendar-store';
import { DueTimer, SlaTimerRepository } from '../infrastructure/sla-timer.repository';
import { TicketRepository } from '../infrastructure/ticket.repository';
import { RunTicketCommand } from './run-ticket-command';
import { TicketDueWorkLoop } from './ticket-due-work-loop';

/**
 * How long after its walk ended a calendar change is still caught up with: a replica's cache may
 * hold the version before for CALENDAR_CACHE_FRESH_MS after it, and the walk's end is stamped by
 * another replica's clock, so ample room is left for clocks that disagree.
 */
export const WALK_ENDED_LATELY_MS = CALENDAR_CACHE_FRESH_MS + 28_000;

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
   * The calendar changes a batch must count by, in one small read per batch, usually of nothing.
   * A timer planned before a change still walked is compared with its calendar as it stands. A
   * change made through another replica reaches this one's cache only when its entry is next
   * checked (CALENDAR_CACHE_FRESH_MS): counted by the version before, a deadline the change moved
   * later would breach by its old moment, and one it moved earlier, its walk already ended, would
   * be put back where it was. So the cache is brought to the newest version of each calendar whose
   * walk is under way or ended within WALK_ENDED_LATELY_MS, which reads the table only when it
   * holds an older one.
   */
  protected async batch(tx: EntityManager, now: Date): Promise<WalkUnderWay[]> {
    const changes = await this.walks.changesSince(tx, new Date(now.getTime() - WALK_ENDED_LATELY_MS));
    for (const [calendarId, version] of changes.versions) await this.calendars.catchUp(calendarId, version, tx);
    return [...changes.underWay];
  }

  protected command(timers: readonly DueTimer[], ticketId: string, walks: readonly WalkUnderWay[]): TicketCommandData {
    const calendarsChanging = calendarsChangingFor(walks, ticketId);
    return { action: 'fire_sla_timers', timers, ...(calendarsChanging.length > 0 ? { calendarsChanging } : {}) };
  }
}
