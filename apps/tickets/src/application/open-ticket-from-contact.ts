import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ContactReceivedV1, type EventData } from '@cs/contracts';
import { DomainError, presentProps } from '@cs/ddd';
import type { DomainEvent } from '@cs/messaging';
import { Gathering, type InboxContext, mergesOrErasesCustomers } from '@cs/platform';
import { answeredTogether } from '@cs/persistence';
import { redactPersonalData } from '@cs/privacy';
import type { SlaPolicy } from '../domain/sla-policy';
import type { Ticket } from '../domain/ticket';
import type { TicketCommandData } from '../domain/ticket-commands';
import type { TicketEvent } from '../domain/ticket-events';
import { decide } from '../domain/ticket-decide';
import { evolveAll } from '../domain/ticket-evolve';
import type { CalendarLookup } from '../domain/ticket-sla';
import { CatalogueRepository } from '../infrastructure/catalogue.repository';
import { customersAsTheyStand, holdToOpen } from '../infrastructure/customer-fates';
import { SlaPolicyRepository } from '../infrastructure/sla-policy.repository';
import { linkContactsPart } from '../infrastructure/ticket-contacts';
import { nextTicketNumbers } from '../infrastructure/ticket-numbers';
import { TicketRepository } from '../infrastructure/ticket.repository';
import { CALENDAR_SOURCE, CalendarSource, countingPolicies, loadCalendars } from './calendar-source';
import { HistoryRecord, historyOf } from './ticket-history';
import { TicketWriter } from './ticket-writer';

type Received = DomainEvent<EventData<typeof ContactReceivedV1>>;
type Opening = Extract<TicketCommandData, { action: 'open_from_contact' }>;

/**
 * A contact intake routed as a new matter becomes a ticket with its SLA clocks, announced as
 * `ticket.created`. Intake decided it is new (ADR 0009), so no twin check happens here; the
 * ticket takes the id intake named for the matter, which makes a replayed contact harmless. A
 * calendar that refuses to count holds the clocks it times, not the opening (ADR 0130).
 *
 * The contacts a consumer transaction takes in are gathered and opened together, just before it
 * commits or before an intake event of another type of that transaction is handled (ADR 0062:
 * their order is kept): one statement each for the tickets locked and their numbers, one for their rows,
 * histories, timers and contacts together, and one for their events, however many tickets.
 */
@Injectable()
export class OpenTicketFromContact {
  /**
   * The policies read once per transaction: a consumer opens a chunk of contacts' tickets in one
   * transaction, and each would read the same rows again.
   */
  private readonly policiesIn = new WeakMap<EntityManager, Promise<SlaPolicy[]>>();
  /** A transaction that goes on to merge or erase customers opens its tickets holding the gate alone (holdToOpen). */
  private readonly gathering = new Gathering<Received>([ContactReceivedV1.type], (tx, received, held) => this.openAll(tx, received, mergesOrErasesCustomers(held)));

  constructor(
    private readonly tickets: TicketRepository,
    private readonly writer: TicketWriter,
    private readonly policies: SlaPolicyRepository,
    @Inject(CALENDAR_SOURCE) private readonly calendars: CalendarSource,
    private readonly catalogue: CatalogueRepository,
  ) {}

  /** Opens the contact's ticket with the transaction's other gathered contacts, before the transaction commits. */
  gather(received: Received, context: InboxContext): void {
    this.gathering.add(context, received);
  }

  async handle(received: Received, tx: EntityManager): Promise<void> {
    await this.openAll(tx, [received]);
  }

