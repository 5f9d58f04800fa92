import { Injectable } from '@nestjs/common';
import { Type, type Static } from '@sinclair/typebox';
import type { EntityManager } from 'typeorm';
import { DomainError, presentProps } from '@cs/ddd';
import { Nullable, changedRows, execute, selectRow, selectRows } from '@cs/persistence';
import { monthDayOf } from '../domain/birthday';
import { Customer, CustomerUnit, PurchaseInfo } from '../domain/customer';
import { PiiCodec } from './pii-codec';

const CustomerRow = Type.Object({
  id: Type.String(),
  name_enc: Nullable(Type.String()),
  email_enc: Nullable(Type.String()),
  address_enc: Nullable(Type.String()),
  birth_date_enc: Nullable(Type.String()),
  tags: Type.Array(Type.String()),
  purchase: Nullable(Type.Unsafe<PurchaseInfo>(Type.Object({}))),
  merged_into: Nullable(Type.String()),
  erased_at: Nullable(Type.Date()),
  pseudonym: Nullable(Type.String()),
  version: Type.Integer(),
});
type CustomerRow = Static<typeof CustomerRow>;

const IdRow = Type.Object({ id: Type.String() });
const OwnerRow = Type.Object({ customer_id: Type.String() });
const VersionRow = Type.Object({ version: Type.Integer() });
const PhoneRow = Type.Object({ phone_enc: Type.String() });
const UnitRow = Type.Object({
  project_code: Type.String(),
  building: Type.String(),
  room: Type.String(),
  relation: Type.Union([Type.Literal('owner'), Type.Literal('tenant'), Type.Literal('family'), Type.Literal('other')]),
});
const CUSTOMER_COLUMNS = 'id::text, name_enc, email_enc, address_enc, birth_date_enc, tags, purchase, merged_into::text, erased_at, pseudonym, version';

/** Customers in and out of their encrypted rows; every method runs in the caller's transaction. */
@Injectable()
export class CustomerRepository {
  constructor(private readonly pii: PiiCodec) {}

