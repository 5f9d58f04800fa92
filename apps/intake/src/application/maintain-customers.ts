import { wipeCallbackComments } from '../infrastructure/known-callbacks';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { CustomerErasedV1, CustomerMergedV1 } from '@cs/contracts';
import { assertExpectedVersion, DomainError, presentProps } from '@cs/ddd';
import { OutboxWriter } from '@cs/messaging';
import { OUTBOX } from '@cs/platform';
import { redactPersonalData } from '@cs/privacy';
import { type ProjectScope, inProjectScope } from '@cs/auth';
import {
  Customer,
  CustomerUnit,
  CustomerView,
  PurchaseInfo,
  assertActive,
  assertKeepsAUnit,
  assertTagsHoldNoPersonalData,
  assertUnitNamesAPlace,
  assertWithinLimits,
  eraseCustomer,
  mergeCustomers,
  pseudonymOf,
  viewCustomer,
} from '../domain/customer';
import { isValidBirthDate } from '../domain/birthday';
import { normalizePhone } from '../domain/phone-number';
import { ContactRepository } from '../infrastructure/contact.repository';
import { CustomerRepository } from '../infrastructure/customer.repository';
import { CustomerMerge, mergedAway, mergesInto, recordMerge, wipeMergeReasons } from '../infrastructure/customer-merges.repository';
import { moveCallbacksToCustomer } from '../infrastructure/known-callbacks';
import { moveTicketsToCustomer } from '../infrastructure/known-tickets';
import { holdToMergeOrErase } from '../infrastructure/customer-copies';
import { assertCustomerVisible, assertUnitsServed, customerVisibleIn, unitsAfterEdit } from './customer-access';
import { announceRegistered, announceUpdated } from './customer-events';
import { AccessContext, logErasure, presentCustomer, scopeOf } from './pii-access';

export interface CustomerDetails {
  readonly name?: string;
  readonly phones?: readonly string[];
  readonly email?: string | null;
  readonly address?: string | null;
  readonly birthDate?: string | null;
  readonly units?: readonly CustomerUnit[];
  readonly tags?: readonly string[];
  readonly purchase?: PurchaseInfo | null;
}

/**
 * Registering, editing, merging and erasing customers — each change announced, masked, and
 * limited to the caller's projects: a customer outside them is not found, for writes as for reads.
 */
@Injectable()
export class MaintainCustomers {
  constructor(
    private readonly dataSource: DataSource,
    private readonly customers: CustomerRepository,
    private readonly contacts: ContactRepository,
    @Inject(OUTBOX) private readonly outbox: OutboxWriter,
  ) {}

  async register(details: CustomerDetails & { name: string; phones: readonly string[] }, access: AccessContext, now = new Date()): Promise<{ customer: Customer; view: CustomerView }> {
    const scope = scopeOf(access);
    const phones = normalizePhones(details.phones);
    if (phones.length === 0) throw new DomainError('CUSTOMER.PHONE_REQUIRED', 'invalid', 'at least one phone is needed', 'phones');
    assertUnitsServed(details.units ?? [], scope);
    assertUnitsNamePlaces(details.units ?? []);
    assertTagsHoldNoPersonalData(details.tags, 'CUSTOMER.PERSONAL_DATA');
    assertBirthDate(details.birthDate, now);
    return this.dataSource.transaction(async (tx) => {
      await this.customers.lockPhonesAndEmails(tx, { phones, emails: details.email ? [details.email] : [] });
      await this.assertPhonesFree(tx, phones, undefined, scope);
      const customer: Customer = {
        id: randomUUID(),
        name: details.name.trim(),
        phones,
        ...presentProps({ email: details.email, address: details.address, birthDate: details.birthDate }),
        units: [...(details.units ?? [])],
        tags: [...new Set(details.tags ?? [])],
        ...presentProps({ purchase: details.purchase }),
        version: 1,
      };
      await this.customers.insert(tx, customer);
      await announceRegistered(tx, this.outbox, customer, now);
      return { customer, view: await presentCustomer(tx, customer, access) };
    });
  }

