import type { OperationObject, ResponseObject } from '@nestjs/swagger';
import { DomainError } from '@cs/ddd';
import { ROLES, type Role } from '@cs/auth';
import { assertMayDoToIncident } from '../../apps/tickets/src/domain/incident-access';
import type { IncidentAction } from '../../apps/tickets/src/domain/incident-decide';
import { Ticket, openTicket } from '../../apps/tickets/src/domain/ticket';
import { type TicketAction, canDo } from '../../apps/tickets/src/domain/ticket-access';
import { buildMergedDocument, operationsOf } from './service-documents';

type Operation = OperationObject & { readonly 'x-roles'?: readonly Role[] };

/** Who refuses a role the rule does not admit: the domain once the ticket is found, or the guard before. */
type RefusedBy = 'rule' | 'guard';

/** What each command on a ticket asks of the access rule, and who answers the roles it does not admit. */
const TICKET_COMMANDS: Readonly<Record<string, readonly [TicketAction, RefusedBy]>> = {
  'POST /v1/tickets/{id}/validity': ['decide_validity', 'rule'],
  'POST /v1/tickets/{id}/dispatch': ['dispatch', 'rule'],
  'POST /v1/tickets/{id}/replies': ['reply', 'rule'],
  'POST /v1/tickets/{id}/arrival': ['arrive', 'rule'],
  'POST /v1/tickets/{id}/extensions': ['extend', 'rule'],
  'POST /v1/tickets/{id}/escalations': ['escalate', 'rule'],
  'POST /v1/tickets/{id}/pause': ['pause', 'rule'],
  'POST /v1/tickets/{id}/resume': ['resume', 'rule'],
  'POST /v1/tickets/{id}/resolve': ['resolve', 'rule'],
  'POST /v1/tickets/{id}/reopen': ['reopen', 'rule'],
  'POST /v1/tickets/{id}/close': ['close', 'rule'],
  'POST /v1/tickets/{id}/promise': ['promise', 'rule'],
  'POST /v1/tickets/{id}/record': ['amend_record', 'rule'],
  'POST /v1/tickets/{id}/merges': ['merge', 'guard'],
  'POST /v1/tickets/{id}/suggestion/evaluation': ['evaluate_suggestion', 'guard'],
  'POST /v1/tickets/{id}/suggestion/forward': ['forward_suggestion', 'guard'],
  'POST /v1/tickets/{id}/suggestion/implementation': ['record_implementation', 'guard'],
  'POST /v1/tickets/{id}/suggestion/reward': ['reward_suggestion', 'guard'],
  'POST /v1/tickets/{id}/opinions': ['request_opinion', 'guard'],
  'POST /v1/tickets/{id}/opinions/{opinionId}': ['record_opinion', 'guard'],
  'POST /v1/tickets/{id}/reply-approval': ['approve_reply', 'guard'],
};

const INCIDENT_COMMANDS: Readonly<Record<string, IncidentAction>> = {
  'POST /v1/incidents': 'declare',
  'POST /v1/incidents/{id}/children': 'link_tickets',
  'POST /v1/incidents/{id}/dispatch': 'dispatch',
  'POST /v1/incidents/{id}/updates': 'post_update',
  'POST /v1/incidents/{id}/resolve': 'resolve',
  'POST /v1/incidents/{id}/resolve-children': 'resolve_children',
};

/** Writes on a ticket no action of the access rule governs: anyone who may see it says they have it open. */
const SEEING_IS_ENOUGH = ['PUT /v1/tickets/{id}/presence', 'DELETE /v1/tickets/{id}/presence'];

/** A ticket of the department every handler here works for, so the only thing deciding is the role. */
const ticket: Ticket = {
  ...openTicket({
    id: 't', number: 'TK-20261124-000001', contactId: 'c', customerId: 'cu', customerName: '张*', channel: 'phone',
    unit: { projectCode: 'P001' }, ownerId: 'agent-1', at: new Date('2026-11-24T01:00:00Z'),
  }),
  department: 'engineering',
};

const rolesTheTicketRuleAdmits = (action: TicketAction): Role[] =>
  ROLES.filter((role) => canDo({ sub: `${role}-1`, roles: [role], department: 'engineering' }, ticket, action));

function rolesTheIncidentRuleAdmits(action: IncidentAction): Role[] {
  return ROLES.filter((role) => {
    try {
      assertMayDoToIncident({ sub: `${role}-1`, roles: [role] }, 'P001', action);
      return true;
    } catch (error: unknown) {
      if (error instanceof DomainError) return false;
      throw error;
    }
  });
}

const forbiddenCode = (operation: Operation): unknown =>
  ((operation.responses['403'] as ResponseObject | undefined)?.content?.['application/problem+json']?.example as { code?: string } | undefined)?.code;

describe('the roles the API document names for each operation, against the access rules the domain applies', () => {
  let operations: Map<string, Operation>;

  beforeAll(async () => {
    operations = new Map(operationsOf(await buildMergedDocument()));
  });

  it('names for each command on a ticket the roles the ticket access rule lets take its action, and the 403 that refuses the others', () => {
    for (const [name, [action, refusedBy]] of Object.entries(TICKET_COMMANDS)) {
      const operation = operations.get(name);
      const roles = rolesTheTicketRuleAdmits(action);
      expect([name, operation?.['x-roles']]).toEqual([name, roles]);
      const rolesLine = operation?.description?.split('\n\n').find((paragraph) => paragraph.startsWith('Roles: '));
      expect([name, rolesLine]).toEqual([name, expect.stringMatching(new RegExp(`^Roles: ${roles.join(', ')}[.;]`))]);
      expect([name, forbiddenCode(operation!)]).toEqual([name, refusedBy === 'rule' ? 'TICKET.NOT_ALLOWED' : 'HTTP.FORBIDDEN']);
    }
  });

  it('names for each command on an incident the roles the incident access rule lets take its action', () => {
    for (const [name, action] of Object.entries(INCIDENT_COMMANDS)) {
      expect([name, operations.get(name)?.['x-roles']]).toEqual([name, rolesTheIncidentRuleAdmits(action)]);
    }
  });

  it('leaves no write on a ticket or an incident out of the comparison', () => {
    const writes = [...operations.keys()].filter((name) => !name.startsWith('GET ') && / \/v1\/(tickets\/\{id\}|incidents)/.test(name));
    const compared = [...Object.keys(TICKET_COMMANDS), ...Object.keys(INCIDENT_COMMANDS), ...SEEING_IS_ENOUGH];
    expect(writes.filter((name) => !compared.includes(name))).toEqual([]);
    expect(compared.filter((name) => !operations.has(name))).toEqual([]);
  });
});
