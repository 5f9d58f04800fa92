import type { EntityManager } from 'typeorm';
import {
  CallbackAttemptedV1,
  CallbackCancelledV1,
  CallbackCompletedV1,
  CallbackFailedV1,
  CallbackOverdueV1,
  CallbackDueRecomputedV1,
  CallbackScheduledV1,
  ContactReceivedV1,
  EventData,
  EventDefinition,
  IncidentDeclaredV1,
  IncidentDispatchedV1,
  IncidentResolvedV1,
  IncidentSlaBreachedV1,
  SlaBreachedV1,
  TicketClosedV1,
  TicketRecordAmendedV1,
  TicketCreatedV1,
  TicketDispatchedV1,
  TicketEscalatedV1,
  TicketExtendedV1,
  TicketIncidentJoinedV1,
  TicketOnSiteV1,
  TicketMergedV1,
  TicketRepliedV1,
  TicketReopenedV1,
  TicketResolvedV1,
  TicketValidityDecidedV1,
} from '@cs/contracts';
import { presentProps } from '@cs/ddd';
import type { DomainEvent } from '@cs/messaging';
import { answeredTogether } from '@cs/persistence';
import { CallbackFact, evolveCallback } from '../domain/callback-evolution';
import { callbackChanges } from '../domain/callback-changes';
import type { CallbackChange, CallbackIdentity, TicketChange } from '../domain/projection-changes';
import { TicketSlot, TicketStep, evolveTicket } from '../domain/ticket-evolution';
import { RollupDelta, countedNow, recount, sameCounting } from '../domain/ticket-rollup';
import { ticketChanges } from '../domain/ticket-changes';
import { callbackFactsForUpdate, saveCallbackFacts } from '../infrastructure/callback-facts.repository';
import { isCountedIncidentClock, recordIncidentBreach, recordIncidentDispatch, recordIncidentFact, recordIncidentResolution } from '../infrastructure/incident-facts.repository';
import { LIVE_TABLES, ProjectionTables } from '../infrastructure/projection-tables';
import { addToRollups } from '../infrastructure/rollups.repository';
import { gradesOf, lockTickets, saveGrades, saveTicketFacts, ticketFactsForUpdate } from '../infrastructure/ticket-facts.repository';
import { VersionedCalendar, countingCalendar } from './working-calendar';

/** What one event does to the read model: a step of a ticket, a change of a callback, or an incident's row written. */
type Effect =
  | { readonly on: 'ticket'; readonly ticketId: string; readonly step: TicketStep }
  | { readonly on: 'callback'; readonly identity: CallbackIdentity; readonly change: CallbackChange; readonly at: string }
  | { readonly on: 'incident'; readonly write: (tx: EntityManager, tables: ProjectionTables) => Promise<void> };

interface Projection {
  readonly definition: EventDefinition;
  readonly effect: (data: never) => Effect | undefined;
}

const projection = <D extends EventDefinition>(definition: D, effect: (data: EventData<D>) => Effect | undefined): Projection => ({
  definition,
  effect: effect as (data: never) => Effect | undefined,
});

const onTicket = <D extends EventDefinition>(definition: D, change: (data: EventData<D>) => TicketChange): Projection =>
  projection(definition, (data) => ({ on: 'ticket', ticketId: (data as { ticketId: string }).ticketId, step: { kind: 'changed', change: change(data) } }));

const onCallback = <D extends EventDefinition>(definition: D, change: (data: EventData<D>) => ReturnType<(typeof callbackChanges)['scheduled']>): Projection =>
  projection(definition, (data) => ({ on: 'callback', ...change(data) }));

/**
 * Every event the read model is built from, and what it does there. The live handlers and the
 * rebuild both go through this one table, so a rebuild computes what live traffic computed.
 */
