import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError, presentProps } from '@cs/ddd';
import type { Incident } from '../domain/incident';
import { Actor, canSee } from '../domain/ticket-access';
import type { Ticket } from '../domain/ticket';
import { TicketRepository } from '../infrastructure/ticket.repository';
import { RunIncidentCommand } from './run-incident-command';
import { RunTicketCommand } from './run-ticket-command';

/** A refusal about one ticket, said of the request field that named it. */
function aboutTicket(error: unknown, field: (ticketId: string) => string, ticketId?: string): unknown {
  const id = ticketId ?? (error instanceof DomainError ? error.details?.['ticketId'] : undefined);
  if (!(error instanceof DomainError) || typeof id !== 'string') return error;
  return new DomainError(error.code, error.kind, error.message, field(id), { ...error.details, ticketId: id }, error.rule);
}

/**
 * 关联 — tickets become children of an incident in one transaction: all of them or none. The
 * incident is locked first, then the tickets in id order, so two links never wait on each other
 * in a cycle. A ticket already a child of this incident counts once; a ticket the caller may not
 * see is refused like one that does not exist.
 */
@Injectable()
export class LinkIncidentTickets {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tickets: TicketRepository,
    private readonly incidents: RunIncidentCommand,
    private readonly run: RunTicketCommand,
  ) {}

  async execute(incidentId: string, actor: Actor, ticketIds: readonly string[], expectedVersion?: number, now = new Date()): Promise<Incident> {
    return this.dataSource.transaction(async (tx) => {
      const before = await this.incidents.loadForChange(tx, incidentId, actor, 'link_tickets', expectedVersion);
      // A uuid is the same in any letter case: named twice so, a ticket would join twice and count as two children.
      const ids = ticketIds.map((id) => id.toLowerCase());
      const fieldOf = (id: string) => `ticketIds[${ids.indexOf(id)}]`;
      const joining: Ticket[] = [];
      for (const id of [...new Set(ids)].sort()) {
        const ticket = await this.tickets.find(tx, id, true);
        if (!ticket || !canSee(actor, ticket)) {
          throw new DomainError('INCIDENT.UNKNOWN_TICKET', 'invalid', `ticket ${id} not found`, fieldOf(id), undefined, { code: 'unknown_reference' });
        }
        if (ticket.incidentId !== before.id) joining.push(ticket);
      }
      const linked = await this.incidents
        .decideAndSave(
          tx,
          before,
          { action: 'link_tickets', tickets: joining.map((t) => ({ id: t.id, ...presentProps({ projectCode: t.unit.projectCode }) })) },
          actor.sub,
          now,
        )
        .catch((error: unknown) => {
          throw aboutTicket(error, fieldOf);
        });
      for (const ticket of joining) {
        await this.run
          .decideAndSave(tx, ticket, { action: 'join_incident', incidentId: before.id, incidentNumber: before.number }, actor.sub, now)
          .catch((error: unknown) => {
            throw aboutTicket(error, fieldOf, ticket.id);
          });
      }
      return linked;
    });
  }
}
