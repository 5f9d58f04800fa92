import { ROLES, type Role, Roles, RolesByRule } from '@cs/auth';
import { roleMayTakeOnIncident } from '../domain/incident-access';
import type { IncidentAction } from '../domain/incident-decide';
import { type TicketAction, roleMayTake } from '../domain/ticket-access';

/** The roles the ticket access rule lets take the action, in the order the contract lists roles. */
export function rolesTaking(action: TicketAction): Role[] {
  return ROLES.filter((role) => roleMayTake(role, action));
}

/** Roles as the contract lists them: in the platform's order, comma-separated. */
export function roleList(roles: readonly string[]): string {
  return ROLES.filter((role) => roles.includes(role)).join(', ');
}

/**
 * A command the ticket access rule alone decides who may send (403 `TICKET.NOT_ALLOWED` after
 * the ticket is found, 404 first across projects): the contract names the roles its table gives.
 */
export const TicketCommandRoles = (action: TicketAction): MethodDecorator => RolesByRule({ roles: rolesTaking(action), refusal: 'TICKET.NOT_ALLOWED' });

/** A ticket command the guard also admits only to the roles the access rule lets take it. */
export const RolesTaking = (action: TicketAction): MethodDecorator & ClassDecorator => Roles(...rolesTaking(action));

/** An incident command the guard admits only to the roles the incident access rule lets take it. */
export const RolesTakingOnIncident = (action: IncidentAction): MethodDecorator & ClassDecorator =>
  Roles(...ROLES.filter((role) => roleMayTakeOnIncident(role, action)));
