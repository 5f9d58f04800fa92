import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CallbackCompletedV1, EventData } from '@cs/contracts';
import type { DomainEvent } from '@cs/messaging';
import { TicketRepository } from '../infrastructure/ticket.repository';
import { RunTicketCommand } from './run-ticket-command';

/** 回访不满意 — a dissatisfied customer at the callback sends the ticket back for re-processing. */
@Injectable()
export class ReopenOnCallback {
  constructor(
    private readonly tickets: TicketRepository,
    private readonly run: RunTicketCommand,
  ) {}

  async handle(event: DomainEvent<EventData<typeof CallbackCompletedV1>>, tx: EntityManager): Promise<void> {
    if (event.data.satisfied) return;
    const ticket = await this.tickets.find(tx, event.data.ticketId);
    // Only a handled ticket can be re-processed; one already reopened stays as it is.
    if (!ticket || (ticket.status !== 'resolved' && ticket.status !== 'closed')) return;
    // The customer's verdict reopens the ticket, not the agent who called: it carries the
    // supervisor's authority, which extends to closed tickets.
    await this.run.executeIn(
      tx,
      ticket.id,
      { sub: event.data.by, roles: ['supervisor'] },
      { action: 'reopen', command: { type: 'reopen', reason: `回访不满意${event.data.comment ? `：${event.data.comment}` : ''}` } },
    );
  }
}
