import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { ContactReceivedV1, EventData } from '@cs/contracts';
import { DomainError, presentProps } from '@cs/ddd';
import type { DomainEvent } from '@cs/messaging';
import { redactPersonalData } from '@cs/privacy';
import type { SlaPolicy } from '../domain/sla-policy';
import type { Ticket } from '../domain/ticket';
import type { TicketCommandData } from '../domain/ticket-commands';
import { decide } from '../domain/ticket-decide';
import { evolveAll } from '../domain/ticket-evolve';
import { SlaPolicyRepository } from '../infrastructure/sla-policy.repository';
import { linkContact } from '../infrastructure/ticket-contacts';
import { nextTicketNumber } from '../infrastructure/ticket-numbers';
import { TicketRepository } from '../infrastructure/ticket.repository';
import { CALENDAR_SOURCE, CalendarSource, NO_CALENDARS, loadCalendars } from './calendar-source';
import { historyOf } from './ticket-history';
import { TicketWriter } from './ticket-writer';

/**
 * A contact intake routed as a new matter becomes a ticket with its SLA clocks, announced as
 * `ticket.created`. Intake decided it is new (ADR 0009), so no twin check happens here; the
 * ticket takes the id intake named for the matter, which makes a replayed contact harmless.
 */
@Injectable()
export class OpenTicketFromContact {
  /**
   * The policies read once per transaction: a consumer opens a chunk of contacts' tickets in one
   * transaction, and each would read the same rows again.
   */
  private readonly policiesIn = new WeakMap<EntityManager, Promise<SlaPolicy[]>>();

  constructor(
    private readonly tickets: TicketRepository,
    private readonly writer: TicketWriter,
    private readonly policies: SlaPolicyRepository,
    @Inject(CALENDAR_SOURCE) private readonly calendars: CalendarSource,
  ) {}

  async handle(received: DomainEvent<EventData<typeof ContactReceivedV1>>, tx: EntityManager): Promise<void> {
    const contact = received.data;
    const now = new Date();
    // Contacts announced before intake named the ticket carry no id.
    const ticketId = contact.ticketId ?? randomUUID();
    const before = await this.tickets.find(tx, ticketId, true);
    const data: Extract<TicketCommandData, { action: 'open_from_contact' }> = {
      action: 'open_from_contact',
      ticketId,
      number: before?.number ?? (await nextTicketNumber(tx, now)),
      contact: {
        contactId: contact.contactId,
        customerId: contact.customerId,
        customerName: contact.customerNameMasked,
        channel: contact.channel,
        ...presentProps({ itemCode: contact.itemCode }),
        unit: contact.unit,
        ownerId: contact.recordedBy,
        ...presentProps({ grade: contact.grade, priority: contact.priority, promisedReply: contact.promisedReply }),
        occurredAt: new Date(contact.occurredAt),
      },
      policies: await this.policiesOf(tx),
    };
    const ticket = await this.open(tx, before, data, now, redactPersonalData(contact.summary));
    if (!ticket) return;
    await linkContact(
      tx,
      ticket.id,
      { contactId: contact.contactId, kind: 'opened', channel: contact.channel, occurredAt: new Date(contact.occurredAt), summary: contact.summary },
      now,
    );
  }

  private policiesOf(tx: EntityManager): Promise<SlaPolicy[]> {
    // A manager outside a transaction lives as long as the process: its reads are never kept.
    if (!tx.queryRunner?.isTransactionActive) return this.policies.list(tx).then((l) => l.policies);
    let read = this.policiesIn.get(tx);
    if (!read) {
      read = this.policies.list(tx).then((l) => l.policies);
      this.policiesIn.set(tx, read);
    }
    return read;
  }

  /**
   * Opens the ticket a new matter asks for, timed by the SLA policy that fits it, and announces
   * it; nothing when it is open already (a replay). Returns the ticket as saved.
   */
  async open(tx: EntityManager, before: Ticket | undefined, data: Extract<TicketCommandData, { action: 'open_from_contact' }>, now: Date, demandSummary: string): Promise<Ticket | undefined> {
    const events = decide({ data, metadata: { at: now, by: 'system', calendars: NO_CALENDARS } }, before);
    if (events instanceof DomainError) throw events;
    const ticket = evolveAll(before, events);
    const history = historyOf(data, events, 'system');
    if (!ticket || !history) return undefined;
    const policy = data.policies.find((p) => p.id === ticket.policyId);
    const calendars = await loadCalendars(this.calendars, ticket.clocks.map((c) => c.calendarId), tx);
    return this.writer.save(tx, before, ticket, events, { calendars, policy, now, history, demandSummary });
  }
}
