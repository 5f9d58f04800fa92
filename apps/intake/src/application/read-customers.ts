import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { type ProjectScope, inProjectScope, scopedProjects } from '@cs/auth';
import { DomainError } from '@cs/ddd';
import { Customer, CustomerView } from '../domain/customer';
import { normalizePhone } from '../domain/phone-number';
import { CustomerRepository } from '../infrastructure/customer.repository';
import { assertCustomerVisible, customerVisibleIn } from './customer-access';
import { AccessContext, presentCustomer, presentCustomers, scopeOf } from './pii-access';

export interface CustomerQuery {
  readonly phone?: string;
  readonly name?: string;
  readonly email?: string;
  readonly projectCode?: string;
  readonly building?: string;
  readonly room?: string;
}

/** The customers of a search that the user may see; erased ones are found only by id. */
export function visibleCustomers(customers: readonly Customer[], scope: ProjectScope): Customer[] {
  return customers.filter((customer) => !customer.erasedAt && customerVisibleIn(customer, scope));
}

/**
 * Customer reads, limited to the caller's projects. Personal data is masked unless the caller
 * holds `customer.pii.read` and states a purpose; an unmasked read is logged in its transaction.
 */
@Injectable()
export class ReadCustomers {
  constructor(
    private readonly dataSource: DataSource,
    private readonly customers: CustomerRepository,
  ) {}

  async byId(id: string, access: AccessContext): Promise<CustomerView> {
    return this.dataSource.transaction(async (tx) => {
      const customer = assertCustomerVisible(await this.customers.findById(tx, id), id, scopeOf(access));
      return presentCustomer(tx, customer, access);
    });
  }

  async search(query: CustomerQuery, access: AccessContext): Promise<CustomerView[]> {
    return this.dataSource.transaction(async (tx) => {
      const scope = scopeOf(access);
      const found = visibleCustomers(await this.matching(tx, query, scope), scope);
      return presentCustomers(tx, found, access);
    });
  }

  private async matching(tx: EntityManager, query: CustomerQuery, scope: ProjectScope): Promise<Customer[]> {
    if (query.phone) {
      const phone = normalizePhone(query.phone);
      if (!phone) throw new DomainError('CUSTOMER.INVALID_PHONE', 'invalid', 'not a valid phone number', 'phone', undefined, { code: 'invalid_phone' });
      return this.customers.findByPhone(tx, phone);
    }
    return this.customers.findAllByIds(tx, await this.matchingIds(tx, query, scope));
  }

  private async matchingIds(tx: EntityManager, query: CustomerQuery, scope: ProjectScope): Promise<string[]> {
    if (query.email) return this.customers.findIdsByEmail(tx, query.email, scopedProjects(scope));
    if (query.name) return this.customers.findIdsByName(tx, query.name, scopedProjects(scope));
    if (query.projectCode && query.room) {
      // Who holds a room of a project the user does not serve is that project's to know.
      if (!inProjectScope(scope, query.projectCode)) {
        throw new DomainError('CUSTOMER.PROJECT_NOT_SERVED', 'forbidden', `you do not serve project ${query.projectCode}`, 'projectCode');
      }
      return this.customers.findIdsByUnit(tx, { projectCode: query.projectCode, building: query.building, room: query.room });
    }
    throw new DomainError(
      'CUSTOMER.QUERY_REQUIRED',
      'invalid',
      'search by phone, email, name, or projectCode with room',
      'phone',
    );
  }
}
