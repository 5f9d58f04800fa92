import { TicketEscalatedV1 } from '@cs/contracts';
import type { Ticket } from '../domain/ticket';
import { event } from './ticket-writer';

/** The routing fields every ticket event carries. */
export function ticketEventBase(ticket: Ticket, at: Date, by: string) {
  return {
    ticketId: ticket.id,
    number: ticket.number,
    customerId: ticket.customerId,
    status: ticket.status,
    ...(ticket.itemCode ? { itemCode: ticket.itemCode } : {}),
    ...(ticket.unit.projectCode ? { projectCode: ticket.unit.projectCode } : {}),
    at: at.toISOString(),
    by,
  };
}

/** 重大投诉: leaders hear of a major complaint at once, not when a deadline passes. */
export function majorComplaintEscalated(ticket: Ticket, at: Date, by: string) {
  return event(TicketEscalatedV1, {
    ...ticketEventBase(ticket, at, by),
    level: 1,
    reason: 'major_complaint',
    notify: { ...notifyFor(ticket, 2), roles: ['supervisor', 'manager'] },
  });
}

/** Whom an escalation or SLA event is for: the level decides the role, the ticket narrows it. */
export function notifyFor(ticket: Ticket, level: 0 | 1 | 2) {
  const roles: ('supervisor' | 'manager' | 'handler' | 'agent')[] =
    level === 2 ? ['manager', 'supervisor'] : level === 1 ? ['supervisor'] : ['agent', ...(ticket.department ? (['handler'] as const) : [])];
  return {
    roles,
    ...(ticket.unit.projectCode ? { projectCode: ticket.unit.projectCode } : {}),
    ...(ticket.department ? { department: ticket.department } : {}),
    userIds: [ticket.ownerId, ...(ticket.handler ? [ticket.handler] : [])],
  };
}
