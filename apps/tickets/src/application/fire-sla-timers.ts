import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Logger } from '@cs/observability';
import type { ServiceConfig } from '@cs/config';
import { DueWorkFailures, LOGGER, SERVICE_CONFIG } from '@cs/platform';
import type { TicketCommandData } from '../domain/ticket-commands';
import { CalendarRecomputeJobRepository, WalkUnderWay, calendarsChangingFor } from '../infrastructure/calendar-recompute-jobs.repository';
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
   * The calendar changes still walked, in one small read per batch, usually of nothing: a timer
   * planned before a change still walked is compared with its calendar as it stands. The replica's
   * calendar cache is brought to the versions the batch's transaction sees where its tickets'
   * policies are read (policiesAndCalendarsOf), as for any change of a ticket: a walk ended within
   * the cache's CALENDAR_CACHE_FRESH_MS is counted by its version there.
   */
  protected batch(tx: EntityManager): Promise<WalkUnderWay[]> {
    return this.walks.underWay(tx);
  }

  protected command(timers: readonly DueTimer[], ticketId: string, walks: readonly WalkUnderWay[]): TicketCommandData {
    const calendarsChanging = calendarsChangingFor(walks, ticketId);
    return { action: 'fire_sla_timers', timers, ...(calendarsChanging.length > 0 ? { calendarsChanging } : {}) };
  }
}
