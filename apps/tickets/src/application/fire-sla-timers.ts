import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Logger } from '@cs/observability';
import type { ServiceConfig } from '@cs/config';
import { LOGGER, SERVICE_CONFIG } from '@cs/platform';
import type { Ticket } from '../domain/ticket';
import { SlaTimerRepository } from '../infrastructure/sla-timer.repository';
import { TicketRepository } from '../infrastructure/ticket.repository';
import { DueWorkLoop } from './due-work-loop';
import { RunTicketCommand } from './run-ticket-command';

/**
 * Fires due SLA timers: warnings, breaches (escalating to the supervisor) and the manager
 * escalation of a breach left open. Each ticket is handled in one transaction with its row
 * locked (skipped if another replica or a request holds it), its due timers claimed, its
 * events written to the outbox and the timers marked fired — so a timer fires once across
 * replicas and restarts.
 */
@Injectable()
export class FireSlaTimers extends DueWorkLoop {
  constructor(
    dataSource: DataSource,
    tickets: TicketRepository,
    private readonly timers: SlaTimerRepository,
    private readonly run: RunTicketCommand,
    @Inject(LOGGER) logger: Logger,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    super('SLA timers', logger, () => config.slaTimerPollMs, dataSource, tickets);
  }

  protected ticketsWithDue(db: EntityManager, now: Date, limit: number): Promise<string[]> {
    return this.timers.ticketsWithDueTimers(db, now, limit);
  }

  protected async fireOnLockedTicket(tx: EntityManager, ticket: Ticket, now: Date): Promise<number> {
    const due = await this.timers.claimDue(tx, ticket.id, now);
    if (due.length === 0) return 0;
    await this.timers.markFired(tx, due.map((t) => t.id), now);
    await this.run.decideAndSave(tx, ticket, { action: 'fire_sla_timers', timers: due }, 'system', now);
    return due.length;
  }
}
