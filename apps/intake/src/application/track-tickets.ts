import type { EntityManager } from 'typeorm';
import type { EventData, TICKET_LIFECYCLE_EVENTS, TicketCreatedV1, TicketMergedV1 } from '@cs/contracts';
import { presentProps } from '@cs/ddd';
import type { DomainEvent } from '@cs/messaging';
import { Gathering, InboxContext } from '@cs/platform';
import { TicketChange, followTicket as follow, followTickets, rememberMerge, rememberTicket as remember } from '../infrastructure/known-tickets';

/** Any event of a ticket's lifecycle: each carries the ticket's routing fields and status as the event left them. */
export type TicketLifecycleEvent = EventData<(typeof TICKET_LIFECYCLE_EVENTS)[number]>;

/** Keeps intake's projection of tickets, so follow-up contacts can find the open matter; a matter intake named already gains its number. */
export async function rememberTicket(event: DomainEvent<EventData<typeof TicketCreatedV1>>, tx: EntityManager): Promise<void> {
  const t = event.data;
  await remember(tx, {
    ticketId: t.ticketId,
    number: t.number,
    customerId: t.customerId,
    ...presentProps({ itemCode: t.itemCode, projectCode: t.unit.projectCode }),
    openedAt: t.createdAt,
    ...(t.nextDueAt ? { nextDueAt: t.nextDueAt } : {}),
  });
}

function changeOf(event: DomainEvent<TicketLifecycleEvent | EventData<typeof TicketMergedV1>>): TicketChange {
  const t = event.data;
  return {
    ticketId: t.ticketId,
    number: t.number,
    customerId: t.customerId,
    status: t.status,
    ...(t.itemCode ? { itemCode: t.itemCode } : {}),
    ...(t.projectCode ? { projectCode: t.projectCode } : {}),
    ...(t.nextDueAt ? { nextDueAt: t.nextDueAt } : {}),
    ...(t.slaState ? { slaState: t.slaState } : {}),
    at: t.at,
  };
}

/**
 * Follows every later event: a resolved or closed ticket no longer collects follow-ups (a new
 * contact about the item opens a new matter), a reopened one does again; the caller desk shows
 * the status and the next deadline.
 */
export async function followTicket(event: DomainEvent<TicketLifecycleEvent | EventData<typeof TicketMergedV1>>, tx: EntityManager): Promise<void> {
  await follow(tx, changeOf(event));
}

/**
 * A consumer transaction's lifecycle events, followed together before it commits (a burst of SLA
 * warnings comes in chunks of many). The other ticket events of the transaction first write what
 * was gathered before them (`followedSoFar`), so each ticket's events still apply in order.
 */
const gathered = new Gathering<TicketChange>(followTickets);

export function gatherTicketChange(event: DomainEvent<TicketLifecycleEvent>, context: InboxContext): void {
  gathered.add(context, changeOf(event));
}

export async function followedSoFar(tx: EntityManager): Promise<void> {
  await gathered.flush(tx);
}

/**
 * 工单合并 — a merged ticket is closed like any other, and points to its survivor: a later
 * contact naming it follows up the survivor, and one about the same item finds the survivor open.
 */
export async function followMerge(event: DomainEvent<EventData<typeof TicketMergedV1>>, tx: EntityManager): Promise<void> {
  await followTicket(event, tx);
  await rememberMerge(tx, event.data.ticketId, event.data.survivorTicketId);
}
