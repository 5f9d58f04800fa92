import type { EntityManager } from 'typeorm';
import type { EventData, TicketCreatedV1 } from '@cs/contracts';
import type { DomainEvent } from '@cs/messaging';
import { countDemand } from '../infrastructure/item-demand.repository';

const UNCLASSIFIED = 'unclassified';

/**
 * How often customers raise each catalogue item: where unified answers (统一答复语) are
 * most needed, and so where a missing one is a knowledge gap worth closing first. Counted per
 * project, so each project's staff see their own demand.
 */
export async function countItemDemand(event: DomainEvent<EventData<typeof TicketCreatedV1>>, tx: EntityManager): Promise<void> {
  await countDemand(tx, {
    itemCode: event.data.itemCode ?? UNCLASSIFIED,
    projectCode: event.data.unit.projectCode ?? '',
    seenAt: event.data.createdAt,
  });
}
