import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Logger } from '@cs/observability';
import type { ServiceConfig } from '@cs/config';
import { LOGGER, SERVICE_CONFIG } from '@cs/platform';
import { OpinionDeadlineRepository } from '../infrastructure/opinion-deadline.repository';
import { TicketRepository } from '../infrastructure/ticket.repository';
import { DueWorkLoop } from './due-work-loop';
import { RunTicketCommand } from './run-ticket-command';

const BATCH = 20;

/**
 * Reports opinions not given by their deadline (`ticket.opinion_overdue.v1`), once: each ticket
 * in one transaction with its row locked (skipped while another replica or a request holds
 * it), its due deadlines claimed and the event written to the outbox — as SLA timers fire.
 */
@Injectable()
export class FireOpinionDeadlines extends DueWorkLoop {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tickets: TicketRepository,
    private readonly deadlines: OpinionDeadlineRepository,
    private readonly run: RunTicketCommand,
    @Inject(LOGGER) logger: Logger,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    super('opinion deadlines', logger, () => config.slaTimerPollMs);
  }

  /** Fires what is due now; returns how many deadlines fired. */
  async fireDue(now = new Date()): Promise<number> {
    let fired = 0;
    for (const ticketId of await this.deadlines.ticketsWithDue(this.dataSource.manager, now, BATCH)) {
      fired += await this.dataSource.transaction((tx) => this.fireForTicket(tx, ticketId, now));
    }
    return fired;
  }

  private async fireForTicket(tx: EntityManager, ticketId: string, now: Date): Promise<number> {
    const ticket = await this.tickets.tryLock(tx, ticketId);
    if (!ticket) return 0;
    const opinionIds = await this.deadlines.claimDue(tx, ticketId, now);
    if (opinionIds.length > 0) await this.run.decideAndSave(tx, ticket, { action: 'fire_opinion_deadlines', opinionIds }, 'system', now);
    return opinionIds.length;
  }
}
