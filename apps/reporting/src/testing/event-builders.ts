import { randomUUID } from 'node:crypto';
import {
  CallbackCompletedV1,
  CallbackScheduledV1,
  EventData,
  EventDefinition,
  TicketCreatedV1,
} from '@cs/contracts';
import type { DomainEvent } from '@cs/messaging';

/** An event as the transport hands it to a handler. */
export function delivered<D extends EventDefinition>(definition: D, subject: string, data: EventData<D>): DomainEvent<EventData<D>> {
  return { id: randomUUID(), type: definition.type, source: '/cs/test', subject, time: data && typeof data === 'object' && 'at' in data ? String(data.at) : new Date().toISOString(), data };
}

export interface TicketSketch {
  readonly id: string;
  readonly number: string;
  readonly itemCode: string;
  readonly projectCode: string;
  readonly channel: EventData<typeof TicketCreatedV1>['channel'];
  readonly ownerId: string;
  readonly openedAt: string;
}

let serial = 0;

/** A ticket of the test month, numbered in order. */
export function ticket(sketch: Omit<TicketSketch, 'id' | 'number'>): TicketSketch {
  serial += 1;
  return { id: randomUUID(), number: `TK-20261102-${String(100000 + serial)}`, ...sketch };
}

export function created(t: TicketSketch): DomainEvent {
  return delivered(TicketCreatedV1, t.id, {
    ticketId: t.id,
    number: t.number,
    contactId: randomUUID(),
    customerId: randomUUID(),
    channel: t.channel,
    itemCode: t.itemCode,
    sectionCode: t.itemCode.split('.')[0],
    unit: { projectCode: t.projectCode },
    ownerId: t.ownerId,
    status: 'new',
    createdAt: t.openedAt,
  });
}

/** The fields every ticket event carries, for a `ticket.*` event of the sketched ticket at `at`. */
export function onTicket(t: TicketSketch, at: string) {
  return { ticketId: t.id, number: t.number, customerId: randomUUID(), status: 'in_progress' as const, itemCode: t.itemCode, projectCode: t.projectCode, at, by: t.ownerId };
}

export function ticketEvent<D extends EventDefinition>(definition: D, t: TicketSketch, at: string, extra: Omit<EventData<D>, keyof ReturnType<typeof onTicket>>): DomainEvent {
  return delivered(definition, t.id, { ...onTicket(t, at), ...extra } as EventData<D>);
}

export interface CallbackSketch {
  readonly id: string;
  readonly ticket?: TicketSketch;
  readonly projectCode: string;
  readonly assignee: string;
  readonly dueAt: string;
}

export function callback(sketch: Omit<CallbackSketch, 'id'>): CallbackSketch {
  return { id: randomUUID(), ...sketch };
}

/** What every callback event says of its task. */
export function onCallback(c: CallbackSketch, at: string) {
  return {
    callbackId: c.id,
    kind: 'ticket' as const,
    method: 'phone' as const,
    ...(c.ticket ? { ticketId: c.ticket.id, itemCode: c.ticket.itemCode, sectionCode: c.ticket.itemCode.split('.')[0] } : {}),
    customerId: randomUUID(),
    projectCode: c.projectCode,
    assignee: c.assignee,
    dueAt: c.dueAt,
    at,
    by: c.assignee,
  };
}

export function scheduled(c: CallbackSketch, at: string): DomainEvent {
  return delivered(CallbackScheduledV1, c.id, { ...onCallback(c, at), attemptsAllowed: 3 });
}

export function completed(c: CallbackSketch, at: string, satisfied: boolean): DomainEvent {
  const task = onCallback(c, at);
  return delivered(CallbackCompletedV1, c.id, {
    callbackId: c.id,
    ticketId: c.ticket?.id ?? randomUUID(),
    customerId: task.customerId,
    satisfied,
    satisfaction: satisfied ? 'satisfied' : 'dissatisfied',
    completedAt: at,
    by: c.assignee,
    kind: 'ticket',
    method: 'phone',
    attempts: 1,
    dueAt: c.dueAt,
    onTime: Date.parse(at) <= Date.parse(c.dueAt),
    projectCode: c.projectCode,
    assignee: c.assignee,
  });
}
