import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { OutboxWriter } from '@cs/messaging';
import { OUTBOX } from '@cs/platform';
import { Customer, CustomerUnit, assertActive, withUnit } from '../domain/customer';
import { CustomerRepository } from '../infrastructure/customer.repository';
import { announceRegistered, announceUpdated } from './customer-events';

export interface CallerIdentity {
  readonly name?: string;
  /** E.164, already normalised. */
  readonly phone?: string;
  readonly email?: string;
  readonly unit?: CustomerUnit;
}

/**
 * The customer a contact belongs to: found by phone (one customer per normalised phone),
 * else by email, else registered. A new unit the caller mentions is added to their record.
 */
@Injectable()
export class ResolveCustomer {
  constructor(
    private readonly customers: CustomerRepository,
    @Inject(OUTBOX) private readonly outbox: OutboxWriter,
  ) {}

  async resolve(tx: EntityManager, caller: CallerIdentity, now: Date): Promise<Customer> {
    if (caller.phone) await this.customers.lockPhone(tx, caller.phone);
    const existingId =
      (caller.phone ? await this.customers.findIdByPhone(tx, caller.phone) : undefined) ??
      (caller.email ? await this.customers.findIdByEmail(tx, caller.email) : undefined);
    if (existingId) {
      const customer = await this.customers.getById(tx, existingId, true);
      assertActive(customer);
      if (!caller.unit) return customer;
      const units = withUnit(customer.units, caller.unit);
      if (units.length === customer.units.length) return customer;
      const updated = await this.customers.update(tx, { ...customer, units }, customer.version);
      await announceUpdated(tx, this.outbox, updated, now);
      return updated;
    }
    const customer: Customer = {
      id: randomUUID(),
      name: caller.name?.trim() ?? '',
      phones: caller.phone ? [caller.phone] : [],
      ...(caller.email ? { email: caller.email } : {}),
      units: caller.unit ? [caller.unit] : [],
      tags: [],
      version: 1,
    };
    await this.customers.insert(tx, customer);
    await announceRegistered(tx, this.outbox, customer, now);
    return customer;
  }
}
