import { type EventData, TicketCreatedV1 } from '@cs/contracts';
import type { DomainEvent } from '@cs/messaging';
import { Gathering, InboxContext } from '@cs/platform';
import { DemandSeen, countDemand } from '../infrastructure/item-demand.repository';

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
