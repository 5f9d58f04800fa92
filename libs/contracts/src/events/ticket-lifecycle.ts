import { TObject, TProperties, Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { TOPICS } from '../topics';
import { CatalogueItemCode, Id, PromiseTierSchema, Timestamp } from './common';

export const TICKET_STATUSES = ['new', 'dispatched', 'in_progress', 'awaiting_customer', 'resolved', 'closed'] as const;
/** `on_site`: the handler on site (上门), from receipt, for a company whose policies promise it. */
export const SLA_CLOCK_KINDS = ['first_response', 'dispatch', 'on_site', 'resolution'] as const;
export type SlaClockKind = (typeof SLA_CLOCK_KINDS)[number];
/** Where the ticket's deadlines stand: a warning threshold passed (at risk) or a deadline missed (breached). */
export const SLA_STATES = ['on_track', 'at_risk', 'breached'] as const;

/** Who should hear of an escalation or a breach: roles, narrowed to a project and department where known. */
export const NotifySchema = Type.Object(
  {
    roles: Type.Array(Type.Union([Type.Literal('supervisor'), Type.Literal('manager'), Type.Literal('handler'), Type.Literal('agent')])),
    projectCode: Type.Optional(Type.String({ maxLength: 40 })),
    department: Type.Optional(Type.String({ maxLength: 80 })),
    userIds: Type.Optional(Type.Array(Type.String({ maxLength: 64 }))),
  },
  { additionalProperties: false },
);

/** What every ticket event carries, so a subscriber can route it without asking the tickets service. */
const base = {
  ticketId: Id,
  number: Type.String({ pattern: '^TK-\\d{8}-\\d{6,}$' }),
  customerId: Id,
  status: Type.Union(TICKET_STATUSES.map((s) => Type.Literal(s))),
  itemCode: Type.Optional(CatalogueItemCode),
  projectCode: Type.Optional(Type.String({ maxLength: 40 })),
  at: Timestamp,
  by: Type.String({ minLength: 1, maxLength: 64, description: 'user id, or "system" for timers' }),
  nextDueAt: Type.Optional(Type.String({ format: 'date-time', description: 'the earliest deadline of the SLA clocks still running, after this event' })),
  slaState: Type.Optional(Type.Union(SLA_STATES.map((s) => Type.Literal(s)), { description: 'where the deadlines stand after this event' })),
};

/**
 * 转发 and 上门 timeliness, told by the event that meets the clock, as the desk shows it (reporting
 * counts it). `absentWhen` says when the event met no such clock.
 */
export const MetLate = (clock: string, absentWhen: string) =>
  Type.Boolean({ description: `whether the ${clock} clock this met missed its deadline, as the desk shows it; absent when it met none (${absentWhen})` });
const TICKET_MET_NONE = 'no target, met before, an incident stands for the ticket, or routine work a schedule opened';

/** A `ticket.*` event: the routing fields every ticket event carries, and its own. */
export function ticketEvent<T extends string, P extends TProperties>(type: T, summary: string, extra: P) {
  return defineEvent({
    type,
    topic: TOPICS.tickets,
    aggregate: 'ticket',
    summary,
    schema: Type.Object({ ...base, ...extra }, { additionalProperties: false }) as TObject<typeof base & P>,
  });
}

const Duration = Type.Object(
  {
    amount: Type.Integer({ minimum: 0 }),
    unit: Type.Union([Type.Literal('minutes'), Type.Literal('hours'), Type.Literal('days')]),
    basis: Type.Union([Type.Literal('working'), Type.Literal('calendar')]),
  },
  { additionalProperties: false },
);
const ClockKind = Type.Union(SLA_CLOCK_KINDS.map((k) => Type.Literal(k)));
/** Present when a supervisor approved going beyond the reply cap (a consultation's 3 working days). */
const CapException = Type.Object(
  {
    reason: Type.String({ maxLength: 500 }),
    approvedBy: Type.String({ minLength: 1, maxLength: 64, description: 'the supervisor who approved it' }),
  },
  { additionalProperties: false },
);

export const TicketValidityDecidedV1 = ticketEvent('ticket.validity_decided.v1', 'The matter was judged valid, invalid (answered) or out of scope (redirected)', {
  decision: Type.Union([Type.Literal('valid'), Type.Literal('invalid'), Type.Literal('out_of_scope')]),
  reason: Type.Optional(Type.String({ maxLength: 2000 })),
  answerId: Type.Optional(Type.String({ maxLength: 64 })),
  answerVersion: Type.Optional(Type.Integer({ minimum: 1, description: 'the version of the unified answer in force when it was cited' })),
  redirectTo: Type.Optional(Type.String({ maxLength: 200 })),
});
export const TicketDispatchedV1 = ticketEvent('ticket.dispatched.v1', 'The ticket was dispatched (派单) to a department', {
  department: Type.String({ maxLength: 80 }),
  handler: Type.Optional(Type.String({ maxLength: 64 })),
  breached: Type.Optional(MetLate('dispatch', TICKET_MET_NONE)),
  takenAsValid: Type.Optional(
    Type.Boolean({
      description:
        'whether this dispatch is the matter’s judged valid decision (ADR 0081, 0163): true for a repair or complaint a caller brought whose validity was pending (new, or judged invalid or out of scope and reopened); false when it was judged valid before, and for every other matter — a suggestion forwarded, a consultation, routine work a schedule opened (周期工单), a matter not yet classified — whose validity is not judged, though its ticket shows it valid once dispatched; absent from events of releases before the field',
    }),
  ),
});
export const TicketRepliedV1 = ticketEvent('ticket.replied.v1', 'The customer was given a reply', {
  answerId: Type.Optional(Type.String({ maxLength: 64 })),
  answerVersion: Type.Optional(Type.Integer({ minimum: 1, description: 'the version of the unified answer in force when it was cited' })),
  firstReply: Type.Boolean(),
});
export const TicketOnSiteV1 = ticketEvent('ticket.on_site.v1', 'The handler arrived on site (上门); the on-site clock is met', {
  arrivedAt: Timestamp,
  department: Type.Optional(Type.String({ maxLength: 80 })),
  breached: Type.Optional(MetLate('on-site', TICKET_MET_NONE)),
});
export const TicketPausedV1 = ticketEvent('ticket.paused.v1', 'Awaiting the customer: SLA clocks stand still', { reason: Type.String({ maxLength: 500 }) });
export const TicketResumedV1 = ticketEvent('ticket.resumed.v1', 'Work resumed: SLA clocks run again', {});
export const TicketExtendedV1 = ticketEvent('ticket.extended.v1', 'The promised time was extended, the customer told before the deadline', {
  clock: ClockKind,
  extension: Duration,
  reason: Type.String({ maxLength: 500 }),
  customerInformedAt: Timestamp,
  newDueAt: Timestamp,
  extensionCount: Type.Integer({ minimum: 1 }),
  capException: Type.Optional(CapException),
});
export const TicketPromisedV1 = ticketEvent('ticket.promised.v1', 'The agent promised the customer a reply within a tier', {
  tier: PromiseTierSchema,
  dueAt: Timestamp,
  capException: Type.Optional(CapException),
});
export const TicketEscalatedV1 = ticketEvent('ticket.escalated.v1', 'The ticket was escalated; notify the people named', {
  level: Type.Union([Type.Literal(1), Type.Literal(2)]),
  reason: Type.Union([Type.Literal('major_complaint'), Type.Literal('sla_breached'), Type.Literal('breach_unresolved'), Type.Literal('manual')]),
  note: Type.Optional(Type.String({ maxLength: 500 })),
  notify: NotifySchema,
});
export const TicketResolvedV1 = ticketEvent('ticket.resolved.v1', 'The matter was handled; a callback may follow', {
  resolution: Type.String({ maxLength: 2000 }),
  sectionCode: Type.Optional(Type.String({ maxLength: 40 })),
  reopenCount: Type.Integer({ minimum: 0 }),
  breached: Type.Boolean({ description: 'whether any SLA clock was breached' }),
  incidentId: Type.Optional(Id),
});
export const TicketReopenedV1 = ticketEvent('ticket.reopened.v1', 'Re-processing (重新处理) after the customer was not satisfied', {
  reason: Type.String({ maxLength: 500 }),
  reopenCount: Type.Integer({ minimum: 1 }),
  validityWithdrawn: Type.Optional(
    Type.Boolean({
      description:
        'whether the reopening withdrew the matter’s invalid or out-of-scope judgement (ADR 0081, 0166): true when its validity is pending again, to be judged anew or dispatched as valid; false when it was valid or never judged; absent from events of releases before the field',
    }),
  ),
});
/**
 * What a closed ticket's record lacks of what the regulations ask it to hold (处理记录是否完整):
 * `item` — never classified; `project` — no project; `building`, `room` — without the place its
 * catalogue item asks for (by default a repair or complaint, a building only for a public-area
 * repair); `validity` — a repair or complaint never
 * judged; `department` — a valid one never dispatched (an incident's child is dispatched with it);
 * `suggestion_evaluation` — a suggestion never evaluated.
 */
export const RECORD_GAPS = ['item', 'project', 'building', 'room', 'validity', 'department', 'suggestion_evaluation'] as const;

export const TicketClosedV1 = ticketEvent('ticket.closed.v1', 'The customer accepted the outcome; the ticket is closed', {
  recordGaps: Type.Optional(
    Type.Array(Type.Union(RECORD_GAPS.map((g) => Type.Literal(g))), {
      uniqueItems: true,
      description:
        'what the ticket’s record lacks as it is closed (处理记录是否完整), empty when complete: item, project, building, room (without the place its catalogue item asks for), validity (never judged), department (valid, never dispatched), suggestion_evaluation. Absent for routine work a schedule opened (not judged), and from tickets closed by a release before it',
    }),
  ),
});

const amendedFields = (description: string, minProperties: number) =>
  Type.Object(
    {
      itemCode: Type.Optional(CatalogueItemCode),
      building: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
      room: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    },
    { additionalProperties: false, minProperties, description },
  );
export const TicketRecordAmendedV1 = ticketEvent(
  'ticket.record_amended.v1',
  'The record was completed or corrected (补录): its catalogue item, building or room; `itemCode` among the routing fields is the item now',
  {
    sectionCode: Type.Optional(Type.String({ maxLength: 40, description: 'the section of the item now' })),
    amended: amendedFields('each field amended, with its new value', 1),
    previous: amendedFields('what each amended field held before; absent where it held nothing', 0),
    takenAsValid: Type.Optional(
      Type.Boolean({
        description:
          'whether the amendment makes the matter’s earlier dispatch its judged valid decision (ADR 0166): true when it reclassifies a matter whose validity is not judged (a consultation, a suggestion, a matter not yet classified) as a repair or complaint while a dispatch already took it as valid on the desk; false otherwise; absent from events of releases before the field',
      }),
    ),
  },
);

export const SlaWarningV1 = ticketEvent('sla.warning.v1', 'An SLA clock passed a warning threshold', {
  clock: ClockKind,
  thresholdPercent: Type.Integer({ minimum: 1, maximum: 99 }),
  dueAt: Timestamp,
  notify: NotifySchema,
});
export const SlaBreachedV1 = ticketEvent('sla.breached.v1', 'An SLA clock ran out before it was met', {
  clock: ClockKind,
  dueAt: Timestamp,
  notify: NotifySchema,
});

export const TicketDeadlinesRecomputedV1 = ticketEvent(
  'ticket.deadlines_recomputed.v1',
  'A business calendar the ticket is timed by changed (holidays, 调休, hours); its running deadlines moved',
  {
    calendarId: Type.String({ maxLength: 63 }),
    calendarVersion: Type.Integer({ minimum: 1 }),
    changes: Type.Array(Type.Object({ clock: ClockKind, previousDueAt: Timestamp, dueAt: Timestamp }, { additionalProperties: false }), { minItems: 1 }),
  },
);

/**
 * A held clock's first deadline (ADR 0130, ADR 0134): a type of its own, as a change with no
 * deadline before is not one `ticket.deadlines_recomputed.v1`'s subscribers (each holding
 * `previousDueAt` required) can take.
 */
export const TicketDeadlinesPlannedV1 = ticketEvent(
  'ticket.deadlines_planned.v1',
  'Clocks held since the ticket opened — their business calendar could not count them then (awaiting correction, or without working time) — got their first deadlines when the calendar was corrected, counted from the opening: one already past breaches at once',
  {
    calendarId: Type.String({ maxLength: 63, description: 'the calendar whose change planned them' }),
    calendarVersion: Type.Integer({ minimum: 1 }),
    clocks: Type.Array(Type.Object({ clock: ClockKind, dueAt: Timestamp }, { additionalProperties: false }), { minItems: 1 }),
  },
);

export const TICKET_LIFECYCLE_EVENTS = [
  TicketValidityDecidedV1,
  TicketDispatchedV1,
  TicketRepliedV1,
  TicketOnSiteV1,
  TicketPausedV1,
  TicketResumedV1,
  TicketExtendedV1,
  TicketPromisedV1,
  TicketEscalatedV1,
  TicketResolvedV1,
  TicketReopenedV1,
  TicketClosedV1,
  TicketRecordAmendedV1,
  SlaWarningV1,
  SlaBreachedV1,
  TicketDeadlinesRecomputedV1,
  TicketDeadlinesPlannedV1,
] as const;
