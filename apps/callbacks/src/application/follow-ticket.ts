import type { EntityManager } from 'typeorm';
import type { EventData, TicketCreatedV1 } from '@cs/contracts';
import { presentProps } from '@cs/ddd';
import type { DomainEvent } from '@cs/messaging';
import { insertFollowedTicket } from '../infrastructure/followed-tickets.repository';

/**
 * The callbacks service keeps its own copy of the tickets it will call back about, so
 * scheduling a 回访 after resolution never needs the tickets service's tables.
 */
export async function followTicket(event: DomainEvent<EventData<typeof TicketCreatedV1>>, tx: EntityManager): Promise<void> {
  const t = event.data;
  await insertFollowedTicket(tx, {
    ticketId: t.ticketId,
    number: t.number,
    customerId: t.customerId,
    ...presentProps({ sectionCode: t.sectionCode, itemCode: t.itemCode, projectCode: t.unit.projectCode }),
    ownerId: t.ownerId,
    status: t.status,
    openedAt: t.createdAt,
    scheduled: t.origin?.kind === 'schedule',
  });
}
