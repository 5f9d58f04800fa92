import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { CustomerErasedV1, CustomerMergedV1 } from '@cs/contracts';
import { DomainError } from '@cs/ddd';
import { OutboxWriter } from '@cs/messaging';
import { OUTBOX } from '@cs/platform';
import { Customer, CustomerUnit, PurchaseInfo, assertActive, eraseCustomer, mergeCustomers } from '../domain/customer';
import { normalizePhone } from '../domain/phone-number';
import { ContactRepository } from '../infrastructure/contact.repository';
import { CustomerRepository } from '../infrastructure/customer.repository';
import { announceRegistered, announceUpdated } from './customer-events';

export interface CustomerDetails {
  readonly name?: string;
  readonly phones?: readonly string[];
  readonly email?: string | null;
  readonly address?: string | null;
  readonly units?: readonly CustomerUnit[];
  readonly tags?: readonly string[];
  readonly purchase?: PurchaseInfo | null;
}

/** Registering, editing, merging and erasing customers — each change announced, masked. */
@Injectable()
export class MaintainCustomers {
  constructor(
    private readonly dataSource: DataSource,
    private readonly customers: CustomerRepository,
    private readonly contacts: ContactRepository,
    @Inject(OUTBOX) private readonly outbox: OutboxWriter,
  ) {}

  async register(details: CustomerDetails & { name: string; phones: readonly string[] }, now = new Date()): Promise<Customer> {
    const phones = normalizePhones(details.phones);
    if (phones.length === 0) throw new DomainError('CUSTOMER.PHONE_REQUIRED', 'invalid', 'at least one phone is needed', 'phones');
    return this.dataSource.transaction(async (tx) => {
      await this.assertPhonesFree(tx, phones, undefined);
      const customer: Customer = {
        id: randomUUID(),
        name: details.name.trim(),
        phones,
        ...(details.email ? { email: details.email } : {}),
        ...(details.address ? { address: details.address } : {}),
        units: [...(details.units ?? [])],
        tags: [...new Set(details.tags ?? [])],
        ...(details.purchase ? { purchase: details.purchase } : {}),
        version: 1,
      };
      await this.customers.insert(tx, customer);
      await announceRegistered(tx, this.outbox, customer, now);
      return customer;
    });
  }

  async update(id: string, changes: CustomerDetails, expectedVersion: number | undefined, now = new Date()): Promise<Customer> {
    return this.dataSource.transaction(async (tx) => {
      const current = await this.customers.getById(tx, id, true);
      assertActive(current);
      if (expectedVersion !== undefined && expectedVersion !== current.version) {
        throw new DomainError('CUSTOMER.VERSION_CONFLICT', 'precondition_failed', 'the customer was changed by someone else; reload it');
      }
      const phones = changes.phones ? normalizePhones(changes.phones) : current.phones;
      if (phones.length === 0) throw new DomainError('CUSTOMER.PHONE_REQUIRED', 'invalid', 'at least one phone is needed', 'phones');
      if (changes.phones) await this.assertPhonesFree(tx, phones, id);
      const next: Customer = {
        ...current,
        ...(changes.name !== undefined ? { name: changes.name.trim() } : {}),
        phones,
        email: changes.email === null ? undefined : (changes.email ?? current.email),
        address: changes.address === null ? undefined : (changes.address ?? current.address),
        units: changes.units ? [...changes.units] : current.units,
        tags: changes.tags ? [...new Set(changes.tags)] : current.tags,
        purchase: changes.purchase === null ? undefined : (changes.purchase ?? current.purchase),
      };
      const saved = await this.customers.update(tx, next, current.version);
      await announceUpdated(tx, this.outbox, saved, now);
      return saved;
    });
  }

  /** 合并重复客户 — moves the duplicate's phones, units and contacts to the survivor; the history row stays. */
  async merge(survivorId: string, duplicateId: string, by: string, reason: string, now = new Date()): Promise<Customer> {
    return this.dataSource.transaction(async (tx) => {
      // Lock in a fixed order so two opposite merges cannot deadlock.
      const locked = new Map<string, Customer>();
      for (const id of [survivorId, duplicateId].sort()) locked.set(id, await this.customers.getById(tx, id, true));
      const survivor = locked.get(survivorId)!;
      const duplicate = locked.get(duplicateId)!;
      const merged = mergeCustomers(survivor, duplicate);
      // The duplicate gives up its phones first: a phone belongs to one customer at a time.
      await this.customers.update(tx, merged.duplicate, duplicate.version);
      const saved = await this.customers.update(tx, merged.survivor, survivor.version);
      await this.contacts.moveToCustomer(tx, duplicateId, survivorId);
      await tx.query(
        'INSERT INTO customer_merges (id, survivor_id, merged_id, merged_by, reason, merged_at) VALUES ($1, $2, $3, $4, $5, $6)',
        [randomUUID(), survivorId, duplicateId, by, reason, now],
      );
      await this.outbox.append(tx, CustomerMergedV1, survivorId, {
        customerId: survivorId,
        mergedCustomerId: duplicateId,
        mergedAt: now.toISOString(),
        mergedBy: by,
      });
      await announceUpdated(tx, this.outbox, saved, now);
      return saved;
    });
  }

  async mergeHistory(customerId: string): Promise<{ mergedId: string; mergedBy: string; reason: string; mergedAt: string }[]> {
    const rows = (await this.dataSource.query(
      'SELECT merged_id, merged_by, reason, merged_at FROM customer_merges WHERE survivor_id = $1 ORDER BY merged_at',
      [customerId],
    )) as { merged_id: string; merged_by: string; reason: string; merged_at: Date }[];
    return rows.map((r) => ({ mergedId: r.merged_id, mergedBy: r.merged_by, reason: r.reason, mergedAt: r.merged_at.toISOString() }));
  }

  /**
   * PIPL erasure (个人信息删除): personal fields and what the customer said are wiped; the id
   * stays so tickets keep a pseudonym, and `customer.erased` tells the other services to drop
   * their copies.
   */
  async erase(id: string, now = new Date()): Promise<Customer> {
    return this.dataSource.transaction(async (tx) => {
      const current = await this.customers.getById(tx, id, true);
      if (current.erasedAt) return current;
      const erased = await this.customers.update(tx, eraseCustomer(current, now), current.version);
      await this.contacts.wipeContentOf(tx, id);
      await this.outbox.append(tx, CustomerErasedV1, id, {
        customerId: id,
        pseudonym: erased.pseudonym!,
        erasedAt: now.toISOString(),
      });
      return erased;
    });
  }

  private async assertPhonesFree(tx: EntityManager, phones: readonly string[], ownerId: string | undefined): Promise<void> {
    for (const [index, phone] of phones.entries()) {
      await this.customers.lockPhone(tx, phone);
      const owner = await this.customers.phoneOwner(tx, phone);
      if (owner && owner !== ownerId) {
        throw new DomainError('CUSTOMER.PHONE_TAKEN', 'conflict', 'this phone belongs to another customer; merge them instead', `phones[${index}]`, {
          customerId: owner,
        });
      }
    }
  }
}

function normalizePhones(raw: readonly string[]): string[] {
  return [
    ...new Set(
      raw.map((p, index) => {
        const phone = normalizePhone(p);
        if (!phone) throw new DomainError('CUSTOMER.INVALID_PHONE', 'invalid', 'not a valid phone number', `phones[${index}]`);
        return phone;
      }),
    ),
  ];
}
