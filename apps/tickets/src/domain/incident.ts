import { DomainError } from '@cs/ddd';
import type { SlaClock } from './sla-clock';
import type { EscalationLevel, Priority } from './ticket-lifecycle';

/** Where the fault is: always one project; a building (楼栋) or an area (地下车库, 南区) narrows it. */
export interface IncidentPlace {
  readonly projectCode: string;
  readonly building?: string;
  readonly area?: string;
}

/** Open until resolved; whether it was dispatched is its own fact (`department`, `dispatchedAt`). */
export const INCIDENT_STATUSES = ['open', 'resolved'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/**
 * The most tickets one incident gathers. Each update names every child's customer, so the bound
 * keeps an update's event well inside a Kafka message.
 */
export const MAX_INCIDENT_CHILDREN = 1000;
/** The most tickets one request links, so a request stays one short transaction. */
export const MAX_TICKETS_PER_LINK = 100;

/**
 * 群发事件 — one fault many customers call about (a lift stopped, a burst main, a power cut):
 * one job with its own dispatch, SLA clocks and resolution, and the callers' tickets attached as
 * its children. Each child keeps its customer, its contacts and its own callback.
 */
export interface Incident {
  readonly id: string;
  /** 事件号 — INC-20261124-0007. */
  readonly number: string;
  readonly place: IncidentPlace;
  readonly itemCode: string;
  readonly sectionCode: string;
  /** Public: shown to agents and sent to customers, so written for them and redacted. */
  readonly title: string;
  readonly description: string;
  readonly priority: Priority;
  readonly status: IncidentStatus;
  readonly department?: string;
  readonly handler?: string;
  readonly dispatchedAt?: Date;
  readonly policyId?: string;
  /** The first-response clock is met by the first update the customers receive. */
  readonly clocks: readonly SlaClock[];
  /** Raised by its SLA timers as a ticket's is: 1 the supervisor on a breach, 2 the manager on a breach left open. */
  readonly escalationLevel: EscalationLevel;
  readonly childCount: number;
  readonly updateCount: number;
  readonly lastUpdateAt?: Date;
  readonly resolution?: string;
  readonly resolvedAt?: Date;
  readonly resolvedBy?: string;
  /** Whether a clock missed its deadline, once resolved. */
  readonly breached?: boolean;
  /** When the open children were handed the incident's resolution: with it, or later on request. */
  readonly childrenResolvedAt?: Date;
  readonly declaredBy: string;
  readonly declaredAt: Date;
  readonly version: number;
}

/** A ticket as linking it reads it: where it is and whether it is still being worked on. */
export interface LinkableTicket {
  readonly id: string;
  readonly projectCode?: string;
}

/** 事件号 — INC-20261124-0007: numbered per day like tickets, so a caller can be told it over the phone. */
export function formatIncidentNumber(day: string, sequence: number): string {
  if (!/^\d{8}$/.test(day) || !Number.isInteger(sequence) || sequence < 1) {
    throw new Error(`cannot number incident ${sequence} of day ${day}`);
  }
  return `INC-${day}-${String(sequence).padStart(4, '0')}`;
}

export function incidentNotFound(id: string): DomainError {
  return new DomainError('INCIDENT.NOT_FOUND', 'not_found', `incident ${id} not found`);
}
