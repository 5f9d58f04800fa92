import { randomUUID } from 'node:crypto';
import { OFFICE_WEEK } from '@cs/business-calendar';
import { ContactFollowedUpV1, ContactReceivedV1, EventData, EventDefinition } from '@cs/contracts';
import type { DomainEvent } from '@cs/messaging';
import { Ticket, openTicket } from '../domain/ticket';

/** 2026's 国庆: 10-01…10-07 off, made up on Sunday 09-27 and Saturday 10-10 (调休), as a calendar document. */
export const CHINA_2026 = {
  timezone: 'Asia/Shanghai',
  workingHours: OFFICE_WEEK,
  holidays: ['01', '02', '03', '04', '05', '06', '07'].map((day) => ({ date: `2026-10-${day}`, name: '国庆节' })),
  workingDays: [
    { date: '2026-09-27', name: '国庆节调休' },
    { date: '2026-10-10', name: '国庆节调休' },
  ],
};

/** An event as the transport hands it to a handler. */
export function delivered<D extends EventDefinition>(definition: D, subject: string, data: EventData<D>, source = '/cs/intake'): DomainEvent<EventData<D>> {
  return { id: randomUUID(), type: definition.type, source, subject, time: new Date().toISOString(), data };
}

/** The last number `aTicket` gave: counted, as random numbers may repeat within one test file's schema. */
let numbered = 0;

/** A new repair ticket of project P001 received by phone; each test changes what it is about. */
export function aTicket(change: Partial<Ticket> = {}, at = new Date()): Ticket {
  return {
    ...openTicket({
      id: randomUUID(),
      number: `TK-20261130-${String((numbered += 1) + 100_000)}`,
      contactId: randomUUID(),
      customerId: randomUUID(),
      customerName: '张*',
      channel: 'phone',
      itemCode: 'repair.public_area',
      unit: { projectCode: 'P001' },
      ownerId: 'agent-1',
      at,
    }),
    ...change,
  };
}

/** Intake's announcement of a new matter about a repair in P001, under the ticket id intake named. */
export function contactReceived(customerId: string, ticketId: string, change: Partial<EventData<typeof ContactReceivedV1>> = {}): DomainEvent<EventData<typeof ContactReceivedV1>> {
  const contactId = randomUUID();
  return delivered(ContactReceivedV1, contactId, {
    contactId,
    ticketId,
    customerId,
    customerNameMasked: '孙*',
    channel: 'phone',
    direction: 'inbound',
    occurredAt: new Date().toISOString(),
    recordedBy: 'agent-1',
    unit: { projectCode: 'P001' },
    itemCode: 'repair.public_area',
    summary: '楼道灯坏了',
    ...change,
  });
}

/** Intake's announcement that a contact follows up a ticket (催办). */
export function contactFollowedUp(ticketId: string, change: Partial<EventData<typeof ContactFollowedUpV1>> = {}): DomainEvent<EventData<typeof ContactFollowedUpV1>> {
  const contactId = change.contactId ?? randomUUID();
  return delivered(ContactFollowedUpV1, contactId, {
    contactId,
    ticketId,
    customerId: randomUUID(),
    channel: 'wechat',
    occurredAt: new Date().toISOString(),
    recordedBy: 'agent-2',
    reason: 'same_item_open_ticket',
    summary: '灯还没修',
    ...change,
  });
}
