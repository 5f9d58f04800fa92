import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Logger } from '@cs/observability';
import type { ServiceConfig } from '@cs/config';
import { DueWorkFailures, LOGGER, SERVICE_CONFIG } from '@cs/platform';
import type { TicketCommandData } from '../domain/ticket-commands';
import { OpinionDeadlineRepository } from '../infrastructure/opinion-deadline.repository';
import { TicketRepository } from '../infrastructure/ticket.repository';
import { RunTicketCommand } from './run-ticket-command';
import { TicketDueWorkLoop } from './ticket-due-work-loop';

/**
 * Reports opinions not given by their deadline (`ticket.opinion_overdue.v1`), once: a batch of
 * tickets in one transaction with their rows locked (skipping those another replica or a
 * request holds), their due deadlines claimed and the events written to the outbox — as SLA
 * timers fire.
 */
@Injectable()
export class FireOpinionDeadlines extends TicketDueWorkLoop<string> {
  constructor(
    dataSource: DataSource,
    tickets: TicketRepository,
    private readonly deadlines: OpinionDeadlineRepository,
    run: RunTicketCommand,
    failures: DueWorkFailures,
    @Inject(LOGGER) logger: Logger,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    super('opinion_deadlines', logger, config.slaTimerPollMs, dataSource, failures, tickets, run);
  }

  protected candidates(db: EntityManager, now: Date, limit: number): Promise<string[]> {
    return this.deadlines.ticketsWithDue(db, now, limit);
  }

  protected claim(tx: EntityManager, ticketIds: readonly string[], now: Date): Promise<Map<string, string[]>> {
    return this.deadlines.claimDue(tx, ticketIds, now);
  }

  protected batch(): Promise<void> {
    return Promise.resolve();
  }

  protected command(opinionIds: readonly string[]): TicketCommandData {
    return { action: 'fire_opinion_deadlines', opinionIds };
  }
}
