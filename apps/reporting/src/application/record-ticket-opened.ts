import type { EntityManager } from 'typeorm';
import type { EventData, TicketCreatedV1 } from '@cs/contracts';
import { presentProps } from '@cs/ddd';
import type { DomainEvent } from '@cs/messaging';
import { recordTicketFact } from '../infrastructure/ticket-facts.repository';

/** Read model built only from events: one fact row per opened ticket. */
export async function recordTicketOpened(event: DomainEvent<EventData<typeof TicketCreatedV1>>, tx: EntityManager): Promise<void> {
  const t = event.data;
  await recordTicketFact(tx, {
    ticketId: t.ticketId,
    number: t.number,
    channel: t.channel,
    ...presentProps({ sectionCode: t.sectionCode, itemCode: t.itemCode, projectCode: t.unit.projectCode }),
    ownerId: t.ownerId,
    openedAt: t.createdAt,
  });
}
