import { DomainError } from '@cs/ddd';
import type { Ticket } from './ticket';
import type { JoinIncident } from './ticket-commands';
import type { TicketEvent } from './ticket-events';
import { OPEN_STATUSES, isOpen } from './ticket-lifecycle';

/**
 * Whether the ticket's incident still stands for it: it joined one and was not reopened since. A
 * child is resolved with its incident and handled by its dispatch; reopened after that, its new
 * resolution clock is its own. A ticket reopened before it joined is the incident's from the join on.
 */
export function coveredByIncident(state: Ticket): boolean {
  return state.incidentId !== undefined && state.reopenCount === (state.reopensWhenJoined ?? 0);
}

/**
 * A ticket joins an incident while it is still being worked on, and only one: a handled matter
 * has its own resolution and callback already, and a ticket resolved by two incidents would be
 * told two stories. Routine work a schedule opened joins none. Joining the same incident again
 * changes nothing.
 */
export function joinIncident(ticket: Ticket, data: JoinIncident, stamp: { readonly at: Date; readonly by: string }): TicketEvent[] {
  if (ticket.incidentId === data.incidentId) return [];
  if (ticket.incidentId !== undefined) {
    throw new DomainError('TICKET.IN_ANOTHER_INCIDENT', 'conflict', `ticket ${ticket.number} is a child of another incident`, undefined, {
      incidentId: ticket.incidentId,
    });
  }
  if (ticket.origin) {
    // An incident's updates and resolution are told to its callers; routine work has none.
    throw new DomainError('TICKET.SCHEDULED_WORK', 'conflict', `ticket ${ticket.number} is routine work a schedule opened, not a caller's matter`, undefined, {
      scheduleId: ticket.origin.scheduleId,
    });
  }
  if (!isOpen(ticket.status)) {
    throw new DomainError('TICKET.ILLEGAL_TRANSITION', 'conflict', `cannot join a ${ticket.status} ticket to an incident`, undefined, {
      currentStatus: ticket.status,
      command: 'join_incident',
      allowedFrom: OPEN_STATUSES,
    });
  }
  return [{ type: 'incident_joined', ...stamp, incidentId: data.incidentId, incidentNumber: data.incidentNumber }];
}
