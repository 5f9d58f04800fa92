import { cutToCharacters, DomainError, presentProps, refusedOr } from '@cs/ddd';
import { CatalogueDocument, isItemUsable } from './catalogue';
import type { PlannedTimer, SlaClock } from './sla-clock';
import { CLOCK_KINDS, SlaPolicy, selectPolicy } from './sla-policy';
import { startClock } from './sla-clock';
import { Incident, IncidentPlace, IncidentStatus, LinkableTicket, MAX_INCIDENT_CHILDREN, MAX_TICKETS_PER_LINK } from './incident';
import type { IncidentEvent } from './incident-events';
import { IncidentState, evolveIncident } from './incident-evolve';
import { fireIncidentTimers } from './incident-sla';
import { managerEscalationOf } from './sla-timers';
import { sectionOf } from './ticket';
import type { Priority } from './ticket-lifecycle';
import { CalendarLookup, breachedOnceMet, clockBreachedOnceMet, metLate } from './ticket-sla';

/** What a person asks of an incident. Texts arrive redacted: they reach customers, history and events. */
export type IncidentCommandData =
  | {
      readonly action: 'declare';
      readonly incidentId: string;
      readonly number: string;
      readonly place: IncidentPlace;
      readonly itemCode: string;
      readonly title: string;
      readonly description: string;
      readonly priority: Priority;
      /** Every SLA policy, in order: the incident is timed by the one that fits it best. */
      readonly policies: readonly SlaPolicy[];
      /** The item must be one agents may pick. */
      readonly catalogue: CatalogueDocument;
    }
  | { readonly action: 'dispatch'; readonly department: string; readonly handler?: string }
  | { readonly action: 'post_update'; readonly updateId: string; readonly message: string; readonly expectedRestoreAt?: Date }
  /** The tickets as loaded and locked by the use case; each ticket's own rules are its decider's. */
  | { readonly action: 'link_tickets'; readonly tickets: readonly LinkableTicket[] }
  | {
      readonly action: 'resolve';
      readonly resolution: string;
      readonly resolveChildren: boolean;
      /** The last update, telling every caller it is fixed; absent when the supervisor sends none. */
      readonly finalUpdate?: { readonly updateId: string; readonly message: string };
    }
  | { readonly action: 'resolve_children' }
  /**
   * The incident's own SLA timers that came due, claimed by the timer loop (ADR 0040), and the
   * calendars with a change the walk has not yet brought to the incident (ADR 0018).
   */
  | { readonly action: 'fire_sla_timers'; readonly timers: readonly PlannedTimer[]; readonly calendarsChanging?: readonly string[] };

export type IncidentAction = IncidentCommandData['action'];

export interface IncidentCommand {
  readonly data: IncidentCommandData;
  readonly metadata: { readonly at: Date; readonly by: string; readonly calendars: CalendarLookup };
}

/** Which statuses each command may start from: the incident's state machine in one table. */
export const INCIDENT_ALLOWED_FROM: Readonly<Record<Exclude<IncidentAction, 'declare'>, readonly IncidentStatus[]>> = {
  dispatch: ['open'],
  post_update: ['open'],
  link_tickets: ['open'],
  resolve: ['open'],
  resolve_children: ['resolved'],
  fire_sla_timers: ['open'],
};

function illegal(from: IncidentStatus, action: Exclude<IncidentAction, 'declare'>): DomainError {
  return new DomainError(
    'INCIDENT.ILLEGAL_TRANSITION',
    'conflict',
    `cannot ${action.replace('_', ' ')} an incident that is ${from}`,
    undefined,
    { currentStatus: from, command: action, allowedFrom: INCIDENT_ALLOWED_FROM[action] },
  );
}

type Stamp = { readonly at: Date; readonly by: string };
type Of<A extends IncidentAction> = Extract<IncidentCommandData, { readonly action: A }>;

/**
 * An incident's clocks count from its declaration by the SLA policy that fits its item and
 * project. Not the on-site clock: the incident's handlers report progress in its updates, and it
 * is met by the resolution like its other clocks.
 */
function startIncidentClocks(policy: SlaPolicy, at: Date): SlaClock[] {
  return CLOCK_KINDS.filter((kind) => kind !== 'on_site').flatMap((kind) => {
    const target = policy.targets[kind];
    return target ? [startClock(kind, target, policy.calendarId, policy.warnAt, at, managerEscalationOf(policy))] : [];
  });
}

function declare(data: Of<'declare'>, stamp: Stamp): IncidentEvent[] {
  const usable = data.catalogue.sections.some((s) => s.items.some((i) => i.code === data.itemCode && isItemUsable(s, i)));
  if (!usable) {
    throw new DomainError('INCIDENT.UNKNOWN_ITEM', 'invalid', `${data.itemCode} is no item of the catalogue in use`, 'itemCode', undefined, { code: 'unknown_reference' });
  }
  const sectionCode = sectionOf(data.itemCode) ?? data.itemCode;
  const policy = selectPolicy(data.policies, {
    sectionCode,
    itemCode: data.itemCode,
    grade: 'general',
    priority: data.priority,
    // An incident came through no channel: a policy limited to channels never times it.
    channel: 'incident',
    projectCode: data.place.projectCode,
  });
  const incident: Incident = {
    id: data.incidentId,
    number: data.number,
    place: data.place,
    itemCode: data.itemCode,
    sectionCode,
    title: data.title,
    description: data.description,
    priority: data.priority,
    status: 'open',
    ...presentProps({ policyId: policy?.id }),
    clocks: policy ? startIncidentClocks(policy, stamp.at) : [],
    escalationLevel: 0,
    childCount: 0,
    updateCount: 0,
    declaredBy: stamp.by,
    declaredAt: stamp.at,
    version: 1,
  };
  return [{ type: 'incident_declared', ...stamp, incident }];
}

