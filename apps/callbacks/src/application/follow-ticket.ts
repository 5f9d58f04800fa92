import type { EntityManager } from 'typeorm';
import type { EventData, TicketCreatedV1 } from '@cs/contracts';
import type { DomainEvent } from '@cs/messaging';

/**
 * The callbacks service keeps its own copy of the tickets it will call back about, so
 * scheduling a 回访 after resolution never needs the tickets service's tables.
 */
export async function followTicket(event: DomainEvent<EventData<typeof TicketCreatedV1>>, tx: EntityManager): Promise<void> {
  const t = event.data;
  await tx.query(
    `INSERT INTO followed_tickets (ticket_id, number, customer_id, section_code, item_code, project_code, owner_id, status, opened_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (ticket_id) DO NOTHING`,
    [t.ticketId, t.number, t.customerId, t.sectionCode ?? null, t.itemCode ?? null, t.unit.projectCode ?? null, t.ownerId, t.status, t.createdAt],
  );
}
