import type { EntityManager } from 'typeorm';
import { type EventData, TICKET_LIFECYCLE_EVENTS, TicketCreatedV1, type TicketMergedV1 } from '@cs/contracts';
import { presentProps } from '@cs/ddd';
import type { DomainEvent } from '@cs/messaging';
import { Gathering, InboxContext } from '@cs/platform';
import { holdToFollow } from '../infrastructure/customer-copies';
import { OpenedTicket, TicketChange, followTicket as follow, followTickets, rememberMerge, rememberTickets } from '../infrastructure/known-tickets';

/** Any event of a ticket's lifecycle: each carries the ticket's routing fields and status as the event left them. */
export type TicketLifecycleEvent = EventData<(typeof TICKET_LIFECYCLE_EVENTS)[number]>;

/** A ticket's opening as intake remembers it. */
function openingOf(event: DomainEvent<EventData<typeof TicketCreatedV1>>): OpenedTicket {
  const t = event.data;
  return {
    ticketId: t.ticketId,
    number: t.number,
    customerId: t.customerId,
    ...presentProps({ itemCode: t.itemCode, projectCode: t.unit.projectCode }),
    openedAt: t.createdAt,
    ...(t.nextDueAt ? { nextDueAt: t.nextDueAt } : {}),
  };
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
    // When the tickets service recorded the event, which orders a ticket's events as they were
    // decided; the data's own time is a timer's due time, earlier than a change made while it waited.
    at: event.time,
  };
}

/**
 * Follows every later event: a resolved or closed ticket no longer collects follow-ups (a new
 * contact about the item opens a new matter), a reopened one does again; the caller desk shows
 * the status and the next deadline.
 */
export async function followTicket(event: DomainEvent<TicketLifecycleEvent | EventData<typeof TicketMergedV1>>, tx: EntityManager): Promise<void> {
  await holdToFollow(tx);
  await follow(tx, changeOf(event));
}

/** What a ticket event does to intake's copy: a ticket opened, or one followed through a later event. */
type TicketStep = { readonly opened: OpenedTicket } | { readonly changed: TicketChange };

const stepTicket = (step: TicketStep): string => ('opened' in step ? step.opened.ticketId : step.changed.ticketId);

/**
 * A transaction's steps in runs where no ticket comes twice, in order: within a run the steps are
 * of different tickets, so its openings and its changes can be written in a statement each
 * without reordering any ticket's own steps.
 */
export function runsOfDistinctTickets(steps: readonly TicketStep[]): TicketStep[][] {
  const runs: TicketStep[][] = [];
  let seen = new Set<string>();
  for (const step of steps) {
    const ticket = stepTicket(step);
    if (runs.length === 0 || seen.has(ticket)) {
      runs.push([]);
      seen = new Set();
    }
    seen.add(ticket);
    runs[runs.length - 1]!.push(step);
  }
  return runs;
}

async function writeSteps(tx: EntityManager, steps: readonly TicketStep[]): Promise<void> {
  await holdToFollow(tx);
  for (const run of runsOfDistinctTickets(steps)) {
    await rememberTickets(tx, run.flatMap((step) => ('opened' in step ? [step.opened] : [])));
    await followTickets(tx, run.flatMap((step) => ('changed' in step ? [step.changed] : [])));
  }
}

/**
 * A consumer transaction's openings and lifecycle events, written together before it commits
 * (a transaction holds the chunks of every partition of a fetch, and a burst of SLA warnings
 * comes in chunks of many). An event of another type (a merge) comes after what was gathered
 * before it is written (ADR 0062), so each ticket's events still apply in order.
 */
const gathered = new Gathering<TicketStep>([TicketCreatedV1.type, ...TICKET_LIFECYCLE_EVENTS.map((e) => e.type)], writeSteps);

/** Keeps intake's projection of tickets, so follow-up contacts can find the open matter; a matter intake named already gains its number. */
export function gatherTicketOpening(event: DomainEvent<EventData<typeof TicketCreatedV1>>, context: InboxContext): void {
  gathered.add(context, { opened: openingOf(event) });
}

export function gatherTicketChange(event: DomainEvent<TicketLifecycleEvent>, context: InboxContext): void {
  gathered.add(context, { changed: changeOf(event) });
}

/**
 * 工单合并 — a merged ticket is closed like any other, and points to its survivor: a later
 * contact naming it follows up the survivor, and one about the same item finds the survivor open.
 */
export async function followMerge(event: DomainEvent<EventData<typeof TicketMergedV1>>, tx: EntityManager): Promise<void> {
  await followTicket(event, tx);
  await rememberMerge(tx, event.data.ticketId, event.data.survivorTicketId);
}
