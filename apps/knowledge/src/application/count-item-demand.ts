import type { EntityManager } from 'typeorm';
import { type EventData, TicketCreatedV1, type TicketRecordAmendedV1 } from '@cs/contracts';
import type { DomainEvent } from '@cs/messaging';
import { Gathering, InboxContext } from '@cs/platform';
import { DemandSeen, countDemand, moveDemand } from '../infrastructure/item-demand.repository';

const UNCLASSIFIED = 'unclassified';

// Nothing in a consumer transaction reads the appended demand (the fold and the API read what
// committed), so it is written only just before the commit.
const gathered = new Gathering<DemandSeen>([TicketCreatedV1.type], countDemand, { readBeforeCommit: false });

/**
 * How often customers raise each catalogue item: where unified answers (统一答复语) are
 * most needed, and so where a missing one is a knowledge gap worth closing first. Counted per
 * project, so each project's staff see their own demand; a transaction's tickets are counted
 * together before it commits (ADR 0046).
 */
export function countItemDemand(event: DomainEvent<EventData<typeof TicketCreatedV1>>, context: InboxContext): void {
  gathered.add(context, {
    itemCode: event.data.itemCode ?? UNCLASSIFIED,
    projectCode: event.data.unit.projectCode ?? '',
    seenAt: event.data.createdAt,
  });
}

/**
 * 补录 — a ticket the desk classified or corrected is counted under its new item from now on: the
 * demand shows what customers raise, and an unclassified contact was about the item it turned
 * out to be.
 */
export async function moveItemDemand(event: DomainEvent<EventData<typeof TicketRecordAmendedV1>>, tx: EntityManager): Promise<void> {
  const to = event.data.amended.itemCode;
  if (to === undefined) return;
  await moveDemand(tx, { from: event.data.previous.itemCode ?? UNCLASSIFIED, to, projectCode: event.data.projectCode ?? '', at: event.data.at });
}
