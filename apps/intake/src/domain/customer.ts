import { DomainError, presentProps } from '@cs/ddd';
import { codeFieldHoldingPersonalData, placeFieldHoldingPersonalData } from '@cs/privacy';
import { maskBirthDate } from './birthday';
import { maskName, maskPhone } from './masking';

export type UnitRelation = 'owner' | 'tenant' | 'family' | 'other';

/** 房号 — a unit a customer owns or rents. */
export interface CustomerUnit {
  readonly projectCode: string;
  readonly building?: string;
  readonly room?: string;
  readonly relation: UnitRelation;
}

/**
 * A building and a room are codes (3栋, 2-1-1202) shown as given — on the contact, on the record
 * and in the events announcing them: one holding a phone number, an e-mail address or an ID
 * number is refused (`code`, naming the field under `path`) rather than published, as tickets
 * refuses it on an amended record.
 */
export function assertUnitNamesAPlace(unit: Pick<CustomerUnit, 'building' | 'room'>, code: string, path: string): void {
  const field = placeFieldHoldingPersonalData(unit);
  if (field) throw new DomainError(code, 'invalid', `${field} must name a place, not hold a phone number, e-mail address or ID number`, `${path}${field}`);
}

/**
 * Tags are codes (vip, elderly) published as given in customer.registered and customer.updated:
 * one holding a phone number or an ID number (digits pass a tag's shape) is refused, naming it
 * (`tags[1]`), rather than announced to every service.
 */
export function assertTagsHoldNoPersonalData(tags: readonly string[] | undefined, code: string): void {
  const field = codeFieldHoldingPersonalData({ tags });
  if (field) throw new DomainError(code, 'invalid', `${field} must be a tag, not hold a phone number, e-mail address or ID number`, field);
}

/** 购房信息 — what buyers are asked when they become customers. */
export interface PurchaseInfo {
  readonly date?: string;
  readonly unitType?: string;
  readonly areaSqm?: number;
  readonly priceYuan?: number;
}

/**
 * 客户 — a customer of the registry. Personal fields (name, phones, email, address, birth date) are plain
 * here; the repository encrypts them at rest. One customer per normalised phone.
 */
export interface Customer {
  readonly id: string;
  readonly name: string;
  /** E.164, the first is the primary number. */
  readonly phones: readonly string[];
  readonly email?: string;
  readonly address?: string;
  /** YYYY-MM-DD, for birthday care (生日关怀). */
  readonly birthDate?: string;
  readonly units: readonly CustomerUnit[];
  readonly tags: readonly string[];
  readonly purchase?: PurchaseInfo;
  readonly mergedInto?: string;
  readonly erasedAt?: Date;
  readonly pseudonym?: string;
  readonly version: number;
}

export const KEY_CUSTOMER_TAG = 'key_customer';

/** The most units a customer has: as many as customer.registered and customer.updated carry. */
export const MAX_UNITS = 50;
/** The most tags a customer has, as those events carry. */
export const MAX_TAGS = 50;
/** The most phones a customer has, as a registration or an edit gives. */
export const MAX_PHONES = 5;

export function pseudonymOf(customerId: string): string {
  return `已注销客户-${customerId.replace(/-/g, '').slice(0, 8)}`;
}

export function assertActive(customer: Customer): void {
  if (customer.erasedAt) {
    throw new DomainError('CUSTOMER.ERASED', 'conflict', `customer ${customer.id} was erased on request`);
  }
  if (customer.mergedInto) {
    throw new DomainError('CUSTOMER.MERGED', 'conflict', `customer ${customer.id} was merged into ${customer.mergedInto}`, undefined, {
      mergedInto: customer.mergedInto,
    });
  }
}

/** Adds a unit unless the customer already has it; units are matched on project, building and room. */
export function withUnit(units: readonly CustomerUnit[], unit: CustomerUnit): CustomerUnit[] {
  const same = (u: CustomerUnit) => u.projectCode === unit.projectCode && u.building === unit.building && u.room === unit.room;
  return units.some(same) ? [...units] : [...units, unit];
}

/**
 * The units of a customer after a contact about `unit`: added when new to them, unless the
 * customer has MAX_UNITS already. Then the units stay as they are rather than the oldest making
 * room: a unit says which projects see the record (ADR 0006), and none is known to be older
 * than another. The contact keeps the unit it names either way.
 */
export function withMentionedUnit(units: readonly CustomerUnit[], unit: CustomerUnit): readonly CustomerUnit[] {
  const added = withUnit(units, unit);
  return added.length > MAX_UNITS ? units : added;
}

/**
 * A customer's units, tags and phones within what a customer has, else the refusal naming
 * `field`: what an edit or a merge would make them.
 */