  async update(id: string, changes: CustomerDetails, expectedVersion: number | undefined, access: AccessContext, now = new Date()): Promise<{ customer: Customer; view: CustomerView }> {
    const scope = scopeOf(access);
    const newPhones = changes.phones ? normalizePhones(changes.phones) : undefined;
    if (newPhones?.length === 0) throw new DomainError('CUSTOMER.PHONE_REQUIRED', 'invalid', 'at least one phone is needed', 'phones');
    return this.dataSource.transaction(async (tx) => {
      // An edit of the phones or the e-mail holds the old and the new before the record, as a contact from one does.
      const found =
        newPhones !== undefined || changes.email !== undefined
          ? (await this.customers.lockWithWhatFindsThem(tx, [id], { phones: newPhones, emails: changes.email ? [changes.email] : [] }))[0]
          : await this.customers.findById(tx, id, true);
      const current = assertCustomerVisible(found, id, scope);
      assertActive(current);
      if (changes.units) assertUnitsServed(changes.units, scope);
      assertUnitsNamePlaces(changes.units ?? []);
      assertTagsHoldNoPersonalData(changes.tags, 'CUSTOMER.PERSONAL_DATA');
      assertBirthDate(changes.birthDate, now);
      assertExpectedVersion('CUSTOMER.VERSION_CONFLICT', 'the customer', current.version, expectedVersion);
      const phones = newPhones ?? current.phones;
      if (newPhones) await this.assertPhonesFree(tx, newPhones, id, scope);
      const next: Customer = {
        ...current,
        ...(changes.name !== undefined ? { name: changes.name.trim() } : {}),
        phones,
        email: changes.email === null ? undefined : (changes.email ?? current.email),
        address: changes.address === null ? undefined : (changes.address ?? current.address),
        birthDate: changes.birthDate === null ? undefined : (changes.birthDate ?? current.birthDate),
        units: changes.units ? unitsAfterEdit(current.units, changes.units, scope) : current.units,
        tags: changes.tags ? [...new Set(changes.tags)] : current.tags,
        purchase: changes.purchase === null ? undefined : (changes.purchase ?? current.purchase),
      };
      // Units of projects the user does not serve count too: they stay on the record.
      assertWithinLimits(next, { units: 'units', tags: 'tags', phones: 'phones' });
      assertKeepsAUnit(current, next);
      const saved = await this.customers.update(tx, next, current.version);
      await announceUpdated(tx, this.outbox, saved, now);
      return { customer: saved, view: await presentCustomer(tx, saved, access) };
    });
  }

  /** 合并重复客户 — moves the duplicate's phones, units and contacts to the survivor; the history row stays. */
  async merge(survivorId: string, duplicateId: string, reason: string, access: AccessContext, now = new Date()): Promise<CustomerView> {
    const scope = scopeOf(access);
    const by = access.principal.sub;
    return this.dataSource.transaction(async (tx) => {
      await holdToMergeOrErase(tx);
      // The phones and e-mails that find either are held first, then the two in id order, as a
      // contact from one takes them: a contact waiting for the duplicate meanwhile finds the
      // survivor holding its phone once the merge commits, instead of a record merged away.
      const locked = new Map((await this.customers.lockWithWhatFindsThem(tx, [survivorId, duplicateId])).map((c) => [c.id, c]));
      const survivor = assertCustomerVisible(locked.get(survivorId), survivorId, scope);
      const duplicate = assertCustomerVisible(locked.get(duplicateId), duplicateId, scope);
      // The survivor takes the duplicate's units, and with them the projects that see it: a
      // user merges only a duplicate whose projects they all serve, as they register units.
      const unserved = duplicate.units.find((u) => !inProjectScope(scope, u.projectCode));
      if (unserved) {
        throw new DomainError(
          'CUSTOMER.PROJECT_NOT_SERVED',
          'forbidden',
          `the duplicate is also a customer of project ${unserved.projectCode}, which you do not serve: merging it would show the survivor there`,
          'duplicateId',
        );
      }
      const merged = mergeCustomers(survivor, duplicate);
      // The duplicate gives up its phones first: a phone belongs to one customer at a time.
      await this.customers.update(tx, merged.duplicate, duplicate.version);
      const saved = await this.customers.update(tx, merged.survivor, survivor.version);
      await this.contacts.moveToCustomer(tx, duplicateId, survivorId);
      await moveTicketsToCustomer(tx, duplicateId, survivorId);
      await moveCallbacksToCustomer(tx, duplicateId, survivorId);
      // Free text, read by every role in the merge history: the numbers that made two records one are typed here.
      await recordMerge(tx, { survivorId, duplicateId, by, reason: redactPersonalData(reason), at: now });
      await this.outbox.append(tx, CustomerMergedV1, survivorId, {
        customerId: survivorId,
        mergedCustomerId: duplicateId,
        mergedAt: now.toISOString(),
        mergedBy: by,
      });
      await announceUpdated(tx, this.outbox, saved, now);
      return presentCustomer(tx, saved, access);
    });
  }

