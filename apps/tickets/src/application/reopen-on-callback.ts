import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CallbackCompletedV1, EventData } from '@cs/contracts';
import { presentProps } from '@cs/ddd';
import type { DomainEvent } from '@cs/messaging';
import { redactOptional } from '@cs/privacy';
import { holdToOpen, pseudonymIfErased } from '../infrastructure/customer-fates';
import { TicketRepository } from '../infrastructure/ticket.repository';
import { RunTicketCommand } from './run-ticket-command';

/**
 * 回访不满意 — a dissatisfied customer at the callback sends the ticket back for re-processing.
 * The customer's verdict reopens it, not the agent who called: no role rule applies, so even a
 * closed ticket reopens. What they said goes into the reason, until they are erased.
 */
@Injectable()
export class ReopenOnCallback {
  constructor(
    private readonly tickets: TicketRepository,
    private readonly run: RunTicketCommand,
  ) {}

  /** `mergingLater`: the consumer transaction goes on to merge or erase customers (see holdToOpen). */
  async handle(event: DomainEvent<EventData<typeof CallbackCompletedV1>>, tx: EntityManager, mergingLater = false): Promise<void> {
    const verdict = event.data;
    // Before the ticket's row, as a follow-up does: an erasure holding it alone then wipes every
    // reopening committed before it, and one after it sees the erasure.
    await holdToOpen(tx, mergingLater);
    const ticket = await this.tickets.find(tx, verdict.ticketId, true);
    if (!ticket) return;
    // Completed before its customer was erased, heard after: what they said is kept nowhere.
    const erased = (await pseudonymIfErased(tx, ticket.customerId)) !== undefined;
    const comment = erased ? undefined : redactOptional(verdict.comment);
    await this.run.decideAndSave(
      tx,
      ticket,
      { action: 'reopen_on_callback', satisfied: verdict.satisfied, ...presentProps({ comment }) },
      verdict.by,
      new Date(),
    );
  }
}
