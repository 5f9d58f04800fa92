import type { EntityManager } from 'typeorm';
import type { ContactFollowedUpV1, CustomerErasedV1, CustomerMergedV1, EventData } from '@cs/contracts';
import { DomainError } from '@cs/ddd';
import type { DomainEvent } from '@cs/messaging';
import { writeTogether } from '@cs/persistence';
import type { TicketCommandData } from '../domain/ticket-commands';
import { decide } from '../domain/ticket-decide';
import { evolveAll } from '../domain/ticket-evolve';
import { holdToMergeOrErase, holdToOpen, pseudonymIfErased, rememberErased, rememberMerged } from '../infrastructure/customer-fates';
import { isContactLinked, linkContactsPart } from '../infrastructure/ticket-contacts';
import { TicketRepository } from '../infrastructure/ticket.repository';
import { NO_CALENDARS } from './calendar-source';
import { historyOf } from './ticket-history';

// These handlers are registered as plain functions; the repository holds no state, so one serves them all.
const tickets = new TicketRepository();

/**
 * 催办 — a contact intake routed to a ticket joins it (ADR 0009: intake's routing is the
 * decision). A ticket not here yet is opened by a `contact.received` still on its way, so the
 * follow-up fails and is retried; one handled meanwhile records the contact all the same, and
 * one merged meanwhile passes it on to its survivor.
 */
export async function linkFollowUp(event: DomainEvent<EventData<typeof ContactFollowedUpV1>>, tx: EntityManager, mergingLater = false): Promise<void> {
  const c = event.data;
  const at = new Date(c.occurredAt);
  // First, before the ticket's row: a merge or an erasure holding it alone then moves or wipes
  // tickets no follow-up holds; the other order deadlocked with it on the customer's ticket.
  await holdToOpen(tx, mergingLater);
  let before = await tickets.find(tx, c.ticketId, true);
  // Intake routed it before it heard of a merge: the survivor carries the matter now.
  while (before?.mergedInto) before = await tickets.find(tx, before.mergedInto, true);
  const data: TicketCommandData = {
    action: 'link_follow_up',
    contactId: c.contactId,
    channel: c.channel,
    reason: c.reason,
    alreadyLinked: await isContactLinked(tx, c.contactId),
  };
  const events = decide({ data, metadata: { at, by: c.recordedBy, calendars: NO_CALENDARS } }, before);
  if (events instanceof DomainError) throw events;
  const after = evolveAll(before, events);
  const history = historyOf(data, events, c.recordedBy);
  if (!after || !history) return;
  // Recorded before its customer was erased, arriving after: what they said is kept nowhere.
  const erased = (await pseudonymIfErased(tx, after.customerId)) !== undefined;
  // The link, the count and the history in one statement: three writes, one round trip.
  await writeTogether(tx, [
    linkContactsPart([{ ticketId: after.id, contactId: c.contactId, kind: 'follow_up', channel: c.channel, occurredAt: at, summary: erased ? undefined : c.summary }], at),
    tickets.repeatContactsPart(after),
    tickets.historiesPart([{ ticketId: after.id, at, actor: history.actor, action: history.action, details: history.details }]),
  ]);
}

/**
 * Tickets of a merged duplicate now belong to the surviving customer, and so does a ticket opened
 * later from a contact of the duplicate intake recorded before the merge.
 */
export async function followCustomerMerge(event: DomainEvent<EventData<typeof CustomerMergedV1>>, tx: EntityManager): Promise<void> {
  const m = event.data;
  await holdToMergeOrErase(tx);
  // To whom the survivor became, when that later merge was heard first (another partition).
  const survivor = await rememberMerged(tx, m.mergedCustomerId, m.customerId, new Date(m.mergedAt));
  // That one erased before this merge was heard (the later merge and the erasure share a key, this
  // merge has another): the duplicate's tickets join them as the erasure left theirs.
  const erasedAs = await pseudonymIfErased(tx, survivor);
  if (erasedAs !== undefined) await tickets.forgetCustomer(tx, m.mergedCustomerId, erasedAs);
  await tickets.reassignCustomer(tx, m.mergedCustomerId, survivor);
}

/**
 * An erased customer's tickets keep only the pseudonym, and none of what they said; so does a
 * ticket opened later from a contact of theirs intake recorded before the erasure.
 */
export async function forgetErasedCustomer(event: DomainEvent<EventData<typeof CustomerErasedV1>>, tx: EntityManager): Promise<void> {
  const e = event.data;
  await holdToMergeOrErase(tx);
  await tickets.forgetCustomer(tx, e.customerId, e.pseudonym);
  await rememberErased(tx, e.customerId, e.pseudonym, new Date(e.erasedAt));
}
