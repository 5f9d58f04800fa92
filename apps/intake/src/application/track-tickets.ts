import type { EntityManager } from 'typeorm';
import type { EventData, TicketCreatedV1 } from '@cs/contracts';
import { presentProps } from '@cs/ddd';
import type { DomainEvent } from '@cs/messaging';
import { markTicketOpen, rememberTicket as remember } from '../infrastructure/known-tickets';

/** Keeps intake's projection of tickets, so follow-up contacts can find the open matter; a matter intake named already gains its number. */
export async function rememberTicket(event: DomainEvent<EventData<typeof TicketCreatedV1>>, tx: EntityManager): Promise<void> {
  const t = event.data;
  await remember(tx, {
    ticketId: t.ticketId,
    number: t.number,
    customerId: t.customerId,
    ...presentProps({ itemCode: t.itemCode, projectCode: t.unit.projectCode }),
    openedAt: t.createdAt,
  });
}

/** A resolved or closed ticket no longer collects follow-ups; a new contact about the item opens a new matter. */
export async function forgetHandledTicket(event: DomainEvent<{ ticketId: string }>, tx: EntityManager): Promise<void> {
  await markTicketOpen(tx, event.data.ticketId, false);
}

/** Re-processing makes the ticket the open matter again. */
export async function rememberReopenedTicket(event: DomainEvent<{ ticketId: string }>, tx: EntityManager): Promise<void> {
  await markTicketOpen(tx, event.data.ticketId, true);
}
