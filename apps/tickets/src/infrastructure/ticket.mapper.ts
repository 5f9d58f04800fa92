import type { Ticket } from '../domain/ticket';
import { TicketRecord } from './ticket.record';

export function toRecord(ticket: Ticket): TicketRecord {
  return Object.assign(new TicketRecord(), {
    id: ticket.id,
    number: ticket.number,
    contactId: ticket.contactId,
    customerId: ticket.customerId,
    customerName: ticket.customerName,
    repeatContactCount: ticket.repeatContactCount,
    channel: ticket.channel,
    sectionCode: ticket.sectionCode ?? null,
    itemCode: ticket.itemCode ?? null,
    projectCode: ticket.unit.projectCode ?? null,
    building: ticket.unit.building ?? null,
    room: ticket.unit.room ?? null,
    ownerId: ticket.ownerId,
    status: ticket.status,
    createdAt: ticket.createdAt,
  });
}
