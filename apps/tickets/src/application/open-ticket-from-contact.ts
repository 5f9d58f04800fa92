import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ContactReceivedV1, EventData, TicketCreatedV1 } from '@cs/contracts';
import { DomainEvent, OutboxWriter } from '@cs/messaging';
import { OUTBOX } from '@cs/platform';
import { openTicket } from '../domain/ticket';
import { linkContact, openTicketFor } from '../infrastructure/ticket-contacts';
import { toRecord } from '../infrastructure/ticket.mapper';
import { nextTicketNumber } from '../infrastructure/ticket-numbers';
import { TicketRecord } from '../infrastructure/ticket.record';

/**
 * A contact that raised a new matter becomes a ticket, announced as `ticket.created` — unless
 * the same customer's ticket for the same item opened meanwhile (two calls a minute apart, before
 * intake heard of the first ticket): then the contact joins that ticket as a follow-up.
 */
@Injectable()
export class OpenTicketFromContact {
  constructor(@Inject(OUTBOX) private readonly outbox: OutboxWriter) {}

  async handle(event: DomainEvent<EventData<typeof ContactReceivedV1>>, tx: EntityManager): Promise<void> {
    const contact = event.data;
    if (contact.itemCode) {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`ticket-matter:${contact.customerId}:${contact.itemCode}`]);
      const existing = await openTicketFor(tx, contact.customerId, contact.itemCode);
      if (existing) {
        await linkContact(tx, existing, contact.contactId, 'follow_up', contact.channel, new Date(contact.occurredAt));
        return;
      }
    }
    const at = new Date();
    const ticket = openTicket({
      id: randomUUID(),
      number: await nextTicketNumber(tx, at),
      contactId: contact.contactId,
      customerId: contact.customerId,
      customerName: contact.customerNameMasked,
      channel: contact.channel,
      ...(contact.itemCode ? { itemCode: contact.itemCode } : {}),
      unit: contact.unit,
      ownerId: contact.recordedBy,
      at,
    });
    await tx.insert(TicketRecord, toRecord(ticket));
    await linkContact(tx, ticket.id, contact.contactId, 'opened', contact.channel, at);
    await this.outbox.append(tx, TicketCreatedV1, ticket.id, {
      ticketId: ticket.id,
      number: ticket.number,
      contactId: ticket.contactId,
      customerId: ticket.customerId,
      channel: ticket.channel,
      ...(ticket.itemCode ? { itemCode: ticket.itemCode } : {}),
      ...(ticket.sectionCode ? { sectionCode: ticket.sectionCode } : {}),
      unit: ticket.unit,
      ownerId: ticket.ownerId,
      status: 'new',
      createdAt: ticket.createdAt.toISOString(),
    });
  }
}
