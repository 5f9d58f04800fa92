import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Logger } from '@cs/observability';
import type { ServiceConfig } from '@cs/config';
import { LOGGER, SERVICE_CONFIG } from '@cs/platform';
import { SlaTimerRepository } from '../infrastructure/sla-timer.repository';
import { TicketRepository } from '../infrastructure/ticket.repository';
import { DueWorkLoop } from './due-work-loop';
import { RunTicketCommand } from './run-ticket-command';

const BATCH = 20;

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
    private readonly dataSource: DataSource,
    private readonly tickets: TicketRepository,
    private readonly timers: SlaTimerRepository,
    private readonly run: RunTicketCommand,
    @Inject(LOGGER) logger: Logger,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    super('SLA timers', logger, () => config.slaTimerPollMs);
  }

  /** Fires what is due now; returns how many timers fired. */
  async fireDue(now = new Date()): Promise<number> {
    const ticketIds = await this.timers.ticketsWithDueTimers(this.dataSource.manager, now, BATCH);
    let fired = 0;
    for (const ticketId of ticketIds) {
      fired += await this.dataSource.transaction((tx) => this.fireForTicket(tx, ticketId, now));
    }
    return fired;
  }

  private async fireForTicket(tx: EntityManager, ticketId: string, now: Date): Promise<number> {
    const ticket = await this.tickets.tryLock(tx, ticketId);
    if (!ticket) return 0;
    const due = await this.timers.claimDue(tx, ticketId, now);
    if (due.length === 0) return 0;
    await this.timers.markFired(tx, due.map((t) => t.id), now);
    await this.run.decideAndSave(tx, ticket, { action: 'fire_sla_timers', timers: due }, 'system', now);
    return due.length;
  }
}
