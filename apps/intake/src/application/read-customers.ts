import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { canAccessProject } from '@cs/auth';
import { DomainError } from '@cs/ddd';
import { Customer, CustomerView, viewCustomer } from '../domain/customer';
import { normalizePhone } from '../domain/phone-number';
import { CustomerRepository } from '../infrastructure/customer.repository';
import { AccessContext, logUnmaskedRead, mayReadPii } from './pii-access';

export interface CustomerQuery {
  readonly phone?: string;
  readonly name?: string;
  readonly email?: string;
  readonly projectCode?: string;
  readonly building?: string;
  readonly room?: string;
}

const PERSONAL_FIELDS = ['name', 'phones', 'email', 'address'];

/**
 * Customer reads. Personal data is masked unless the caller holds `customer.pii.read`; an
 * unmasked read is written to the access log in the same transaction, so no unmasked read
 * happens without its log row.
 */
@Injectable()
export class ReadCustomers {
  constructor(
    private readonly dataSource: DataSource,
    private readonly customers: CustomerRepository,
  ) {}

  async byId(id: string, access: AccessContext): Promise<CustomerView> {
    return this.dataSource.transaction(async (tx) => {
      const customer = await this.customers.findById(tx, id);
      if (!customer || !this.visible(customer, access)) {
        throw new DomainError('CUSTOMER.NOT_FOUND', 'not_found', `customer ${id} not found`);
      }
      return (await this.present(tx, [customer], access))[0]!;
    });
  }

  async search(query: CustomerQuery, access: AccessContext): Promise<CustomerView[]> {
    return this.dataSource.transaction(async (tx) => {
      const ids = await this.matchingIds(tx, query);
      const found: Customer[] = [];
      for (const id of ids) {
        const customer = await this.customers.findById(tx, id);
        if (customer && !customer.erasedAt && this.visible(customer, access)) found.push(customer);
      }
      return this.present(tx, found, access);
    });
  }

  private async matchingIds(tx: EntityManager, query: CustomerQuery): Promise<string[]> {
    if (query.phone) {
      const phone = normalizePhone(query.phone);
      if (!phone) throw new DomainError('CUSTOMER.INVALID_PHONE', 'invalid', 'not a valid phone number', 'phone');
      const id = await this.customers.findIdByPhone(tx, phone);
      return id ? [id] : [];
    }
    if (query.email) {
      const id = await this.customers.findIdByEmail(tx, query.email);
      return id ? [id] : [];
    }
    if (query.name) return this.customers.findIdsByName(tx, query.name);
    if (query.projectCode && query.room) {
      return this.customers.findIdsByUnit(tx, { projectCode: query.projectCode, building: query.building, room: query.room });
    }
    throw new DomainError(
      'CUSTOMER.QUERY_REQUIRED',
      'invalid',
      'search by phone, email, name, or projectCode with room',
      'phone',
    );
  }

  /** A user limited to some projects sees customers with a unit there, or with no unit at all. */
  private visible(customer: Customer, access: AccessContext): boolean {
    if (!access.principal.projects) return true;
    return customer.units.length === 0 || customer.units.some((u) => canAccessProject(access.principal, u.projectCode));
  }

  private async present(tx: EntityManager, customers: readonly Customer[], access: AccessContext): Promise<CustomerView[]> {
    const unmasked = mayReadPii(access.principal);
    const views = customers.map((c) => viewCustomer(c, unmasked));
    const shown = views.filter((v) => !v.masked).map((v) => v.id);
    if (shown.length > 0) await logUnmaskedRead(tx, access, shown, PERSONAL_FIELDS);
    return views;
  }
}
