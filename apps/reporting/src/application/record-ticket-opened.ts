import type { EntityManager } from 'typeorm';
import type { EventData, TicketCreatedV1 } from '@cs/contracts';
import type { DomainEvent } from '@cs/messaging';

/** Read model built only from events: one fact row per opened ticket. */
export async function recordTicketOpened(
  event: DomainEvent<EventData<typeof TicketCreatedV1>>,
  tx: EntityManager,
): Promise<void> {
  const t = event.data;
  await tx.query(
    `INSERT INTO ticket_facts (ticket_id, number, channel, section_code, item_code, project_code, owner_id, opened_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (ticket_id) DO NOTHING`,
    [t.ticketId, t.number, t.channel, t.sectionCode ?? null, t.itemCode ?? null, t.unit.projectCode ?? null, t.ownerId, t.createdAt],
  );
}
