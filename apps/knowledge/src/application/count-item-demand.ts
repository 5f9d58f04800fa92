import type { EntityManager } from 'typeorm';
import type { EventData, TicketCreatedV1 } from '@cs/contracts';
import type { DomainEvent } from '@cs/messaging';

const UNCLASSIFIED = 'unclassified';

/**
 * How often customers raise each catalogue item: where unified answers (统一答复语) are
 * most needed, and so where a missing one is a knowledge gap worth closing first. Counted per
 * project, so each project's staff see their own demand.
 */
export async function countItemDemand(event: DomainEvent<EventData<typeof TicketCreatedV1>>, tx: EntityManager): Promise<void> {
  await tx.query(
    `INSERT INTO item_demand (item_code, project_code, tickets, last_seen_at) VALUES ($1, $2, 1, $3)
     ON CONFLICT (item_code, project_code) DO UPDATE
       SET tickets = item_demand.tickets + 1, last_seen_at = greatest(item_demand.last_seen_at, excluded.last_seen_at)`,
    [event.data.itemCode ?? UNCLASSIFIED, event.data.unit.projectCode ?? '', event.data.createdAt],
  );
}
