import type { EntityManager } from 'typeorm';
import type { EventData, TicketCreatedV1 } from '@cs/contracts';
import type { DomainEvent } from '@cs/messaging';

/** Keeps intake's projection of tickets, so follow-up contacts can find the open matter; a matter intake named already gains its number. */
export async function rememberTicket(event: DomainEvent<EventData<typeof TicketCreatedV1>>, tx: EntityManager): Promise<void> {
  const t = event.data;
  await tx.query(
    `INSERT INTO known_tickets (ticket_id, number, customer_id, item_code, project_code, open, opened_at)
     VALUES ($1, $2, $3, $4, $5, true, $6) ON CONFLICT (ticket_id) DO UPDATE SET number = excluded.number`,
    [t.ticketId, t.number, t.customerId, t.itemCode ?? null, t.unit.projectCode ?? null, t.createdAt],
  );
}

/** A resolved or closed ticket no longer collects follow-ups; a new contact about the item opens a new matter. */
export async function forgetHandledTicket(event: DomainEvent<{ ticketId: string }>, tx: EntityManager): Promise<void> {
  await tx.query('UPDATE known_tickets SET open = false WHERE ticket_id = $1', [event.data.ticketId]);
}

/** Re-processing makes the ticket the open matter again. */
export async function rememberReopenedTicket(event: DomainEvent<{ ticketId: string }>, tx: EntityManager): Promise<void> {
  await tx.query('UPDATE known_tickets SET open = true WHERE ticket_id = $1', [event.data.ticketId]);
}
