import { presentProps } from '@cs/ddd';
import type { Ticket } from './ticket';
import type { EscalationLevel } from './ticket-lifecycle';

export type NotifiedRole = 'supervisor' | 'manager' | 'handler' | 'agent';

/** Who should hear of an escalation or an SLA warning or breach. */
export interface Notify {
  readonly roles: readonly NotifiedRole[];
  readonly projectCode?: string;
  readonly department?: string;
  readonly userIds: readonly string[];
}

/** The roles an escalation level reaches: the manager at 2, the supervisors at 1, those working the matter at 0. */
export function rolesAt(level: EscalationLevel, working: readonly NotifiedRole[]): readonly NotifiedRole[] {
  return level === 2 ? ['manager', 'supervisor'] : level === 1 ? ['supervisor'] : working;
}

/** The level decides the role, the ticket narrows it to its project, department and people. */
export function notifyFor(ticket: Ticket, level: EscalationLevel): Notify {
  return {
    roles: rolesAt(level, ['agent', ...(ticket.department ? (['handler'] as const) : [])]),
    ...presentProps({ projectCode: ticket.unit.projectCode, department: ticket.department }),
    userIds: [ticket.ownerId, ...(ticket.handler ? [ticket.handler] : [])],
  };
}

/** 重大投诉: the leaders hear of a major complaint at once, with the supervisor. */
export function notifyOfMajorComplaint(ticket: Ticket): Notify {
  return { ...notifyFor(ticket, 2), roles: ['supervisor', 'manager'] };
}
