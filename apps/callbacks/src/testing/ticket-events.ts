import { randomUUID } from 'node:crypto';
import { TicketCreatedV1, TicketResolvedV1 } from '@cs/contracts';
import { newEvent } from '@cs/messaging';

/** The ticket a test follows: what its later events repeat. */
export interface FollowedTicketFixture {
  readonly ticketId: string;
  readonly customerId: string;
  readonly project: string;
  readonly sectionCode: string;
}

/**
 * ticket.created of a new ticket (an `…other` item of the section) of a new customer or of
 * `customerId`, or of a recurring schedule's (周期工单) when `scheduleId` is given.
 */
export function ticketCreatedEvent(o: { project?: string; sectionCode?: string; ownerId: string; createdAt: Date; scheduleId?: string; customerId?: string }) {
  const ticket: FollowedTicketFixture = { ticketId: randomUUID(), customerId: o.customerId ?? randomUUID(), project: o.project ?? 'P001', sectionCode: o.sectionCode ?? 'complaint' };
  const created = newEvent(TicketCreatedV1, {
    source: '/cs/tickets',
    subject: ticket.ticketId,
    data: {
      ticketId: ticket.ticketId,
      number: 'TK-20260930-000001',
      contactId: randomUUID(),
      customerId: ticket.customerId,
      channel: 'phone',
      sectionCode: ticket.sectionCode,
      itemCode: `${ticket.sectionCode}.other`,
      unit: { projectCode: ticket.project, building: '3', room: '1202' },
      ownerId: o.ownerId,
      status: 'new',
      createdAt: o.createdAt.toISOString(),
      ...(o.scheduleId ? { origin: { kind: 'schedule' as const, scheduleId: o.scheduleId, occurrenceOn: o.createdAt.toISOString().slice(0, 10) } } : {}),
    },
  });
  return { ticket, created };
}

/** ticket.resolved of the ticket at `at`, by handler-1, within its deadline. */
export function ticketResolvedEvent(t: FollowedTicketFixture, at: Date) {
  return newEvent(TicketResolvedV1, {
    source: '/cs/tickets',
    subject: t.ticketId,
    data: {
      ticketId: t.ticketId,
      number: 'TK-20260930-000001',
      customerId: t.customerId,
      status: 'resolved',
      itemCode: `${t.sectionCode}.other`,
      projectCode: t.project,
      sectionCode: t.sectionCode,
      at: at.toISOString(),
      by: 'handler-1',
      resolution: '已处理',
      reopenCount: 0,
      breached: false,
    },
  });
}
