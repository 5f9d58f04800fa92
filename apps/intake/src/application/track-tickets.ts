import type { EntityManager } from 'typeorm';
import type { EventData, TicketCreatedV1 } from '@cs/contracts';
import type { DomainEvent } from '@cs/messaging';

/** Keeps intake's projection of tickets, so follow-up contacts can find the open matter. */
export async function rememberTicket(event: DomainEvent<EventData<typeof TicketCreatedV1>>, tx: EntityManager): Promise<void> {
  const t = event.data;
  await tx.query(
    `INSERT INTO known_tickets (ticket_id, number, customer_id, item_code, open, opened_at)
     VALUES ($1, $2, $3, $4, true, $5) ON CONFLICT (ticket_id) DO NOTHING`,
    [t.ticketId, t.number, t.customerId, t.itemCode ?? null, t.createdAt],
  );
}
