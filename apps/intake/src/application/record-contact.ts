import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Channel, ContactReceivedV1 } from '@cs/contracts';
import { DomainError } from '@cs/ddd';
import { OutboxWriter } from '@cs/messaging';
import { OUTBOX } from '@cs/platform';
import { contentSummary, validateNewContact } from '../domain/contact';
import { maskName } from '../domain/masking';
import { normalizePhone } from '../domain/phone-number';
import { ContactRecord } from '../infrastructure/contact.record';
import { CustomerRecord } from '../infrastructure/customer.record';

export interface RecordContactCommand {
  readonly channel: Channel;
  readonly content: string;
  readonly occurredAt?: Date;
  readonly recordedBy: string;
  readonly itemCode?: string;
  readonly customer: { name: string; phone: string; projectCode?: string; building?: string; room?: string };
}

export interface RecordedContact {
  readonly id: string;
  readonly customerId: string;
}

/**
 * Records a contact and announces it: the customer (found by phone or created), the contact
 * and its `contact.received` event commit together or not at all.
 */
@Injectable()
export class RecordContact {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(OUTBOX) private readonly outbox: OutboxWriter,
  ) {}

  async execute(command: RecordContactCommand, now = new Date()): Promise<RecordedContact> {
    const occurredAt = command.occurredAt ?? now;
    validateNewContact({ ...command, occurredAt }, now);
    const phone = normalizePhone(command.customer.phone);
    if (!phone) {
      throw new DomainError('CONTACT.INVALID_PHONE', 'invalid', 'not a valid phone number', 'customer.phone');
    }
    return this.dataSource.transaction(async (tx) => {
      const customer = await this.findOrCreateCustomer(tx, command.customer.name, phone);
      const contact = tx.create(ContactRecord, {
        id: randomUUID(),
        customerId: customer.id,
        channel: command.channel,
        direction: 'inbound',
        occurredAt,
        recordedBy: command.recordedBy,
        projectCode: command.customer.projectCode ?? null,
        building: command.customer.building ?? null,
        room: command.customer.room ?? null,
        content: command.content,
        itemCode: command.itemCode ?? null,
      });
      await tx.insert(ContactRecord, contact);
      await this.outbox.append(tx, ContactReceivedV1, contact.id, {
        contactId: contact.id,
        customerId: customer.id,
        customerNameMasked: maskName(customer.name),
        channel: command.channel,
        direction: 'inbound',
        occurredAt: occurredAt.toISOString(),
        recordedBy: command.recordedBy,
        unit: {
          ...(contact.projectCode ? { projectCode: contact.projectCode } : {}),
          ...(contact.building ? { building: contact.building } : {}),
          ...(contact.room ? { room: contact.room } : {}),
        },
        ...(command.itemCode ? { itemCode: command.itemCode } : {}),
        summary: contentSummary(command.content),
      });
      return { id: contact.id, customerId: customer.id };
    });
  }

  private async findOrCreateCustomer(tx: EntityManager, name: string, phone: string): Promise<CustomerRecord> {
    // ON CONFLICT makes two agents recording the same new caller at once land on one customer.
    await tx.query(
      `INSERT INTO customers (id, name, phone) VALUES ($1, $2, $3) ON CONFLICT (phone) DO NOTHING`,
      [randomUUID(), name.trim(), phone],
    );
    return tx.findOneOrFail(CustomerRecord, { where: { phone } });
  }
}
