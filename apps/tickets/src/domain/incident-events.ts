import type { Incident } from './incident';
import type { ClockKind } from './sla-policy';
import type { Notify } from './ticket-notify';

interface Stamp {
  readonly at: Date;
  readonly by: string;
}

export type IncidentDeclared = Stamp & { readonly type: 'incident_declared'; readonly incident: Incident };
/** `breached`: whether the dispatch clock this met missed its deadline; absent when it met none. */
export type IncidentDispatched = Stamp & { readonly type: 'incident_dispatched'; readonly department: string; readonly handler?: string; readonly breached?: boolean };
/** 进展通报 — what the children's customers are told ("维保单位已到场，预计 16:00 恢复"). */
export type IncidentUpdatePosted = Stamp & {
  readonly type: 'incident_update_posted';
  readonly updateId: string;
  readonly sequence: number;
  readonly message: string;
  readonly expectedRestoreAt?: Date;
};
export type TicketsLinked = Stamp & { readonly type: 'tickets_linked'; readonly ticketIds: readonly string[] };
export type IncidentResolved = Stamp & {
  readonly type: 'incident_resolved';
  readonly resolution: string;
  readonly breached: boolean;
  /** The resolution clock alone: what reporting's on-time resolution reads; false without one. Absent from events of releases before it. */
  readonly resolutionBreached?: boolean;
  /** The open children are resolved with the same text now; otherwise they wait for `children_resolution_requested`. */
  readonly resolveChildren: boolean;
};
export type ChildrenResolutionRequested = Stamp & { readonly type: 'children_resolution_requested' };
/** The incident's own SLA timers firing (ADR 0040): as a ticket's, addressed to the people of the incident. */
export type IncidentSlaWarned = Stamp & {
  readonly type: 'incident_sla_warned';
  readonly clock: ClockKind;
  readonly threshold: number;
  readonly dueAt: Date;
  readonly notify: Notify;
};
export type IncidentSlaBreached = Stamp & { readonly type: 'incident_sla_breached'; readonly clock: ClockKind; readonly dueAt: Date; readonly notify: Notify };
export type IncidentEscalated = Stamp & {
  readonly type: 'incident_escalated';
  readonly level: 1 | 2;
  readonly reason: 'sla_breached' | 'breach_unresolved';
  readonly note: string;
  readonly notify: Notify;
};

export type IncidentEvent =
  | IncidentDeclared
  | IncidentDispatched
  | IncidentUpdatePosted
  | TicketsLinked
  | IncidentResolved
  | ChildrenResolutionRequested
  | IncidentSlaWarned
  | IncidentSlaBreached
  | IncidentEscalated;
