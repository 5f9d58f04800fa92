import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventData, EventDefinition } from '@cs/contracts';
import { OutboxWriter } from '@cs/messaging';
import { OUTBOX } from '@cs/platform';
import type { SlaPolicy } from '../domain/sla-policy';
import type { Ticket } from '../domain/ticket';
import { CalendarLookup, nextDue, timersFor } from '../domain/ticket-sla';
import { SlaTimerRepository } from '../infrastructure/sla-timer.repository';
import { TicketRepository } from '../infrastructure/ticket.repository';

export interface PendingEvent<D extends EventDefinition = EventDefinition> {
  readonly definition: D;
  readonly data: EventData<D>;
}

export function event<D extends EventDefinition>(definition: D, data: EventData<D>): PendingEvent {
  return { definition, data } as PendingEvent;
}

/**
 * The one way a ticket change is committed: the row, its history entry, its re-planned SLA
 * timers and its events, all in the caller's transaction.
 */
@Injectable()
export class TicketWriter {
  constructor(
    private readonly tickets: TicketRepository,
    private readonly timers: SlaTimerRepository,
    @Inject(OUTBOX) private readonly outbox: OutboxWriter,
  ) {}

  async create(tx: EntityManager, ticket: Ticket, calendars: CalendarLookup, policy: SlaPolicy | undefined, now: Date, events: readonly PendingEvent[]): Promise<void> {
    await this.tickets.insert(tx, ticket, nextDue(calendars, ticket, now));
    await this.tickets.addHistory(tx, ticket.id, now, ticket.ownerId, 'created', { contactId: ticket.contactId, policyId: ticket.policyId });
    await this.timers.replan(tx, ticket.id, timersFor(calendars, ticket, policy, now));
    await this.publish(tx, ticket.id, events);
  }

  async update(
    tx: EntityManager,
    ticket: Ticket,
    calendars: CalendarLookup,
    policy: SlaPolicy | undefined,
    now: Date,
    history: { actor: string; action: string; details?: object },
    events: readonly PendingEvent[],
  ): Promise<Ticket> {
    const version = await this.tickets.update(tx, ticket, nextDue(calendars, ticket, now));
    await this.tickets.addHistory(tx, ticket.id, now, history.actor, history.action, history.details ?? {});
    await this.timers.replan(tx, ticket.id, timersFor(calendars, ticket, policy, now));
    await this.publish(tx, ticket.id, events);
    return { ...ticket, version };
  }

  private async publish(tx: EntityManager, ticketId: string, events: readonly PendingEvent[]): Promise<void> {
    for (const e of events) await this.outbox.append(tx, e.definition, ticketId, e.data);
  }
}
