import type { EntityManager } from 'typeorm';
import { Permission, Principal, inProjectScope, projectScopeOf, type ProjectScope } from '@cs/auth';
import { presentProps } from '@cs/ddd';
import { redactPersonalData } from '@cs/privacy';
import { Customer, CustomerView, viewCustomer } from '../domain/customer';
import { appendAccessLog } from '../infrastructure/access-log.repository';

/** Why a user looked at personal data; PIPL wants every access accountable. */
export interface AccessContext {
  readonly principal: Principal;
  readonly purpose?: string;
  readonly requestId?: string;
}

const MAX_PURPOSE_LENGTH = 200;
const PERSONAL_FIELDS = ['name', 'phones', 'email', 'address', 'birthDate'];

export function mayReadPii(principal: Principal): boolean {
  return principal.permissions.includes(Permission.CustomerPiiRead);
}

export function scopeOf(access: AccessContext): ProjectScope {
  return projectScopeOf(access.principal);
}

/** The stated purpose as it is logged: trimmed, bounded, and itself free of personal data. */
export function purposeOf(access: AccessContext): string | undefined {
  const purpose = access.purpose?.trim();
  return purpose ? redactPersonalData([...purpose].slice(0, MAX_PURPOSE_LENGTH).join('')) : undefined;
}

/**
 * Personal data is shown unmasked only to a holder of `customer.pii.read` who states why
 * (`X-Access-Purpose`); without a purpose the same caller gets the masked view.
 */
export function showsUnmasked(access: AccessContext): boolean {
  return mayReadPii(access.principal) && purposeOf(access) !== undefined;
}

/**
 * What the caller sees of customers, masked or not, and only their units in the caller's projects
 * (ADR 0006: a limited user neither sees nor removes the others); every unmasked customer gets its
 * access-log row in the caller's transaction, so no unmasked read happens without its log row.
 */
export async function presentCustomers(tx: EntityManager, customers: readonly Customer[], access: AccessContext): Promise<CustomerView[]> {
  const scope = scopeOf(access);
  const views = customers.map((c) => viewCustomer({ ...c, units: c.units.filter((u) => inProjectScope(scope, u.projectCode)) }, showsUnmasked(access)));
  const shown = views.filter((v) => !v.masked).map((v) => v.id);
  if (shown.length > 0) await logUnmaskedRead(tx, access, shown, PERSONAL_FIELDS);
  return views;
}

export async function presentCustomer(tx: EntityManager, customer: Customer, access: AccessContext): Promise<CustomerView> {
  return (await presentCustomers(tx, [customer], access))[0]!;
}

/** The purpose an erasure is logged under, before the reason given for it. */
export const ERASURE_PURPOSE = 'erasure: ';

/**
 * One row per customer erased: who, why (the reason given, as a purpose is logged: bounded and
 * itself free of personal data), the personal fields wiped, when.
 */
export async function logErasure(tx: EntityManager, access: AccessContext, reason: string, customerIds: readonly string[]): Promise<void> {
  await logUnmaskedRead(tx, { ...access, purpose: `${ERASURE_PURPOSE}${reason.trim()}` }, customerIds, PERSONAL_FIELDS);
}

/** One row per customer shown unmasked: who, why, which fields, when (the column default). */
export async function logUnmaskedRead(tx: EntityManager, access: AccessContext, customerIds: readonly string[], fields: readonly string[]): Promise<void> {
  for (const customerId of customerIds) {
    await appendAccessLog(tx, {
      actorSub: access.principal.sub,
      actorName: access.principal.name,
      customerId,
      purpose: purposeOf(access) ?? '',
      fields,
      ...presentProps({ requestId: access.requestId }),
    });
  }
}