export const PROJECTIONS: readonly Projection[] = [
  projection(ContactReceivedV1, (e) =>
    e.ticketId !== undefined && e.grade !== undefined ? { on: 'ticket', ticketId: e.ticketId, step: { kind: 'graded', grade: e.grade } } : undefined,
  ),
  projection(TicketCreatedV1, (t) => ({
    on: 'ticket',
    ticketId: t.ticketId,
    step: {
      kind: 'opened',
      ticket: {
        ticketId: t.ticketId,
        number: t.number,
        channel: t.channel,
        ...presentProps({ sectionCode: t.sectionCode, itemCode: t.itemCode, projectCode: t.unit.projectCode }),
        ownerId: t.ownerId,
        openedAt: t.createdAt,
      },
    },
  })),
  onTicket(TicketValidityDecidedV1, ticketChanges.validityDecided),
  onTicket(TicketDispatchedV1, ticketChanges.dispatched),
  onTicket(TicketOnSiteV1, ticketChanges.onSite),
  onTicket(TicketRepliedV1, ticketChanges.replied),
  onTicket(TicketExtendedV1, ticketChanges.extended),
  onTicket(TicketEscalatedV1, ticketChanges.escalated),
  onTicket(TicketResolvedV1, ticketChanges.resolved),
  onTicket(TicketReopenedV1, ticketChanges.reopened),
  onTicket(TicketClosedV1, ticketChanges.closed),
  onTicket(TicketRecordAmendedV1, ticketChanges.recordAmended),
  onTicket(SlaBreachedV1, ticketChanges.slaBreached),
  onTicket(TicketIncidentJoinedV1, ticketChanges.incidentJoined),
  projection(IncidentDeclaredV1, (i) => ({
    on: 'incident',
    write: (tx, tables) =>
      recordIncidentFact(
        tx,
        {
          incidentId: i.incidentId,
          number: i.number,
          projectCode: i.projectCode,
          ...presentProps({ building: i.building }),
          sectionCode: i.sectionCode,
          itemCode: i.itemCode,
          title: i.title,
          declaredAt: i.at,
        },
        tables,
      ),
  })),
  projection(IncidentDispatchedV1, (i) => ({ on: 'incident', write: (tx, tables) => recordIncidentDispatch(tx, i, tables) })),
  // The resolution clock alone judges the resolution late (kpis.md); an event of a release before
  // that told it says only whether any clock was breached, and counts as it always did.
  projection(IncidentResolvedV1, (i) => ({ on: 'incident', write: (tx, tables) => recordIncidentResolution(tx, i.incidentId, i.at, i.resolutionBreached ?? i.breached, tables) })),
  projection(IncidentSlaBreachedV1, (i) => {
    const clock = i.clock;
    return isCountedIncidentClock(clock) ? { on: 'incident', write: (tx, tables) => recordIncidentBreach(tx, i.incidentId, clock, tables) } : undefined;
  }),
  // 工单合并 — the merged ticket's matter is its survivor's: it drops out of every figure. A mark
  // rather than a deletion, so a replayed `ticket.created` cannot count it again.
  projection(TicketMergedV1, (m) => ({ on: 'ticket', ticketId: m.ticketId, step: { kind: 'merged', survivorTicketId: m.survivorTicketId } })),
  onCallback(CallbackScheduledV1, callbackChanges.scheduled),
  onCallback(CallbackAttemptedV1, callbackChanges.attempted),
  onCallback(CallbackCompletedV1, callbackChanges.completed),
  onCallback(CallbackFailedV1, callbackChanges.failed),
  onCallback(CallbackOverdueV1, callbackChanges.overdue),
  onCallback(CallbackCancelledV1, callbackChanges.cancelled),
  onCallback(CallbackDueRecomputedV1, callbackChanges.dueRecomputed),
];

const byType = new Map(PROJECTIONS.map((p) => [p.definition.type, p]));

/** The event types the read model subscribes to. */
export const PROJECTED_TYPES: readonly string[] = PROJECTIONS.map((p) => p.definition.type);

/** Applies one event to the read model; an event type the read model does not use changes nothing. */
export async function projectEvent(event: DomainEvent, tx: EntityManager, tables: ProjectionTables = LIVE_TABLES): Promise<void> {
  await projectEvents(tx, [event], tables);
}

/** Items in the order they first appear, each with its own in order. */
function inOrder<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = grouped.get(key);
    if (group) group.push(item);
    else grouped.set(key, [item]);
  }
  return grouped;
}

/**
 * How tickets are counted into the rollups: with every change (live), or — for a replay that
 * counts its tickets once at its end — only those already counted, which must stay so.
 */
export type Counting = 'every_ticket' | 'counted_tickets';

