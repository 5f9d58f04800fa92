import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Principal, canAccessProject } from '@cs/auth';
import { DomainError } from '@cs/ddd';
import { TicketRecord } from '../infrastructure/ticket.record';

/**
 * Reads tickets as the caller may see them: a ticket of a project the caller does not serve
 * is reported as not found, so its existence does not leak.
 */
@Injectable()
export class FindTickets {
  constructor(private readonly dataSource: DataSource) {}

  async byId(id: string, principal: Principal): Promise<TicketRecord> {
    const ticket = await this.dataSource.getRepository(TicketRecord).findOneBy({ id });
    if (!ticket || !this.visible(ticket, principal)) {
      throw new DomainError('TICKET.NOT_FOUND', 'not_found', `ticket ${id} not found`);
    }
    return ticket;
  }

  /** The ticket a contact opened or joined as a follow-up. */
  async byContact(contactId: string, principal: Principal): Promise<TicketRecord[]> {
    const tickets = await this.dataSource
      .getRepository(TicketRecord)
      .createQueryBuilder('t')
      .where('t.id IN (SELECT ticket_id FROM ticket_contacts WHERE contact_id = :contactId)', { contactId })
      .getMany();
    return tickets.filter((t) => this.visible(t, principal));
  }

  private visible(ticket: TicketRecord, principal: Principal): boolean {
    return ticket.projectCode === null || canAccessProject(principal, ticket.projectCode);
  }
}