  private async openAll(tx: EntityManager, received: readonly Received[], mergingLater = false): Promise<void> {
    const now = new Date();
    // Contacts announced before intake named the ticket carry no id.
    const wanted = received.map((r) => ({ contact: r.data, ticketId: r.data.ticketId ?? randomUUID() }));
    // A contact recorded before its customer was merged away or erased can arrive after it. The gate
    // comes before the tickets' rows, as a merge or an erasure takes it before it moves or wipes them.
    await holdToOpen(tx, mergingLater);
    // Reads that need no answer of each other leave together: one round trip where each had its
    // own (ADR 0191). The ticket numbers wait for the tickets found, the calendars for the policies.
    const [known, policies, places, fates] = await answeredTogether(tx, () => [
      this.tickets.findAll(tx, wanted.map((w) => w.ticketId), true),
      this.policiesOf(tx),
      this.catalogue.places(tx, wanted.flatMap((w) => (w.contact.itemCode ? [w.contact.itemCode] : []))),
      customersAsTheyStand(tx, wanted.map((w) => w.contact.customerId)),
    ]);
    const [numbers, calendars] = await answeredTogether(tx, () => [
      nextTicketNumbers(tx, now, new Set(wanted.filter((w) => !known.has(w.ticketId)).map((w) => w.ticketId)).size),
      // The policies' calendars: a consultation's reply is capped in working days of its policy's calendar.
      loadCalendars(this.calendars, policies.map((p) => p.calendarId), tx),
    ]);
    const decided: { before: Ticket | undefined; ticket: Ticket; events: TicketEvent[]; history: HistoryRecord; opening: Opening; summary: string | undefined }[] = [];
    for (const { contact, ticketId } of wanted) {
      const before = known.get(ticketId);
      const fate = fates.get(contact.customerId.toLowerCase());
      const opening: Opening = {
        action: 'open_from_contact',
        ticketId,
        number: before?.number ?? numbers.shift()!,
        contact: {
          contactId: contact.contactId,
          customerId: fate?.customerId ?? contact.customerId,
          customerName: fate?.erasedAs ?? contact.customerNameMasked,
          channel: contact.channel,
          ...presentProps({ itemCode: contact.itemCode, recordPlace: contact.itemCode ? places.get(contact.itemCode) : undefined }),
          unit: contact.unit,
          ownerId: contact.recordedBy,
          ...presentProps({ grade: contact.grade, priority: contact.priority, promisedReply: contact.promisedReply }),
          occurredAt: new Date(contact.occurredAt),
        },
        policies,
      };
      const opened = this.decideOpening(before, opening, now, calendars);
      if (!opened) continue;
      // A second contact naming the same ticket in the chunk finds it open, as it would after a commit.
      known.set(ticketId, opened.ticket);
      // What an erased customer said is kept nowhere, as the erasure left their other tickets.
      decided.push({ before, ...opened, opening, summary: fate?.erasedAs === undefined ? contact.summary : undefined });
    }
    if (decided.length === 0) return;
    await this.writer.saveAll(
      tx,
      decided.map((d) => ({
        before: d.before,
        after: d.ticket,
        events: d.events,
        saving: {
          calendars,
          policy: policies.find((p) => p.id === d.ticket.policyId),
          now,
          history: d.history,
          ...presentProps({ demandSummary: d.summary === undefined ? undefined : redactPersonalData(d.summary) }),
        },
      })),
      // The contacts go in the statement that writes their tickets.
      [
        linkContactsPart(
          decided.map((d) => ({
            ticketId: d.ticket.id,
            contactId: d.opening.contact.contactId,
            kind: 'opened',
            channel: d.opening.contact.channel,
            occurredAt: d.opening.contact.occurredAt,
            summary: d.summary,
          })),
          now,
        ),
      ],
    );
  }

  private policiesOf(tx: EntityManager): Promise<SlaPolicy[]> {
    // A manager outside a transaction lives as long as the process: its reads are never kept.
    if (!tx.queryRunner?.isTransactionActive) return countingPolicies(this.policies, this.calendars, tx);
    let read = this.policiesIn.get(tx);
    if (!read) {
      // Counted by the calendars as the transaction sees them: opened by a calendar's version before, after its walk, nothing would walk it (ADR 0018).
      read = countingPolicies(this.policies, this.calendars, tx);
      this.policiesIn.set(tx, read);
      // Read beside others (ADR 0191), it may fail for a neighbour's failure: not kept then.
      read.catch(() => this.policiesIn.delete(tx));
    }
    return read;
  }

  /**
   * Opens the ticket a new matter asks for, timed by the SLA policy that fits it, and announces
   * it; nothing when it is open already (a replay). Returns the ticket as saved.
   */
  async open(tx: EntityManager, before: Ticket | undefined, data: Opening, now: Date, demandSummary: string): Promise<Ticket | undefined> {
    const calendars = await loadCalendars(this.calendars, data.policies.map((p) => p.calendarId), tx);
    const opened = this.decideOpening(before, data, now, calendars);
    if (!opened) return undefined;
    const policy = data.policies.find((p) => p.id === opened.ticket.policyId);
    return this.writer.save(tx, before, opened.ticket, opened.events, { calendars, policy, now, history: opened.history, demandSummary });
  }

  /** The ticket a new matter asks for, timed by the SLA policy that fits it; undefined when it is open already (a replay). */
  private decideOpening(
    before: Ticket | undefined,
    data: Opening,
    now: Date,
    calendars: CalendarLookup,
  ): { ticket: Ticket; events: TicketEvent[]; history: HistoryRecord } | undefined {
    const events = decide({ data, metadata: { at: now, by: 'system', calendars } }, before);
    if (events instanceof DomainError) throw events;
    const ticket = evolveAll(before, events);
    const history = historyOf(data, events, 'system');
    if (!ticket || !history) return undefined;
    return { ticket, events, history };
  }
}
