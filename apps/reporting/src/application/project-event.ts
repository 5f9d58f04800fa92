import type { EntityManager } from 'typeorm';
import {
  CallbackAttemptedV1,
  CallbackCancelledV1,
  CallbackCompletedV1,
  CallbackFailedV1,
  CallbackOverdueV1,
  CallbackScheduledV1,
  ContactReceivedV1,
  EventData,
  EventDefinition,
  IncidentDeclaredV1,
  IncidentDispatchedV1,
  IncidentResolvedV1,
  SlaBreachedV1,
  TicketClosedV1,
  TicketCreatedV1,
  TicketDispatchedV1,
  TicketEscalatedV1,
  TicketExtendedV1,
  TicketIncidentJoinedV1,
  TicketMergedV1,
  TicketRepliedV1,
  TicketReopenedV1,
  TicketResolvedV1,
  TicketValidityDecidedV1,
} from '@cs/contracts';
import { presentProps } from '@cs/ddd';
import type { DomainEvent } from '@cs/messaging';
import { callbackChanges } from '../domain/callback-changes';
import type { TicketChange } from '../domain/projection-changes';
import { ticketChanges } from '../domain/ticket-changes';
import { applyCallbackChange } from '../infrastructure/callback-facts.repository';
import { recordIncidentDispatch, recordIncidentFact, recordIncidentResolution } from '../infrastructure/incident-facts.repository';
import { LIVE_TABLES, ProjectionTables } from '../infrastructure/projection-tables';
import { applyTicketChange, recordContactGrade, recordMerge, recordTicketFact } from '../infrastructure/ticket-facts.repository';

type Projector<D extends EventDefinition> = (data: EventData<D>, tx: EntityManager, tables: ProjectionTables) => Promise<void>;
interface Projection<D extends EventDefinition = EventDefinition> {
  readonly definition: D;
  readonly project: Projector<D>;
}

const projection = <D extends EventDefinition>(definition: D, project: Projector<D>): Projection => ({ definition, project } as unknown as Projection);

const onTicket =
  <D extends EventDefinition>(change: (data: EventData<D>) => TicketChange): Projector<D> =>
  (data, tx, tables) =>
    applyTicketChange(tx, (data as { ticketId: string }).ticketId, change(data), tables);

const onCallback =
  <D extends EventDefinition>(change: (data: EventData<D>) => ReturnType<(typeof callbackChanges)['scheduled']>): Projector<D> =>
  (data, tx, tables) => {
    const c = change(data);
    return applyCallbackChange(tx, c.identity, c.change, c.at, tables);
  };

/**
 * Every event the read model is built from, and what it does there. The live handlers and the
 * rebuild both go through this one table, so a rebuild computes what live traffic computed.
 */
export const PROJECTIONS: readonly Projection[] = [
  projection(ContactReceivedV1, async (e, tx, tables) => {
    if (e.ticketId !== undefined && e.grade !== undefined) await recordContactGrade(tx, e.ticketId, e.grade, tables);
  }),
  projection(TicketCreatedV1, (t, tx, tables) =>
    recordTicketFact(
      tx,
      {
      ticketId: t.ticketId,
      number: t.number,
      channel: t.channel,
      ...presentProps({ sectionCode: t.sectionCode, itemCode: t.itemCode, projectCode: t.unit.projectCode }),
      ownerId: t.ownerId,
      openedAt: t.createdAt,
      },
      tables,
    ),
  ),
  projection(TicketValidityDecidedV1, onTicket(ticketChanges.validityDecided)),
  projection(TicketDispatchedV1, onTicket(ticketChanges.dispatched)),
  projection(TicketRepliedV1, onTicket(ticketChanges.replied)),
  projection(TicketExtendedV1, onTicket(ticketChanges.extended)),
  projection(TicketEscalatedV1, onTicket(ticketChanges.escalated)),
  projection(TicketResolvedV1, onTicket(ticketChanges.resolved)),
  projection(TicketReopenedV1, onTicket(ticketChanges.reopened)),
  projection(TicketClosedV1, onTicket(ticketChanges.closed)),
  projection(SlaBreachedV1, onTicket(ticketChanges.slaBreached)),
  projection(TicketIncidentJoinedV1, onTicket(ticketChanges.incidentJoined)),
  projection(IncidentDeclaredV1, (i, tx, tables) =>
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
  ),
  projection(IncidentDispatchedV1, (i, tx, tables) => recordIncidentDispatch(tx, i.incidentId, i.department, i.at, tables)),
  projection(IncidentResolvedV1, (i, tx, tables) => recordIncidentResolution(tx, i.incidentId, i.at, i.breached, tables)),
  projection(TicketMergedV1, (m, tx, tables) => recordMerge(tx, m.ticketId, m.survivorTicketId, tables)),
  projection(CallbackScheduledV1, onCallback(callbackChanges.scheduled)),
  projection(CallbackAttemptedV1, onCallback(callbackChanges.attempted)),
  projection(CallbackCompletedV1, onCallback(callbackChanges.completed)),
  projection(CallbackFailedV1, onCallback(callbackChanges.failed)),
  projection(CallbackOverdueV1, onCallback(callbackChanges.overdue)),
  projection(CallbackCancelledV1, onCallback(callbackChanges.cancelled)),
];

const byType = new Map(PROJECTIONS.map((p) => [p.definition.type, p]));

/** Applies one event to the read model; an event type the read model does not use changes nothing. */
export async function projectEvent(event: DomainEvent, tx: EntityManager, tables: ProjectionTables = LIVE_TABLES): Promise<void> {
  await byType.get(event.type)?.project(event.data as never, tx, tables);
}

/** The event types the read model subscribes to. */
export const PROJECTED_TYPES: readonly string[] = PROJECTIONS.map((p) => p.definition.type);
