import { DomainError } from '@cs/ddd';
import type { Incident } from './incident';
import type { IncidentAction } from './incident-decide';
import type { Actor } from './ticket-access';

/**
 * 客服主管 declares, dispatches, informs and resolves an incident; an agent answering the calls
 * joins the callers' tickets to it.
 */
const ACTIONS_BY_ROLE: Readonly<Record<string, readonly IncidentAction[]>> = {
  supervisor: ['declare', 'dispatch', 'post_update', 'link_tickets', 'resolve', 'resolve_children'],
  admin: ['declare', 'dispatch', 'post_update', 'link_tickets', 'resolve', 'resolve_children'],
  agent: ['link_tickets'],
};

/** What a refusal names, in words a desk can show (as a ticket's refusals do). */
const REFUSED_ACT: Readonly<Record<IncidentAction, string>> = {
  declare: 'declare an incident',
  dispatch: 'dispatch an incident',
  post_update: 'post an update on an incident',
  link_tickets: 'link tickets to an incident',
  resolve: 'resolve an incident',
  resolve_children: 'resolve the tickets an incident stands for',
  fire_sla_timers: 'fire an incident’s SLA timers',
};

/** Whether the role may take the action on an incident of a project it serves: what the contract publishes as the operation's roles. */
export function roleMayTakeOnIncident(role: string, action: IncidentAction): boolean {
  return ACTIONS_BY_ROLE[role]?.includes(action) ?? false;
}

/** The roles that may read incidents at all; a handler only those dispatched to their department. */
export const INCIDENT_READERS = ['agent', 'supervisor', 'handler', 'manager', 'quality', 'admin'] as const;

function servesProject(actor: Actor, projectCode: string): boolean {
  return !actor.projects || actor.projects.includes(projectCode);
}

/** Like a ticket: the staff of its project see it, a handler when it is dispatched to their department; others get 404. */
export function canSeeIncident(actor: Actor, incident: Incident): boolean {
  if (actor.roles.some((r) => r !== 'handler') && servesProject(actor, incident.place.projectCode)) return true;
  return actor.roles.includes('handler') && actor.department !== undefined && incident.department === actor.department && servesProject(actor, incident.place.projectCode);
}

/** Refuses (403 `INCIDENT.NOT_ALLOWED`) what the actor's roles do not allow in the incident's project. */
export function assertMayDoToIncident(actor: Actor, projectCode: string, action: IncidentAction): void {
  if (!servesProject(actor, projectCode)) {
    throw new DomainError('INCIDENT.PROJECT_NOT_SERVED', 'forbidden', `you do not serve project ${projectCode}`, 'projectCode');
  }
  if (actor.roles.some((role) => roleMayTakeOnIncident(role, action))) return;
  throw new DomainError('INCIDENT.NOT_ALLOWED', 'forbidden', `your role may not ${REFUSED_ACT[action]}`);
}
