import { ProjectScope, anyInProjectScope, inProjectScope } from '@cs/auth';
import { DomainError } from '@cs/ddd';
import { type Customer, type CustomerUnit, withUnit } from '../domain/customer';

/**
 * Object-level access to the registry (ADR 0006). A customer belongs to the projects of their
 * units; a user limited to projects sees and changes only customers with a unit there (or with
 * none yet). Everything else is "not found", for writes exactly as for reads, so neither the
 * record nor its existence leaks across projects.
 */
export function customerVisibleIn(customer: Customer, scope: ProjectScope): boolean {
  return anyInProjectScope(
    scope,
    customer.units.map((u) => u.projectCode),
  );
}

export function customerNotFound(id: string): DomainError {
  return new DomainError('CUSTOMER.NOT_FOUND', 'not_found', `customer ${id} not found`);
}

export function assertCustomerVisible(customer: Customer | undefined, id: string, scope: ProjectScope): Customer {
  if (!customer || !customerVisibleIn(customer, scope)) throw customerNotFound(id);
  return customer;
}

/** A user registers units only in projects they serve. */
export function assertUnitsServed(units: readonly CustomerUnit[], scope: ProjectScope, field = 'units'): void {
  for (const [index, unit] of units.entries()) {
    if (!inProjectScope(scope, unit.projectCode)) {
      throw new DomainError(
        'CUSTOMER.PROJECT_NOT_SERVED',
        'forbidden',
        `you do not serve project ${unit.projectCode}`,
        `${field}[${index}].projectCode`,
      );
    }
  }
}

/**
 * A user's edit of the unit list replaces the units they can see; units in projects outside
 * their scope stay as they were, since the user can neither see nor remove them. A unit given
 * twice is one unit, as it is stored.
 */
export function unitsAfterEdit(current: readonly CustomerUnit[], edited: readonly CustomerUnit[], scope: ProjectScope): CustomerUnit[] {
  return edited.reduce(withUnit, current.filter((u) => !inProjectScope(scope, u.projectCode)));
}

/**
 * Which of the records holding a phone (or e-mail) a contact joins: one the user can see,
 * preferring one that already has a unit in the contact's project, the oldest otherwise.
 * Undefined when the user can see none of them: the contact then starts a record of its own.
 */
export function recordFor(candidates: readonly Customer[], scope: ProjectScope, projectCode?: string): Customer | undefined {
  const visible = candidates.filter((c) => customerVisibleIn(c, scope));
  return (projectCode ? visible.find((c) => c.units.some((u) => u.projectCode === projectCode)) : undefined) ?? visible[0];
}
