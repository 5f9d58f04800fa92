import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { type ProjectScope, scopedProjects } from '@cs/auth';
import { presentProps } from '@cs/ddd';
import { OutboxWriter } from '@cs/messaging';
import { OUTBOX } from '@cs/platform';
import { Customer, CustomerUnit, MAX_PHONES, withMentionedUnit } from '../domain/customer';
import { CustomerRepository } from '../infrastructure/customer.repository';
import { recordFor } from './customer-access';
import { announceRegistered, announceUpdated } from './customer-events';

/** How often a contact by e-mail locks a record and finds the pick moved before it locks every holder. */
const EMAIL_PICK_ATTEMPTS = 5;

/** The record a contact by e-mail locked is no longer the one it joins: its savepoint is rolled back. */
class PickMoved extends Error {}

export interface CallerIdentity {
  readonly name?: string;
  /** E.164, already normalised. */
  readonly phone?: string;
  readonly email?: string;
  readonly unit?: CustomerUnit;
}

/**
 * The customer a contact belongs to: the record holding the phone (else the e-mail) that the
 * recorder may see, else a new one. A user never joins, extends or learns of a record outside
 * their projects: when only other projects hold the phone, the contact starts a record of its
 * own (ADR 0006). A new unit the caller mentions is added to the record.
 */
@Injectable()
export class ResolveCustomer {
  constructor(
    private readonly customers: CustomerRepository,
    @Inject(OUTBOX) private readonly outbox: OutboxWriter,
  ) {}

  /**
   * The caller's customer, and whether it is a record this transaction started (one with no
   * history yet). A record it starts is written as the transaction commits, with its events: it
   * is not there to read before then.
   */
  async resolve(tx: EntityManager, caller: CallerIdentity, scope: ProjectScope, now: Date): Promise<{ customer: Customer; registered: boolean }> {
    // Two first contacts of one new caller at once would each find no record and start one: the
    // phone and the e-mail are held until the transaction ends, before any record is.
    await this.customers.lockPhonesAndEmails(tx, { phones: caller.phone ? [caller.phone] : [], emails: caller.email ? [caller.email] : [] });
    const byPhone = caller.phone ? this.visibleRecord(await this.customers.findByPhone(tx, caller.phone, true), scope, caller) : undefined;
    const existing = byPhone ?? (caller.email ? this.visibleRecord(await this.lockedEmailHolder(tx, caller.email, scope, caller.unit?.projectCode), scope, caller) : undefined);
    // Found by the e-mail, the record learns the phone the caller gave (no record in reach holds
    // it, or it would have been found by it): the next call from that phone alone finds them.
    // A record with all the phones a customer has learns none: the contact is recorded all the same.
    const learnt =
      existing && !byPhone && caller.phone && !existing.phones.includes(caller.phone) && existing.phones.length < MAX_PHONES ? caller.phone : undefined;
    if (existing) return { customer: await this.withCallerDetails(tx, existing, caller, learnt, now), registered: false };
    const customer: Customer = {
      id: randomUUID(),
      name: caller.name?.trim() ?? '',
      phones: caller.phone ? [caller.phone] : [],
      ...presentProps({ email: caller.email }),
      units: caller.unit ? [caller.unit] : [],
      tags: [],
      version: 1,
    };
    await this.outbox.writeAtCommit(tx, this.customers.insertParts(customer));
    await announceRegistered(tx, this.outbox, customer, now);
    return { customer, registered: true };
  }

  /** The record with the unit the caller mentioned (while it has room for it), and a phone it learnt, added when new to it. */
  private async withCallerDetails(tx: EntityManager, existing: Customer, caller: CallerIdentity, phone: string | undefined, now: Date): Promise<Customer> {
    const units = caller.unit ? withMentionedUnit(existing.units, caller.unit) : existing.units;
    if (units.length === existing.units.length && phone === undefined) return existing;
    const phones = phone === undefined ? existing.phones : [...existing.phones, phone];
    const updated = await this.customers.update(tx, { ...existing, units, phones }, existing.version);
    await announceUpdated(tx, this.outbox, updated, now);
    return updated;
  }

  /**
   * The record holding the e-mail that the contact joins, locked, and no other: a shared address
   * (a family's, an agency's) can have hundreds of holders, and a contact holding them all would
   * wait for, and hold up, an edit or an erasure of any of them. The pick (those of the contact's
   * project first, as `recordFor` prefers) is read unlocked, then read again once its record is
   * held: an erasure or an edit of units, which do not wait for the address, may have moved it
   * meanwhile. A record given up is let go (its savepoint rolled back) before the next is locked,
   * so the contact never holds one customer while waiting for another, out of their id order.
   * Should the pick keep moving, every holder is locked at once, in id order, and `visibleRecord`
   * picks among them as they stand: the last record picked may have been erased before it was
   * held, and taken as read it left the contact no record to join, and it started another.
   */
  private async lockedEmailHolder(tx: EntityManager, email: string, scope: ProjectScope, projectCode: string | undefined): Promise<Customer[]> {
    const pick = async (reader: EntityManager) => (await this.customers.findIdsByEmail(reader, email, scopedProjects(scope), projectCode, 1))[0];
    for (let attempt = 1; attempt <= EMAIL_PICK_ATTEMPTS; attempt++) {
      const id = await pick(tx);
      if (id === undefined) return [];
      const held = await tx
        .transaction(async (savepoint) => {
          const locked = await this.customers.findAllByIds(savepoint, [id], true);
          if ((await pick(savepoint)) !== id) throw new PickMoved();
          return locked;
        })
        .catch((error: unknown) => {
          if (error instanceof PickMoved) return undefined;
          throw error;
        });
      if (held) return held;
    }
    return this.customers.findAllByIds(tx, await this.customers.findIdsByEmail(tx, email, scopedProjects(scope), projectCode), true);
  }

  private visibleRecord(found: readonly Customer[], scope: ProjectScope, caller: CallerIdentity): Customer | undefined {
    return recordFor(
      found.filter((customer) => !customer.erasedAt && !customer.mergedInto),
      scope,
      caller.unit?.projectCode,
    );
  }
}