function link(incident: Incident, data: Of<'link_tickets'>, stamp: Stamp): IncidentEvent[] {
  if (data.tickets.length > MAX_TICKETS_PER_LINK) {
    throw new DomainError('INCIDENT.TOO_MANY_TICKETS', 'invalid', `link at most ${MAX_TICKETS_PER_LINK} tickets at once`, 'ticketIds', undefined, {
      code: 'too_many',
      params: { max: MAX_TICKETS_PER_LINK },
    });
  }
  data.tickets.forEach((ticket, i) => {
    // A ticket of no project is a caller whose unit is not known yet: the agent's judgement places it.
    if (ticket.projectCode !== undefined && ticket.projectCode !== incident.place.projectCode) {
      throw new DomainError(
        'INCIDENT.OTHER_PROJECT',
        'invalid',
        `ticket ${ticket.id} belongs to project ${ticket.projectCode}, the incident to ${incident.place.projectCode}`,
        `ticketIds[${i}]`,
        { ticketId: ticket.id },
        { code: 'rejected', params: { reason: 'other_project' } },
      );
    }
  });
  if (incident.childCount + data.tickets.length > MAX_INCIDENT_CHILDREN) {
    throw new DomainError('INCIDENT.TOO_MANY_CHILDREN', 'invalid', `an incident holds at most ${MAX_INCIDENT_CHILDREN} tickets`, 'ticketIds', undefined, {
      code: 'too_many',
      params: { max: MAX_INCIDENT_CHILDREN - incident.childCount },
    });
  }
  return data.tickets.length === 0 ? [] : [{ type: 'tickets_linked', ...stamp, ticketIds: data.tickets.map((t) => t.id) }];
}

/** How long an update told to callers may be (an SMS gateway's page, the event's contract). */
export const UPDATE_MESSAGE_MAX = 1000;

/** A resolution may be longer than an update: the callers get its beginning. */
export function toCallers(message: string): string {
  return cutToCharacters(message, UPDATE_MESSAGE_MAX);
}

function postUpdate(incident: Incident, data: Of<'post_update'>, stamp: Stamp): IncidentEvent[] {
  if (data.expectedRestoreAt && data.expectedRestoreAt <= stamp.at) {
    throw new DomainError('INCIDENT.RESTORE_IN_PAST', 'invalid', 'the expected restoration is in the past', 'expectedRestoreAt');
  }
  return [
    {
      type: 'incident_update_posted',
      ...stamp,
      updateId: data.updateId,
      sequence: incident.updateCount + 1,
      message: data.message,
      ...presentProps({ expectedRestoreAt: data.expectedRestoreAt }),
    },
  ];
}

function decideOrThrow({ data, metadata }: IncidentCommand, state: IncidentState): IncidentEvent[] {
  const stamp = { at: metadata.at, by: metadata.by };
  if (data.action === 'declare') return state ? [] : declare(data, stamp);
  if (!state) throw new DomainError('INCIDENT.NOT_FOUND', 'not_found', 'incident not found');
  // A timer left from before the resolution finds nothing to say: not a refused command.
  if (data.action === 'fire_sla_timers') return state.status === 'open' ? fireIncidentTimers(metadata.calendars, state, data.timers, data.calendarsChanging ?? []) : [];
  if (!INCIDENT_ALLOWED_FROM[data.action].includes(state.status)) throw illegal(state.status, data.action);
  switch (data.action) {
    case 'dispatch':
      return [
        {
          type: 'incident_dispatched',
          ...stamp,
          department: data.department,
          ...presentProps({ handler: data.handler, breached: metLate(metadata.calendars, state.clocks, 'dispatch', metadata.at) }),
        },
      ];
    case 'post_update':
      return postUpdate(state, data, stamp);
    case 'link_tickets':
      return link(state, data, stamp);
    case 'resolve':
      return [
        // One fault, many callers: the company tells them all when it is fixed.
        ...(data.finalUpdate && state.childCount > 0 ? postUpdate(state, { action: 'post_update', ...data.finalUpdate, message: toCallers(data.finalUpdate.message) }, stamp) : []),
        {
          type: 'incident_resolved',
          ...stamp,
          resolution: data.resolution,
          breached: breachedOnceMet(metadata.calendars, state.clocks, metadata.at),
          // No resolution clock, no late resolution: said outright, as reporting reads an absent field as a release before it.
          resolutionBreached: clockBreachedOnceMet(metadata.calendars, state.clocks, 'resolution', metadata.at) ?? false,
          resolveChildren: data.resolveChildren,
        },
      ];
    case 'resolve_children':
      // Asked once: the children still open then are resolved; a repeat changes nothing.
      return state.childrenResolvedAt ? [] : [{ type: 'children_resolution_requested', ...stamp }];
  }
}

/**
 * What a command does to an incident: the events it causes, or the rule it breaks. Pure — the
 * use case loaded the policies, calendars and tickets the decision reads.
 */
export function decideIncident(command: IncidentCommand, state: IncidentState): IncidentEvent[] | DomainError {
  return refusedOr(() => decideOrThrow(command, state));
}

/** The incident after its events: what the use case saves. */
export function incidentAfter(state: IncidentState, events: readonly IncidentEvent[]): IncidentState {
  return events.reduce<IncidentState>(evolveIncident, state);
}
