import { type EventData, TicketCreatedV1, type TicketEscalatedV1 } from '@cs/contracts';
import { presentProps } from '@cs/ddd';
import type { DomainEvent } from '@cs/messaging';
import { Gathering, InboxContext, mergesOrErasesCustomers } from '@cs/platform';
import { holdToSchedule } from '../infrastructure/customer-copies';
import { NewFollowedTicket, insertFollowedTickets, setFollowedTicketGrade } from '../infrastructure/followed-tickets.repository';

// Held first, so a merge in flight is seen whole and the ticket is followed for the survivor (alone
// when the transaction goes on to merge or erase customers).
const gathered = new Gathering<NewFollowedTicket>([TicketCreatedV1.type], async (tx, tickets, held) => {
  await holdToSchedule(tx, mergesOrErasesCustomers(held));
  await insertFollowedTickets(tx, tickets);
});

/**
 * The callbacks service keeps its own copy of the tickets it will call back about, so
 * scheduling a 回访 after resolution never needs the tickets service's tables. A transaction's
 * new tickets are written together (ADR 0046), before the transaction's next event of another
 * type from the tickets topic (ADR 0062) or its commit.
 */
export function followTicket(event: DomainEvent<EventData<typeof TicketCreatedV1>>, context: InboxContext): void {
  const t = event.data;
  gathered.add(context, {
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

/**
 * A complaint found major may be called back under a policy of its own: the ticket followed is
 * graded so. The customers' gate first, before the row a merge moves, as every handler that locks
 * what a merge or an erasure locks (ADR 0092).
 */
export async function gradeFollowedTicket(event: DomainEvent<EventData<typeof TicketEscalatedV1>>, context: InboxContext): Promise<void> {
  if (event.data.reason !== 'major_complaint') return;
  await holdToSchedule(context.tx, mergesOrErasesCustomers(context));
  await setFollowedTicketGrade(context.tx, event.data.ticketId, 'major');
}
