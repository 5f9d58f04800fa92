import type { Ticket } from './ticket';

/** Who is asking, in the terms access rules need; mirrors the token's claims. */
export interface Actor {
  readonly sub: string;
  readonly roles: readonly string[];
  readonly department?: string;
  /** Absent: all projects. */
  readonly projects?: readonly string[];
}

export type TicketAction =
  | 'decide_validity'
  | 'dispatch'
  | 'reply'
  | 'pause'
  | 'resume'
  | 'resolve'
  | 'close'
  | 'reopen'
  | 'extend'
  | 'escalate'
  | 'promise';

const AGENT_ACTIONS: readonly TicketAction[] = [
  'decide_validity', 'dispatch', 'reply', 'pause', 'resume', 'resolve', 'close', 'reopen', 'extend', 'escalate', 'promise',
];
const HANDLER_ACTIONS: readonly TicketAction[] = ['reply', 'pause', 'resume', 'resolve', 'extend'];

const ACTIONS_BY_ROLE: Readonly<Record<string, readonly TicketAction[]>> = {
  agent: AGENT_ACTIONS,
  supervisor: AGENT_ACTIONS,
  admin: AGENT_ACTIONS,
  handler: HANDLER_ACTIONS,
  manager: ['escalate'],
  quality: [],
};

function servesProject(actor: Actor, ticket: Ticket): boolean {
  const project = ticket.unit.projectCode;
  return !actor.projects || project === undefined || actor.projects.includes(project);
}

function handles(actor: Actor, ticket: Ticket): boolean {
  return actor.department !== undefined && ticket.department === actor.department;
}

/**
 * Agents and supervisors see the tickets of their projects; handlers those dispatched to their
 * department; managers and quality staff read those of their projects. Anything else is
 * reported as not found, so a ticket's existence does not leak.
 */
export function canSee(actor: Actor, ticket: Ticket): boolean {
  if (actor.roles.some((r) => r !== 'handler') && servesProject(actor, ticket)) return true;
  return actor.roles.includes('handler') && handles(actor, ticket);
}

export function canDo(actor: Actor, ticket: Ticket, action: TicketAction): boolean {
  return actor.roles.some((role) => {
    if (!ACTIONS_BY_ROLE[role]?.includes(action)) return false;
    return role === 'handler' ? handles(actor, ticket) : servesProject(actor, ticket);
  });
}
