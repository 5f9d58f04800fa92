import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Logger } from '@cs/observability';
import type { ServiceConfig } from '@cs/config';
import { LOGGER, SERVICE_CONFIG } from '@cs/platform';
import type { Ticket } from '../domain/ticket';
import { OpinionDeadlineRepository } from '../infrastructure/opinion-deadline.repository';
import { TicketRepository } from '../infrastructure/ticket.repository';
import { DueWorkLoop } from './due-work-loop';
import { RunTicketCommand } from './run-ticket-command';

/**
 * Reports opinions not given by their deadline (`ticket.opinion_overdue.v1`), once: each ticket
 * in one transaction with its row locked (skipped while another replica or a request holds
 * it), its due deadlines claimed and the event written to the outbox — as SLA timers fire.
 */
@Injectable()
export class FireOpinionDeadlines extends DueWorkLoop {
  constructor(
    dataSource: DataSource,
    tickets: TicketRepository,
    private readonly deadlines: OpinionDeadlineRepository,
    private readonly run: RunTicketCommand,
    @Inject(LOGGER) logger: Logger,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    super('opinion deadlines', logger, () => config.slaTimerPollMs, dataSource, tickets);
  }

  protected ticketsWithDue(db: EntityManager, now: Date, limit: number): Promise<string[]> {
    return this.deadlines.ticketsWithDue(db, now, limit);
  }

  protected async fireOnLockedTicket(tx: EntityManager, ticket: Ticket, now: Date): Promise<number> {
    const opinionIds = await this.deadlines.claimDue(tx, ticket.id, now);
    if (opinionIds.length > 0) await this.run.decideAndSave(tx, ticket, { action: 'fire_opinion_deadlines', opinionIds }, 'system', now);
    return opinionIds.length;
  }
}
