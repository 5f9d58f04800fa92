import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CallbackAttemptedV1, Channel, ContactReceivedV1, EventData } from '@cs/contracts';
import { presentProps } from '@cs/ddd';
import type { DomainEvent, OutboxWriter } from '@cs/messaging';
import { writeTogether } from '@cs/persistence';
import { OUTBOX } from '@cs/platform';
import { redactPersonalData } from '@cs/privacy';
import { contentSummary } from '../domain/contact';
import type { Customer } from '../domain/customer';
import { maskName } from '../domain/masking';
import { ContactRepository } from '../infrastructure/contact.repository';
import { CustomerRepository } from '../infrastructure/customer.repository';
import { holdToFollow } from '../infrastructure/customer-copies';
import { newMatterPart } from '../infrastructure/known-tickets';

/** The channel the customer raised the need on: the callback's own. */
const CHANNEL_OF_METHOD: Record<EventData<typeof CallbackAttemptedV1>['method'], Channel> = {
  phone: 'phone',
  sms: 'sms',
  email: 'email',
  questionnaire: 'web_chat',
};

/** A chain of merges longer than this is not followed (each merge is a person's decision). */
const MAX_MERGE_HOPS = 10;

/**
 * 新需求 — needs a customer raises during a callback are a new matter: recorded here as an
 * outbound contact of the agent who called, and announced as contact.received, so the tickets
 * service opens a ticket for them as for any other contact.
 */
@Injectable()
export class RecordCallbackNeeds {
  constructor(
    private readonly customers: CustomerRepository,
    private readonly contacts: ContactRepository,
    @Inject(OUTBOX) private readonly outbox: OutboxWriter,
  ) {}

  async handle(event: DomainEvent<EventData<typeof CallbackAttemptedV1>>, tx: EntityManager): Promise<void> {
    const attempt = event.data;
    if (!attempt.newNeeds) return;
    await holdToFollow(tx);
    const customer = await this.standingFor(tx, attempt.customerId);
    // An erased or never-registered customer has no one to open a matter for.
    if (!customer) return;
    const id = randomUUID();
    const ticketId = randomUUID();
    const occurredAt = new Date(attempt.at);
    const content = redactPersonalData(attempt.newNeeds);
    const channel = CHANNEL_OF_METHOD[attempt.method];
    const unit = presentProps({ projectCode: attempt.projectCode });
    await writeTogether(tx, [
      newMatterPart({ ticketId, customerId: customer.id, openedAt: occurredAt, ...unit }),
      this.contacts.insertPart({
        id,
        customerId: customer.id,
        channel,
        direction: 'outbound',
        occurredAt,
        recordedBy: attempt.by,
        unit,
        content,
        ticketId,
        route: 'new_matter',
        attachments: [],
        source: 'agent',
      }),
    ]);
    // Keyed by the matter, as every contact.received: a follow-up of it shares its partition and is never read before it.
    await this.outbox.append(tx, ContactReceivedV1, ticketId, {
      contactId: id,
      ticketId,
      customerId: customer.id,
      customerNameMasked: maskName(customer.name),
      channel,
      direction: 'outbound',
      occurredAt: occurredAt.toISOString(),
      recordedBy: attempt.by,
      unit,
      summary: contentSummary(content),
    });
  }

  /**
   * The record that stands for the customer called: through merges to the survivor (a merged
   * duplicate's matters are the survivor's); none once erased (ADR 0006: what they say is wiped,
   * and no matter is opened in their name).
   */
  private async standingFor(tx: EntityManager, customerId: string): Promise<Customer | undefined> {
    let customer = await this.customers.findById(tx, customerId);
    for (let hops = 0; customer?.mergedInto && hops < MAX_MERGE_HOPS; hops += 1) customer = await this.customers.findById(tx, customer.mergedInto);
    return customer && !customer.erasedAt && !customer.mergedInto ? customer : undefined;
  }
}