  async mergeHistory(customerId: string, scope: ProjectScope): Promise<CustomerMerge[]> {
    assertCustomerVisible(await this.customers.findById(this.dataSource.manager, customerId), customerId, scope);
    return mergesInto(this.dataSource.manager, customerId);
  }

  /**
   * PIPL erasure (个人信息删除): personal fields and what the customer said are wiped; the id
   * stays so tickets keep a pseudonym, and `customer.erased` tells the other services to drop
   * their copies. The records merged into the customer are the same person (the merge said so):
   * they are erased with it, and the reasons given for the merges are wiped. Who erased each
   * record, and why, stays in the access log: an erasure is accountable as a read is.
   */
  async erase(id: string, reason: string, access: AccessContext, now = new Date()): Promise<CustomerView> {
    const scope = scopeOf(access);
    return this.dataSource.transaction(async (tx) => {
      await holdToMergeOrErase(tx);
      const current = assertCustomerVisible(await this.customers.findById(tx, id, true), id, scope);
      // A record merged away holds nothing of the person any more: the survivor does (their
      // contacts, phones, units). Erasing it alone would answer "erased" and leave them all.
      if (current.mergedInto && !current.erasedAt) {
        throw new DomainError(
          'CUSTOMER.MERGED',
          'conflict',
          `customer ${id} was merged into ${current.mergedInto}, which holds this person's data: erase that record (it erases this one with it)`,
          undefined,
          { mergedInto: current.mergedInto },
        );
      }
      // Asked again, an erasure is done again everywhere: it reaches what was merged into the
      // customer since, and what a replica of the release before left (during a rollout, it
      // knew neither the sealed attachments nor, in other services, every copy to forget).
      const erased = current.erasedAt ? await this.eraseAgain(tx, current) : await this.eraseOne(tx, current, now);
      const duplicates = await mergedAway(tx, id);
      for (const duplicate of await this.customers.findAllByIds(tx, duplicates, true)) {
        await (duplicate.erasedAt ? this.eraseAgain(tx, duplicate) : this.eraseOne(tx, duplicate, now));
      }
      await wipeMergeReasons(tx, [id, ...duplicates]);
      await logErasure(tx, access, reason, [id, ...duplicates]);
      return viewCustomer(erased, false);
    });
  }

  private async eraseOne(tx: EntityManager, customer: Customer, now: Date): Promise<Customer> {
    return this.eraseAgain(tx, await this.customers.update(tx, eraseCustomer(customer, now), customer.version));
  }

  /**
   * What the erased customer said is wiped (again) and the erasure told (again), with its first
   * data: consumers change only what is still there.
   */
  private async eraseAgain(tx: EntityManager, erased: Customer): Promise<Customer> {
    await this.contacts.wipeContentOf(tx, erased.id);
    await wipeCallbackComments(tx, erased.id);
    await this.outbox.append(tx, CustomerErasedV1, erased.id, {
      customerId: erased.id,
      pseudonym: erased.pseudonym ?? pseudonymOf(erased.id),
      erasedAt: erased.erasedAt!.toISOString(),
    });
    return erased;
  }

  /**
   * A phone held by a customer the caller can see is taken (merge them instead); one held only
   * by customers of other projects is not the caller's to know of, and is free for a record of
   * their own (ADR 0006). The phones are held already.
   */
  private async assertPhonesFree(tx: EntityManager, phones: readonly string[], ownerId: string | undefined, scope: ProjectScope): Promise<void> {
    for (const [index, phone] of phones.entries()) {
      for (const owner of await this.customers.phoneOwners(tx, phone)) {
        if (owner === ownerId) continue;
        const holder = await this.customers.findById(tx, owner);
        if (!holder || !customerVisibleIn(holder, scope)) continue;
        throw new DomainError('CUSTOMER.PHONE_TAKEN', 'conflict', 'this phone belongs to another customer; merge them instead', `phones[${index}]`, {
          customerId: owner,
        });
      }
    }
  }
}

function assertUnitsNamePlaces(units: readonly CustomerUnit[]): void {
  units.forEach((unit, index) => assertUnitNamesAPlace(unit, 'CUSTOMER.PERSONAL_DATA', `units[${index}].`));
}

function assertBirthDate(birthDate: string | null | undefined, now: Date): void {
  if (birthDate && !isValidBirthDate(birthDate, now)) {
    throw new DomainError('CUSTOMER.INVALID_BIRTH_DATE', 'invalid', 'not a real date in the past (YYYY-MM-DD)', 'birthDate');
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