  async findById(tx: EntityManager, id: string, lock = false): Promise<Customer | undefined> {
    const row = await selectRow(tx, CustomerRow, `SELECT ${CUSTOMER_COLUMNS} FROM customers WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
    return row ? this.hydrate(tx, row) : undefined;
  }

  async getById(tx: EntityManager, id: string, lock = false): Promise<Customer> {
    const customer = await this.findById(tx, id, lock);
    if (!customer) throw new DomainError('CUSTOMER.NOT_FOUND', 'not_found', `customer ${id} not found`);
    return customer;
  }

  /**
   * The customers a phone belongs to, following merges to the survivors, oldest first. Several
   * only when projects that cannot see each other each keep their own record (ADR 0006).
   */
  async findIdsByPhone(tx: EntityManager, e164: string): Promise<string[]> {
    const ids: string[] = [];
    for (const owner of await this.phoneOwners(tx, e164)) ids.push(await this.survivorOf(tx, owner));
    return [...new Set(ids)];
  }

  async findIdsByName(tx: EntityManager, name: string): Promise<string[]> {
    const rows = await selectRows(tx, IdRow, 'SELECT id::text FROM customers WHERE name_idx = $1 AND merged_into IS NULL ORDER BY created_at LIMIT 100', [
      this.pii.nameIndex(name),
    ]);
    return rows.map((r) => r.id);
  }

  async findIdsByEmail(tx: EntityManager, email: string): Promise<string[]> {
    const rows = await selectRows(tx, IdRow, 'SELECT id::text FROM customers WHERE email_idx = $1 AND merged_into IS NULL ORDER BY created_at LIMIT 100', [
      this.pii.emailIndex(email),
    ]);
    return rows.map((r) => r.id);
  }

  async findIdsByUnit(tx: EntityManager, unit: { projectCode: string; building?: string; room: string }): Promise<string[]> {
    const rows = await selectRows(
      tx,
      IdRow,
      `SELECT DISTINCT u.customer_id::text AS id FROM customer_units u JOIN customers c ON c.id = u.customer_id
        WHERE u.project_code = $1 AND u.room = $2 AND ($3::text IS NULL OR u.building = $3) AND c.merged_into IS NULL
        LIMIT 100`,
      [unit.projectCode, unit.room, unit.building ?? null],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Active customers whose birthday falls on one of these month-days ("MM-DD"), found by blind
   * index, with the projects of their units; merged and erased customers are left out.
   */
  /** Claims a day's birthday announcements; false when another replica or an earlier run has it. */
  async claimBirthdayRun(tx: EntityManager, day: string, at: Date): Promise<boolean> {
    const claimed = await selectRows(
      tx,
      Type.Object({ day: Type.String() }),
      'INSERT INTO birthday_runs (day, announced, claimed_at) VALUES ($1::date, 0, $2) ON CONFLICT (day) DO NOTHING RETURNING day::text',
      [day, at],
    );
    return claimed.length > 0;
  }

  async recordBirthdayRun(tx: EntityManager, day: string, announced: number): Promise<void> {
    await execute(tx, 'UPDATE birthday_runs SET announced = $2 WHERE day = $1::date', [day, announced]);
  }

  async findBirthdays(tx: EntityManager, monthDays: readonly string[]): Promise<{ customerId: string; projectCodes: string[] }[]> {
    const rows = await selectRows(
      tx,
      Type.Object({ id: Type.String(), projects: Type.Array(Type.String()) }),
      `SELECT c.id::text, COALESCE(array_agg(DISTINCT u.project_code) FILTER (WHERE u.project_code IS NOT NULL), '{}') AS projects
         FROM customers c LEFT JOIN customer_units u ON u.customer_id = c.id
        WHERE c.birthday_idx = ANY($1::text[]) AND c.merged_into IS NULL AND c.erased_at IS NULL
        GROUP BY c.id ORDER BY c.id`,
      [monthDays.map((md) => this.pii.birthdayIndex(md))],
    );
    return rows.map((r) => ({ customerId: r.id, projectCodes: r.projects }));
  }

  /** Serialises registrations of one phone number, so two agents cannot create twins. */
  async lockPhone(tx: EntityManager, e164: string): Promise<void> {
    await execute(tx, 'SELECT pg_advisory_xact_lock(hashtext($1))', [`customer-phone:${this.pii.phoneIndex(e164)}`]);
  }

  async insert(tx: EntityManager, customer: Customer): Promise<void> {
    await execute(
      tx,
      `INSERT INTO customers (id, name_enc, name_idx, email_enc, email_idx, address_enc, birth_date_enc, birthday_idx, tags, purchase, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [customer.id, ...this.personalColumns(customer), customer.tags, customer.purchase ?? null, customer.version],
    );
    await this.replaceDetails(tx, customer);
  }

  /** Saves a changed customer; `expectedVersion` guards against a concurrent edit (optimistic lock). */
  async update(tx: EntityManager, customer: Customer, expectedVersion: number): Promise<Customer> {
    const rows = await changedRows(
      tx,
      VersionRow,
      `UPDATE customers SET name_enc = $2, name_idx = $3, email_enc = $4, email_idx = $5, address_enc = $6, birth_date_enc = $7, birthday_idx = $8,
              tags = $9, purchase = $10, merged_into = $11, erased_at = $12, pseudonym = $13, updated_at = now(), version = version + 1
        WHERE id = $1 AND version = $14 RETURNING version`,
      [
        customer.id,
        ...this.personalColumns(customer),
        customer.tags,
        customer.purchase ?? null,
        customer.mergedInto ?? null,
        customer.erasedAt ?? null,
        customer.pseudonym ?? null,
        expectedVersion,
      ],
    );
    if (rows.length === 0) {
      throw new DomainError('CUSTOMER.VERSION_CONFLICT', 'precondition_failed', 'the customer was changed by someone else; reload it');
    }
    await this.replaceDetails(tx, customer);
    return { ...customer, version: rows[0]!.version };
  }

  /** The customers holding a phone, oldest registration first: the caller decides which it may see. */
  async phoneOwners(tx: EntityManager, e164: string): Promise<string[]> {
    const rows = await selectRows(tx, OwnerRow, 'SELECT customer_id::text FROM customer_phones WHERE phone_idx = $1 ORDER BY added_at, customer_id', [
      this.pii.phoneIndex(e164),
    ]);
    return rows.map((r) => r.customer_id);
  }

  private async survivorOf(tx: EntityManager, id: string): Promise<string> {
    const row = await selectRow(
      tx,
      IdRow,
      `WITH RECURSIVE chain(id, merged_into, depth) AS (
         SELECT id, merged_into, 0 FROM customers WHERE id = $1
         UNION ALL SELECT c.id, c.merged_into, chain.depth + 1 FROM customers c JOIN chain ON c.id = chain.merged_into WHERE chain.depth < 20
       ) SELECT id::text FROM chain WHERE merged_into IS NULL LIMIT 1`,
      [id],
    );
    return row?.id ?? id;
  }

  private personalColumns(customer: Customer): (string | null)[] {
    return [
      customer.name ? this.pii.seal('customer.name', customer.name) : null,
      customer.name ? this.pii.nameIndex(customer.name) : null,
      this.pii.sealOptional('customer.email', customer.email),
      customer.email ? this.pii.emailIndex(customer.email) : null,
      this.pii.sealOptional('customer.address', customer.address),
      this.pii.sealOptional('customer.birth_date', customer.birthDate),
      customer.birthDate ? this.pii.birthdayIndex(monthDayOf(customer.birthDate)) : null,
    ];
  }

  private async replaceDetails(tx: EntityManager, customer: Customer): Promise<void> {
    await execute(tx, 'DELETE FROM customer_phones WHERE customer_id = $1', [customer.id]);
    for (const [position, phone] of customer.phones.entries()) {
      await execute(tx, 'INSERT INTO customer_phones (phone_idx, customer_id, phone_enc, position) VALUES ($1, $2, $3, $4)', [
        this.pii.phoneIndex(phone),
        customer.id,
        this.pii.seal('customer.phone', phone),
        position,
      ]);
    }
    await execute(tx, 'DELETE FROM customer_units WHERE customer_id = $1', [customer.id]);
    for (const unit of customer.units) {
      await execute(
        tx,
        `INSERT INTO customer_units (customer_id, project_code, building, room, relation) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT DO NOTHING`,
        [customer.id, unit.projectCode, unit.building ?? '', unit.room ?? '', unit.relation],
      );
    }
  }

  private async hydrate(tx: EntityManager, row: CustomerRow): Promise<Customer> {
    const phones = await selectRows(tx, PhoneRow, 'SELECT phone_enc FROM customer_phones WHERE customer_id = $1 ORDER BY position', [row.id]);
    const units = await selectRows(
      tx,
      UnitRow,
      'SELECT project_code, building, room, relation FROM customer_units WHERE customer_id = $1 ORDER BY project_code, building, room',
      [row.id],
    );
    const email = this.pii.openOptional('customer.email', row.email_enc);
    const address = this.pii.openOptional('customer.address', row.address_enc);
    const birthDate = this.pii.openOptional('customer.birth_date', row.birth_date_enc);
    return {
      id: row.id,
      name: row.name_enc ? this.pii.open('customer.name', row.name_enc) : '',
      phones: phones.map((p) => this.pii.open('customer.phone', p.phone_enc)),
      ...presentProps({ email, address, birthDate }),
      units: units.map(
        (u): CustomerUnit => ({
          projectCode: u.project_code,
          ...presentProps({ building: u.building, room: u.room }),
          relation: u.relation,
        }),
      ),
      tags: row.tags,
      ...presentProps({ purchase: row.purchase, mergedInto: row.merged_into, erasedAt: row.erased_at, pseudonym: row.pseudonym }),
      version: row.version,
    };
  }
}