export function assertWithinLimits(customer: Pick<Customer, 'units' | 'tags' | 'phones'>, field: { units: string; tags: string; phones: string }): void {
  const limits = [
    ['units', customer.units.length, MAX_UNITS, 'CUSTOMER.TOO_MANY_UNITS'],
    ['tags', customer.tags.length, MAX_TAGS, 'CUSTOMER.TOO_MANY_TAGS'],
    ['phones', customer.phones.length, MAX_PHONES, 'CUSTOMER.TOO_MANY_PHONES'],
  ] as const;
  for (const [what, count, max, code] of limits) {
    if (count > max) throw new DomainError(code, 'invalid', `a customer has at most ${max} ${what}; this would give them ${count}`, field[what]);
  }
}

/**
 * A customer of a project stays one: an edit leaving a record that had units with none is refused
 * naming `units`. A record of no unit is every project's (ADR 0006), so it would show one
 * project's customer, their contacts and their personal data to every other — which is why an
 * erasure keeps the projects too. A record of no unit yet (a contact that named no project) may
 * stay without.
 */
export function assertKeepsAUnit(before: Pick<Customer, 'units'>, after: Pick<Customer, 'units'>): void {
  if (before.units.length > 0 && after.units.length === 0) {
    throw new DomainError('CUSTOMER.UNIT_REQUIRED', 'invalid', 'a customer of a project keeps a unit: without any, every project would see the record', 'units');
  }
}

/**
 * Folds a duplicate into the survivor: the survivor keeps its own name and primary phone and
 * gains the duplicate's other phones, units and tags.
 */
export function mergeCustomers(survivor: Customer, duplicate: Customer): { survivor: Customer; duplicate: Customer } {
  assertActive(survivor);
  assertActive(duplicate);
  if (survivor.id === duplicate.id) {
    throw new DomainError('CUSTOMER.MERGE_SELF', 'invalid', 'a customer cannot be merged into itself', 'duplicateId');
  }
  const merged: Customer = {
    ...survivor,
    phones: [...new Set([...survivor.phones, ...duplicate.phones])],
    email: survivor.email ?? duplicate.email,
    address: survivor.address ?? duplicate.address,
    birthDate: survivor.birthDate ?? duplicate.birthDate,
    units: duplicate.units.reduce<CustomerUnit[]>((acc, unit) => withUnit(acc, unit), [...survivor.units]),
    tags: [...new Set([...survivor.tags, ...duplicate.tags])],
    purchase: survivor.purchase ?? duplicate.purchase,
  };
  // Too many together: the user trims one of the two first, knowing which to keep.
  assertWithinLimits(merged, { units: 'duplicateId', tags: 'duplicateId', phones: 'duplicateId' });
  return { survivor: merged, duplicate: { ...duplicate, phones: [], mergedInto: survivor.id } };
}

/** PIPL erasure (删除个人信息): every personal field goes; the id and a pseudonym remain. */
export function eraseCustomer(customer: Customer, at: Date): Customer {
  if (customer.erasedAt) return customer;
  return {
    id: customer.id,
    name: '',
    phones: [],
    // The projects stay, without building or room: they say who may see the record (an erased
    // one with no unit would be every project's), and nothing of the person.
    units: [...new Map(customer.units.map((u) => [u.projectCode, { projectCode: u.projectCode, relation: u.relation }])).values()],
    tags: [],
    erasedAt: at,
    pseudonym: pseudonymOf(customer.id),
    version: customer.version,
    ...presentProps({ mergedInto: customer.mergedInto }),
  };
}

/** The customer's fields as shown to a caller, personal ones possibly masked; bookkeeping left out. */
export type CustomerView = Omit<Customer, 'erasedAt' | 'pseudonym' | 'version'> & {
  readonly masked: boolean;
  readonly erased: boolean;
};

/** What a caller sees: masked personal data unless they hold the permission to see it. */
export function viewCustomer(customer: Customer, unmasked: boolean): CustomerView {
  if (customer.erasedAt) {
    return { id: customer.id, name: customer.pseudonym ?? pseudonymOf(customer.id), phones: [], units: [], tags: [], masked: true, erased: true };
  }
  const shown = (text: string | undefined, mask: (text: string) => string) => (text && !unmasked ? mask(text) : text);
  return {
    id: customer.id,
    name: unmasked ? customer.name : maskName(customer.name),
    phones: customer.phones.map((p) => (unmasked ? p : maskPhone(p))),
    ...presentProps({
      email: shown(customer.email, maskEmail),
      address: shown(customer.address, maskAddress),
      birthDate: shown(customer.birthDate, maskBirthDate),
    }),
    units: customer.units,
    tags: customer.tags,
    ...presentProps({ purchase: customer.purchase }),
    masked: !unmasked,
    erased: false,
    ...presentProps({ mergedInto: customer.mergedInto }),
  };
}

/** zhangsan@example.com → z***@example.com */
export function maskEmail(email: string): string {
  const [local, domain] = email.split('@');
  return `${(local ?? '').slice(0, 1)}***@${domain ?? ''}`;
}

/** Keeps the first six characters (city and district) of an address. */
export function maskAddress(address: string): string {
  const chars = [...address];
  return chars.length <= 6 ? '*'.repeat(chars.length) : `${chars.slice(0, 6).join('')}${'*'.repeat(4)}`;
}
