import { TObject, TProperties, Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { TOPICS } from '../topics';
import { CatalogueItemCode, Id, Timestamp } from './common';
import { MetLate, NotifySchema, SLA_CLOCK_KINDS, ticketEvent } from './ticket-lifecycle';

/** 群发事件 — an incident is open from its declaration until it is resolved. */
export const INCIDENT_STATUSES = ['open', 'resolved'] as const;
/** The most tickets one incident gathers: an update names each child's customer. */
export const MAX_INCIDENT_RECIPIENTS = 1000;

export const IncidentNumber = Type.String({ pattern: '^INC-\\d{8}-\\d{4,}$', description: '事件号' });
const PublicText = (maxLength: number, description: string) => Type.String({ minLength: 1, maxLength, description });

/** What every incident event carries, so a subscriber routes it without asking the tickets service. */
const base = {
  incidentId: Id,
  number: IncidentNumber,
  status: Type.Union(INCIDENT_STATUSES.map((s) => Type.Literal(s))),
  projectCode: Type.String({ minLength: 1, maxLength: 40 }),
  building: Type.Optional(Type.String({ maxLength: 40 })),
  itemCode: CatalogueItemCode,
  at: Timestamp,
  by: Type.String({ minLength: 1, maxLength: 64, description: 'user id, or "system" for timers' }),
};

function incidentEvent<T extends string, P extends TProperties>(type: T, summary: string, extra: P) {
  return defineEvent({
    type,
    topic: TOPICS.tickets,
    aggregate: 'incident',
    summary,
    schema: Type.Object({ ...base, ...extra }, { additionalProperties: false }) as TObject<typeof base & P>,
  });
}

export const IncidentDeclaredV1 = incidentEvent('incident.declared.v1', 'A supervisor declared an incident (群发事件): one fault many customers call about', {
  area: Type.Optional(Type.String({ maxLength: 80, description: 'where in the project, when no building says it (地下车库, 南区)' })),
  sectionCode: Type.String({ maxLength: 40 }),
  title: PublicText(120, 'public: agents and customers read it'),
  description: PublicText(2000, 'public: agents and customers read it; personal data redacted'),
  priority: Type.Union([Type.Literal('low'), Type.Literal('normal'), Type.Literal('high'), Type.Literal('urgent')]),
  nextDueAt: Type.Optional(Type.String({ format: 'date-time', description: 'the earliest deadline of the SLA clocks it starts with' })),
});

export const IncidentDispatchedV1 = incidentEvent('incident.dispatched.v1', 'The incident was dispatched (派单) to a department', {
  department: Type.String({ maxLength: 80 }),
  handler: Type.Optional(Type.String({ maxLength: 64 })),
  breached: Type.Optional(MetLate('dispatch', 'no target, or met before')),
});

/** One customer to tell, through the ticket they called about. */
const Recipient = Type.Object({ customerId: Id, ticketId: Id }, { additionalProperties: false });

export const IncidentUpdatedV1 = incidentEvent(
  'incident.updated.v1',
  'Progress to tell every customer who called about the incident (进展通报), once each: the recipients are the children’s customers at the time of the update',
  {
    updateId: Id,
    sequence: Type.Integer({ minimum: 1 }),
    title: PublicText(120, 'the incident’s title'),
    message: PublicText(1000, 'public: sent to customers; personal data redacted'),
    expectedRestoreAt: Type.Optional(Timestamp),
    recipients: Type.Array(Recipient, { maxItems: MAX_INCIDENT_RECIPIENTS, description: 'one per customer, whatever the number of their tickets' }),
  },
);

export const IncidentResolvedV1 = incidentEvent('incident.resolved.v1', 'The incident was resolved; its children are resolved with the same text when resolveChildren', {
  resolution: Type.String({ minLength: 1, maxLength: 2000 }),
  declaredAt: Timestamp,
  breached: Type.Boolean({ description: 'whether any of the incident’s SLA clocks was breached' }),
  resolutionBreached: Type.Optional(
    Type.Boolean({ description: 'whether the resolution clock alone was breached, or met late by this resolution (false when the incident had none); absent from releases before it' }),
  ),
  childCount: Type.Integer({ minimum: 0, description: 'tickets linked to it' }),
  resolveChildren: Type.Boolean({ description: 'false: the children stay open until `POST /v1/incidents/{id}/resolve-children`' }),
});

const ClockKind = Type.Union(SLA_CLOCK_KINDS.map((k) => Type.Literal(k)));

/**
 * The incident's own SLA timers (ADR 0040): the same warnings, breaches and escalations a
 * ticket's clocks give, as events of their own — a ticket's `sla.*` and `ticket.escalated`
 * require a ticket and a customer, which an incident has not.
 */
export const IncidentSlaWarningV1 = incidentEvent('incident.sla.warning.v1', 'An SLA clock of the incident passed a warning threshold', {
  clock: ClockKind,
  thresholdPercent: Type.Integer({ minimum: 1, maximum: 99 }),
  dueAt: Timestamp,
  notify: NotifySchema,
});

export const IncidentSlaBreachedV1 = incidentEvent('incident.sla.breached.v1', 'An SLA clock of the incident ran out before it was met', {
  clock: ClockKind,
  dueAt: Timestamp,
  notify: NotifySchema,
});

export const IncidentEscalatedV1 = incidentEvent('incident.escalated.v1', 'The incident was escalated by its SLA timers; notify the people named', {
  level: Type.Union([Type.Literal(1), Type.Literal(2)], { description: '1 the supervisors, on a breach; 2 the manager too, on a breach left open' }),
  reason: Type.Union([Type.Literal('sla_breached'), Type.Literal('breach_unresolved')]),
  note: Type.Optional(Type.String({ maxLength: 500 })),
  notify: NotifySchema,
});

/** A caller's ticket became a child of an incident: its own clocks stop, the incident's count for it. */
export const TicketIncidentJoinedV1 = ticketEvent('ticket.incident_joined.v1', 'The ticket joined an incident (群发事件); it is resolved with it', {
  incidentId: Id,
  incidentNumber: IncidentNumber,
});

export const INCIDENT_EVENTS = [
  IncidentDeclaredV1,
  IncidentDispatchedV1,
  IncidentUpdatedV1,
  IncidentResolvedV1,
  IncidentSlaWarningV1,
  IncidentSlaBreachedV1,
  IncidentEscalatedV1,
  TicketIncidentJoinedV1,
] as const;
