import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { type ProjectScope, scopedProjects } from '@cs/auth';
import { presentProps } from '@cs/ddd';
import { OutboxWriter } from '@cs/messaging';
import { inSavepoint } from '@cs/persistence';
import { OUTBOX } from '@cs/platform';
import { Customer, CustomerUnit, MAX_PHONES, withMentionedUnit } from '../domain/customer';
import { CustomerRepository, type HolderSearch } from '../infrastructure/customer.repository';
import { recordFor } from './customer-access';
import { announceRegistered, announceUpdated } from './customer-events';

/** How often a contact locks a record and finds the pick moved before it locks every holder. */
const PICK_ATTEMPTS = 5;

/** The record a contact locked is no longer the one it joins. */
const PICK_MOVED = Symbol('pick moved');

/** Thrown to roll a savepoint back, letting go of a record the pick moved from. */
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
    const search = presentProps({ projects: scopedProjects(scope), preferredProject: caller.unit?.projectCode });
    const { phone, email } = caller;
    const byPhone = phone ? await this.lockedHolder(tx, scope, caller, { phone, ...search }) : undefined;
    const existing = byPhone ?? (email ? await this.lockedHolder(tx, scope, caller, { email, ...search }) : undefined);
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
   * The record holding the phone (or the e-mail) that the contact joins, locked, and no other: a
   * shared address (a family's, an agency's) can have hundreds of holders, a phone one per project
   * team (ADR 0006), and a contact holding them all would wait for, and hold up, an edit or an
   * erasure of any of them, other projects' among them. The pick (those of the contact's project
   * first, as `recordFor` prefers) is locked in the statement that picks it and read again once
   * held: an erasure or an edit of units, which wait for the record but not for its phone or
   * address, may have moved it while the lock waited. The first pick takes no savepoint, so a
   * known caller's contact costs the statements it did when it locked every holder; should it
   * move, that record stays held to the end of the contact (nothing can let it go), and each later
   * pick is taken in a savepoint, let go when it moves too. Should the pick keep moving, every
   * holder is locked at once, in id order, and `visibleRecord` picks among them as they stand:
   * the last record picked may have been erased before it was held, and taken as read it left
   * the contact no record to join, and it started another (ADR 0117).
   */
  private async lockedHolder(tx: EntityManager, scope: ProjectScope, caller: CallerIdentity, search: HolderSearch): Promise<Customer | undefined> {
    for (let attempt = 1; attempt <= PICK_ATTEMPTS; attempt++) {
      const held = attempt === 1 ? await this.heldPick(tx, search) : await this.heldPickLetGoIfMoved(tx, search);
      if (held !== PICK_MOVED) return held === undefined ? undefined : this.visibleRecord([held], scope, caller);
    }
    return this.visibleRecord(await this.customers.findAllByIds(tx, await this.customers.findHolderIds(tx, search), true), scope, caller);
  }

  /** The first holder, locked, or none; `PICK_MOVED` when it is no longer the first once held. */
  private async heldPick(tx: EntityManager, search: HolderSearch): Promise<Customer | undefined | typeof PICK_MOVED> {
    const id = await this.customers.lockFirstHolder(tx, search);
    if (id === undefined) return undefined;
    const held = await this.customers.readHeldHolder(tx, id, search);
    return held?.picked ? held.customer : PICK_MOVED;
  }

  /** `heldPick` in a savepoint, rolled back (its lock let go) when the pick moved. */
  private async heldPickLetGoIfMoved(tx: EntityManager, search: HolderSearch): Promise<Customer | undefined | typeof PICK_MOVED> {
    return inSavepoint(tx, async (savepoint) => {
      const held = await this.heldPick(savepoint, search);
      if (held === PICK_MOVED) throw new PickMoved();
      return held;
    }).catch((error: unknown) => {
      if (error instanceof PickMoved) return PICK_MOVED;
      throw error;
    });
  }

  private visibleRecord(found: readonly Customer[], scope: ProjectScope, caller: CallerIdentity): Customer | undefined {
    return recordFor(
      found.filter((customer) => !customer.erasedAt && !customer.mergedInto),
      scope,
      caller.unit?.projectCode,
    );
  }
}