/**
 * Applies events in their order, with one read and one write per table however many events
 * there are: each ticket and callback is read once, evolved through its events in memory (the
 * same rules one event at a time gives) and written once, and the rollups get one netted change.
 */
export async function projectEvents(
  tx: EntityManager,
  events: readonly DomainEvent[],
  tables: ProjectionTables = LIVE_TABLES,
  counting: Counting = 'every_ticket',
): Promise<void> {
  const effects = events.flatMap((event) => {
    const effect = byType.get(event.type)?.effect(event.data as never);
    return effect ? [effect] : [];
  });
  const tickets: { ticketId: string; step: TicketStep }[] = [];
  const callbacks: { identity: CallbackIdentity; change: CallbackChange; at: string }[] = [];
  for (const effect of effects) {
    if (effect.on === 'ticket') tickets.push(effect);
    else if (effect.on === 'callback') callbacks.push(effect);
    else await effect.write(tx, tables);
  }
  if (tickets.length > 0) await applyTicketSteps(tx, inOrder(tickets, (t) => t.ticketId), tables, counting);
  if (callbacks.length > 0) await applyCallbackChanges(tx, inOrder(callbacks, (c) => c.identity.callbackId), tables);
}

const rowOf = (slot: TicketSlot): string => JSON.stringify(slot.fact ?? null);

async function applyTicketSteps(tx: EntityManager, steps: Map<string, { step: TicketStep }[]>, tables: ProjectionTables, counting: Counting): Promise<void> {
  const ids = [...steps.keys()];
  const opensOrGrades = [...steps.values()].some((s) => s.some(({ step }) => step.kind === 'opened' || step.kind === 'graded'));
  // An opening and a grade may race for a ticket with no row yet, which no row lock covers.
  if (opensOrGrades) await lockTickets(tx, ids);
  // Read together (ADR 0191). Counting live recounts nearly every flush's tickets, so the calendar
  // is asked with them; a replay asks it only for a ticket it counts.
  const [rows, grades, counted] = await answeredTogether(tx, () => [
    ticketFactsForUpdate(tx, ids, tables),
    opensOrGrades ? gradesOf(tx, ids, tables) : new Map<string, string>(),
    counting === 'every_ticket' ? countingCalendar(tx) : undefined,
  ]);
  let calendar: VersionedCalendar | undefined = counted;
  const known = new Map(rows.map((r) => [r.ticketId, r]));
  const delta = new RollupDelta();
  const changed = [];
  const graded = new Map<string, string>();
  for (const [ticketId, own] of steps) {
    const before: TicketSlot = { fact: known.get(ticketId), grade: grades.get(ticketId) ?? null };
    const after = own.reduce((slot, { step }) => evolveTicket(slot, step), before);
    if (after.grade !== null && after.grade !== before.grade) graded.set(ticketId, after.grade);
    if (!after.fact) continue;
    if (counting === 'counted_tickets' && after.fact.counted === null) {
      if (rowOf(after) !== rowOf(before)) changed.push(after.fact);
      continue;
    }
    calendar ??= await countingCalendar(tx);
    const now = recount(after.fact, calendar);
    delta.add(before.fact ? countedNow(before.fact) : null, -1);
    delta.add(now.counted, 1);
    if (rowOf(after) !== rowOf(before) || !sameCounting(before.fact?.counted ?? null, now.fact.counted)) changed.push(now.fact);
  }
  await saveGrades(tx, graded, tables);
  await saveTicketFacts(tx, changed, tables);
  await addToRollups(tx, delta.cells(), tables);
}

async function applyCallbackChanges(
  tx: EntityManager,
  changes: Map<string, { identity: CallbackIdentity; change: CallbackChange; at: string }[]>,
  tables: ProjectionTables,
): Promise<void> {
  const known = new Map((await callbackFactsForUpdate(tx, [...changes.keys()], tables)).map((c) => [c.callbackId, c]));
  const written: CallbackFact[] = [];
  for (const [callbackId, own] of changes) {
    const before = known.get(callbackId);
    const after = own.reduce<CallbackFact | undefined>((fact, c) => evolveCallback(fact, c.identity, c.change, c.at), before);
    if (after && JSON.stringify(after) !== JSON.stringify(before ?? null)) written.push(after);
  }
  await saveCallbackFacts(tx, written, tables);
}
