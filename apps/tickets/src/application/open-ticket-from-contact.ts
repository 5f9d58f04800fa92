import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ContactReceivedV1, EventData, TicketCreatedV1 } from '@cs/contracts';
import type { DomainEvent } from '@cs/messaging';
import { selectPolicy } from '../domain/sla-policy';
import { openTicket } from '../domain/ticket';
import { startClocks } from '../domain/ticket-sla';
import { transition } from '../domain/ticket-lifecycle';
import { SlaPolicyRepository } from '../infrastructure/sla-policy.repository';
import { linkContact, openTicketFor } from '../infrastructure/ticket-contacts';
import { nextTicketNumber } from '../infrastructure/ticket-numbers';
import { CALENDAR_SOURCE, CalendarSource, loadCalendars } from './calendar-source';
import { majorComplaintEscalated } from './ticket-events';
import { PendingEvent, TicketWriter, event } from './ticket-writer';

/**
 * A contact that raised a new matter becomes a ticket with its SLA clocks, announced as
 * `ticket.created` — unless the same customer's ticket for the same item opened meanwhile (two
 * calls a minute apart, before intake heard of the first ticket): then the contact joins that
 * ticket as a follow-up. A major complaint escalates to leaders at once.
 */
@Injectable()
export class OpenTicketFromContact {
  constructor(
    private readonly writer: TicketWriter,
    private readonly policies: SlaPolicyRepository,
    @Inject(CALENDAR_SOURCE) private readonly calendars: CalendarSource,
  ) {}

  async handle(received: DomainEvent<EventData<typeof ContactReceivedV1>>, tx: EntityManager): Promise<void> {
    const contact = received.data;
    if (contact.itemCode) {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`ticket-matter:${contact.customerId}:${contact.itemCode}`]);
      const existing = await openTicketFor(tx, contact.customerId, contact.itemCode);
      if (existing) {
        await linkContact(tx, existing, contact.contactId, 'follow_up', contact.channel, new Date(contact.occurredAt));
        return;
      }
    }
    const now = new Date();
    let ticket = openTicket({
      id: randomUUID(),
      number: await nextTicketNumber(tx, now),
      contactId: contact.contactId,
      customerId: contact.customerId,
      customerName: contact.customerNameMasked,
      channel: contact.channel,
      ...(contact.itemCode ? { itemCode: contact.itemCode } : {}),
      unit: contact.unit,
      ownerId: contact.recordedBy,
      ...(contact.grade ? { grade: contact.grade } : {}),
      ...(contact.priority ? { priority: contact.priority } : {}),
      ...(contact.promisedReply ? { promisedReply: contact.promisedReply } : {}),
      occurredAt: new Date(contact.occurredAt),
      at: now,
    });
    const { policies } = await this.policies.list(tx);
    const policy = selectPolicy(policies, {
      sectionCode: ticket.sectionCode,
      itemCode: ticket.itemCode,
      grade: ticket.grade,
      priority: ticket.priority,
      channel: ticket.channel,
      projectCode: ticket.unit.projectCode,
    });
    ticket = { ...ticket, ...(policy ? { policyId: policy.id, clocks: startClocks(policy, ticket) } : {}) };
    const events: PendingEvent[] = [
      event(TicketCreatedV1, {
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
      }),
    ];
    if (ticket.grade === 'major' && ticket.sectionCode === 'complaint') {
      ticket = { ...ticket, ...transition(ticket, { type: 'escalate', level: 1 }, now) };
      events.push(majorComplaintEscalated(ticket, now, 'system'));
    }
    const calendars = await loadCalendars(this.calendars, ticket.clocks.map((c) => c.calendarId));
    await this.writer.create(tx, ticket, calendars, policy, now, events);
    await linkContact(tx, ticket.id, contact.contactId, 'opened', contact.channel, now);
  }
}
