import { Injectable } from '@nestjs/common';
import { Type, type Static } from '@sinclair/typebox';
import type { EntityManager } from 'typeorm';
import { DomainError, presentProps } from '@cs/ddd';
import { IdRow, Nullable, type Queryable, type WritePart, changedRows, execute, selectRow, selectRows, sendAhead, writeTogether } from '@cs/persistence';
import { monthDayOf } from '../domain/birthday';
import { Customer, CustomerUnit, PurchaseInfo } from '../domain/customer';
import { MAX_MERGES, survivorsOf } from './customer-survivors';
import { PiiCodec } from './pii-codec';
import { customerInProjects } from './customer-scope';

const DayRow = Type.Object({ day: Type.String() });
const CustomerProjectsRow = Type.Object({ id: Type.String(), projects: Type.Array(Type.String()) });

const UnitRow = Type.Object({
  project_code: Type.String(),
  building: Type.String(),
  room: Type.String(),
  relation: Type.Union([Type.Literal('owner'), Type.Literal('tenant'), Type.Literal('family'), Type.Literal('other')]),
});

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
  phones: Type.Array(Type.String()),
  units: Type.Array(UnitRow),
});
type CustomerRow = Static<typeof CustomerRow>;
const HeldHolderRow = Type.Composite([CustomerRow, Type.Object({ picked: Type.Boolean() })]);

/** Phones (E.164) and e-mails whose holders a transaction reads or changes. */
export interface PhonesAndEmails {
  readonly phones?: readonly string[];
  readonly emails?: readonly string[];
}

/** The first of `ranked` (`rankedHolders`): the record a contact joins. */
const FIRST_RANKED = 'SELECT id FROM ranked ORDER BY rank LIMIT 1';

/**
 * What finds the records a contact may join: its phone (E.164) or its e-mail, with the projects
 * the user may see (undefined: every project) and the contact's project, whose records come first.
 */
export type HolderSearch = ({ readonly phone: string } | { readonly email: string }) & { readonly projects?: readonly string[]; readonly preferredProject?: string };
/** Customers of the ids in `$1`, in that order. */
const GIVEN_ORDER = 'unnest($1::uuid[]) WITH ORDINALITY AS given(id, n) JOIN customers c ON c.id = given.id ORDER BY given.n';
const OwnerRow = Type.Object({ customer_id: Type.String() });
const VersionRow = Type.Object({ version: Type.Integer() });
/** A customer with its phones and units in one round trip: the contact path reads one per call. */
const CUSTOMER_COLUMNS = `c.id::text, c.name_enc, c.email_enc, c.address_enc, c.birth_date_enc, c.tags, c.purchase, c.merged_into::text, c.erased_at, c.pseudonym, c.version,
  ARRAY(SELECT p.phone_enc FROM customer_phones p WHERE p.customer_id = c.id ORDER BY p.position) AS phones,
  COALESCE((SELECT json_agg(json_build_object('project_code', u.project_code, 'building', u.building, 'room', u.room, 'relation', u.relation)
                            ORDER BY u.project_code, u.building, u.room)
              FROM customer_units u WHERE u.customer_id = c.id), '[]'::json) AS units`;

/** Customers in and out of their encrypted rows; every method runs in the caller's transaction. */
@Injectable()
export class CustomerRepository {
  constructor(private readonly pii: PiiCodec) {}

  async findById(tx: EntityManager, id: string, lock = false): Promise<Customer | undefined> {
    if (lock) return (await this.findAllByIds(tx, [id], true))[0];
    const row = await selectRow(tx, CustomerRow, `SELECT ${CUSTOMER_COLUMNS} FROM customers c WHERE c.id = $1`, [id]);
    return row ? this.hydrate(row) : undefined;
  }

  async getById(tx: EntityManager, id: string, lock = false): Promise<Customer> {
    const customer = await this.findById(tx, id, lock);
    if (!customer) throw new DomainError('CUSTOMER.NOT_FOUND', 'not_found', `customer ${id} not found`);
    return customer;
  }

  /** The customers of those ids that exist, in the order given; one read however many (and one lock before it when `lock`). */
  async findAllByIds(tx: EntityManager, ids: readonly string[], lock = false): Promise<Customer[]> {
    if (ids.length === 0) return [];
    if (lock) {
      return this.lockedThenRead(tx, 'SELECT given.id, given.n AS rank FROM unnest($1::uuid[]) WITH ORDINALITY AS given(id, n)', [ids]);
    }
    const rows = await selectRows(tx, CustomerRow, `SELECT ${CUSTOMER_COLUMNS} FROM ${GIVEN_ORDER}`, [ids]);
    return rows.map((r) => this.hydrate(r));
  }

  /**
   * The customers holding the phone, each owner followed through its merges to the survivor,
   * oldest registration of the phone first, in one statement. Several only when projects that
   * cannot see each other each keep their own record (ADR 0006); a survivor reached from several
   * merged owners comes once.
   */
  async findByPhone(tx: Queryable, e164: string): Promise<Customer[]> {
    const rows = await selectRows(
      tx,
      CustomerRow,
      `WITH RECURSIVE ${survivorsOf('owners', 'SELECT p.customer_id, (p.added_at, p.customer_id) FROM customer_phones p WHERE p.phone_idx = $1')},
       survivors AS (SELECT DISTINCT ON (id) id, key AS registered FROM owners ORDER BY id, key)
       SELECT ${CUSTOMER_COLUMNS} FROM survivors s JOIN customers c ON c.id = s.id ORDER BY s.registered`,
      [this.pii.phoneIndex(e164)],
    );
    return rows.map((r) => this.hydrate(r));
  }

  /**
   * The customers `candidates` selects (their ids, and a rank giving the order to return them in),
   * locked in id order, as every locking read of customers takes them, so two transactions
   * locking the same customers (a contact and a merge of two records holding its phone) never
   * wait for each other in a circle; then read once they are held. A row that waited for its lock
   * is returned as committed since, but the phones and units read beside it in the locking
   * statement would be those of its snapshot, from before the wait: saved back, they would undo
   * what the holder of the lock changed. The read after the lock sees it.
   */
  private async lockedThenRead(tx: EntityManager, candidates: string, params: unknown[]): Promise<Customer[]> {
    const locked = await selectRows(
      tx,
      IdRow,
      `SELECT id::text FROM (SELECT c.id, candidate.rank FROM (${candidates}) candidate JOIN customers c ON c.id = candidate.id
                              ORDER BY c.id FOR UPDATE OF c) held
        ORDER BY rank`,
      params,
    );
    return this.findAllByIds(tx, locked.map((r) => r.id));
  }

  /**
   * The first 100 customers of the name that a user limited to `projects` may see (undefined:
   * every project): those with a unit there or with none, as `customerVisibleIn` reads them.
   * Scoped before the cut, so a common name (张伟) does not fill the 100 with other projects'.
   */
  async findIdsByName(tx: EntityManager, name: string, projects?: readonly string[]): Promise<string[]> {
    const scoped = projects === undefined ? '' : `AND ${customerInProjects('customers.id', '$2::text[]')}`;
    const rows = await selectRows(
      tx,
      IdRow,
      `SELECT id::text FROM customers WHERE name_idx = $1 AND merged_into IS NULL ${scoped} ORDER BY created_at LIMIT 100`,
      projects === undefined ? [this.pii.nameIndex(name)] : [this.pii.nameIndex(name), [...projects]],
    );
    return rows.map((r) => r.id);
  }

  /**
   * The first `limit` customers holding the e-mail that a user limited to `projects` may see
   * (undefined: every project), the contact's project's first (`findHolderIds`).
   */
  async findIdsByEmail(tx: Queryable, email: string, projects?: readonly string[], preferredProject?: string, limit = 100): Promise<string[]> {
    return this.findHolderIds(tx, { email, ...presentProps({ projects, preferredProject }) }, limit);
  }

  /**
   * The first `limit` customers holding the phone or the e-mail that a user limited to `projects`
   * may see (undefined: every project), each merged record followed to its survivor (a merge
   * keeps the survivor's address, and the duplicate's stays on the duplicate's row). The
   * survivors are scoped before the cut, so other projects' holders of a shared address (a
   * family's, an agency's) do not fill it. Those with a unit in `preferredProject` come first (a
   * contact naming its project joins one of them), then the oldest registration of the phone, or
   * the oldest record of the address: the first is the record a contact from it joins.
   */
  async findHolderIds(tx: Queryable, search: HolderSearch, limit = 100): Promise<string[]> {
    const params: unknown[] = [];
    const ranked = this.rankedHolders(search, params);
    const rows = await selectRows(tx, IdRow, `${ranked} SELECT id::text FROM ranked ORDER BY rank LIMIT $${params.push(limit)}`, params);
    return rows.map((r) => r.id);
  }

  /**
   * The first of `findHolderIds`, locked in the statement that picks it: its id, once held. A
   * pick that waited for its lock is as it was read before the wait (`readHeldHolder` tells).
   */
  async lockFirstHolder(tx: EntityManager, search: HolderSearch): Promise<string | undefined> {
    const params: unknown[] = [];
    const ranked = this.rankedHolders(search, params);
    const row = await selectRow(tx, IdRow, `${ranked} SELECT c.id::text FROM customers c WHERE c.id = (${FIRST_RANKED}) FOR UPDATE OF c`, params);
    return row?.id;
  }

  /**
   * The customer a transaction holds, read as committed now, and whether it is still the first of
   * `findHolderIds` (an erasure or an edit of units, which wait for the record but not for its
   * phone or address, may have moved the pick while the lock waited): one statement.
   */
  async readHeldHolder(tx: Queryable, id: string, search: HolderSearch): Promise<{ customer: Customer; picked: boolean } | undefined> {
    const params: unknown[] = [];
    const ranked = this.rankedHolders(search, params);
    const row = await selectRow(
      tx,
      HeldHolderRow,
      `${ranked} SELECT ${CUSTOMER_COLUMNS}, c.id IS NOT DISTINCT FROM (${FIRST_RANKED}) AS picked FROM customers c WHERE c.id = $${params.push(id)}`,
      params,
    );
    return row ? { customer: this.hydrate(row), picked: row.picked } : undefined;
  }

  /** SQL: `WITH RECURSIVE …, ranked(id, rank)`, the live holders `findHolderIds` lists, first first; its parameters pushed onto `params`. */
  private rankedHolders(search: HolderSearch, params: unknown[]): string {
    const bind = (value: unknown) => `$${params.push(value)}`;
    const seeds =
      'phone' in search
        ? `SELECT p.customer_id, (p.added_at, p.customer_id) FROM customer_phones p WHERE p.phone_idx = ${bind(this.pii.phoneIndex(search.phone))}`
        : `SELECT c.id, c.created_at FROM customers c WHERE c.email_idx = ${bind(this.pii.emailIndex(search.email))}`;
    const scoped = search.projects === undefined ? '' : `AND ${customerInProjects('h.id', `${bind([...search.projects])}::text[]`)}`;
    const preferred =
      search.preferredProject === undefined
        ? ''
        : `EXISTS (SELECT 1 FROM customer_units u WHERE u.customer_id = s.id AND u.project_code = ${bind(search.preferredProject)}) DESC, `;
    return `WITH RECURSIVE ${survivorsOf('holders', seeds)},
       ranked AS (
         SELECT s.id, row_number() OVER (ORDER BY ${preferred}s.key) AS rank
           FROM (SELECT DISTINCT ON (h.id) h.id, h.key FROM holders h JOIN customers c ON c.id = h.id WHERE c.erased_at IS NULL ${scoped} ORDER BY h.id, h.key) s
       )`;
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
      DayRow,
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
      CustomerProjectsRow,
      `SELECT c.id::text, COALESCE(array_agg(DISTINCT u.project_code) FILTER (WHERE u.project_code IS NOT NULL), '{}') AS projects
         FROM customers c LEFT JOIN customer_units u ON u.customer_id = c.id
        WHERE c.birthday_idx = ANY($1::text[]) AND c.merged_into IS NULL AND c.erased_at IS NULL
        GROUP BY c.id ORDER BY c.id`,
      [monthDays.map((md) => this.pii.birthdayIndex(md))],
    );
    return rows.map((r) => ({ customerId: r.id, projectCodes: r.projects }));
  }

  /**
   * Holds the phones and e-mails until the transaction ends: what finds a customer. Who holds
   * one changes only with it held — a contact from it (two first contacts of one new caller
   * would each start a record), a registration, an edit, a merge — and each of those takes all
   * it needs in one statement, in one order (their lock numbers ascending), before any customer
   * row (which are then taken in id order): no two of them wait for each other in a circle (ADR 0085).
   * The lock is sent ahead (ADR 0189): held once the transaction's next statement is answered.
   */
  async lockPhonesAndEmails(tx: EntityManager, keys: PhonesAndEmails): Promise<void> {
    const given = this.lockKeys(keys);
    // Nothing is read from the lock: it travels with the statement that reads what it guards.
    if (given.length > 0) await sendAhead(tx, lockingInOrder('SELECT unnest($1::text[])'), [given]);
  }

  /**
   * The customers of those ids locked, as `findAllByIds` locks them, with what finds them held
   * first (`lockPhonesAndEmails`): their phones, their e-mails and those of the records merged
   * into them (a merged record keeps its e-mail, which leads to its survivor), and `taking`, what
   * they are about to hold. For a change of who holds them: a contact waiting for one then finds
   * the records as the change leaves them. What came to find them between the two (a phone
   * learnt, a record merged in) is held after them — out of order, so a contact from it waiting
   * for them ends in a deadlock Postgres breaks (a 503 to retry), rather than in a third record.
   */
  async lockWithWhatFindsThem(
    tx: EntityManager,
    ids: readonly string[],
    taking: PhonesAndEmails = {},
  ): Promise<Customer[]> {
    const findingThem = lockingInOrder(
      `WITH RECURSIVE finding(id, depth) AS (
         SELECT id, 0 FROM unnest($1::uuid[]) AS given(id)
         UNION
         SELECT m.merged_id, f.depth + 1 FROM customer_merges m JOIN finding f ON m.survivor_id = f.id WHERE f.depth < ${MAX_MERGES}
       )
       SELECT 'customer-phone:' || p.phone_idx FROM customer_phones p WHERE p.customer_id IN (SELECT id FROM finding)
       UNION SELECT 'customer-email:' || c.email_idx FROM customers c WHERE c.id IN (SELECT id FROM finding) AND c.email_idx IS NOT NULL
       UNION SELECT unnest($2::text[])`,
    );
    const params = [[...ids], this.lockKeys(taking)];
    await execute(tx, findingThem, params);
    const locked = await this.findAllByIds(tx, ids, true);
    await execute(tx, findingThem, params);
    return locked;
  }

  private lockKeys({ phones = [], emails = [] }: PhonesAndEmails): string[] {
    return [...phones.map((phone) => `customer-phone:${this.pii.phoneIndex(phone)}`), ...emails.map((email) => `customer-email:${this.pii.emailIndex(email)}`)];
  }

  /** A new customer with its phones and units, in one statement (the foreign keys are checked at its end). */
  async insert(tx: EntityManager, customer: Customer): Promise<void> {
    await writeTogether(tx, this.insertParts(customer));
  }

  /** The writes of a new customer with its phones and units, to send with others (`writeTogether`). */
  insertParts(customer: Customer): WritePart[] {
    const [phoneIdx, phoneEnc] = this.phoneColumns(customer);
    const [projects, buildings, rooms, relations] = unitColumns(customer);
    const row = [customer.id, ...this.personalColumns(customer), customer.tags, customer.purchase ?? null, customer.version];
    return [
      (bind) =>
        `INSERT INTO customers (id, name_enc, name_idx, email_enc, email_idx, address_enc, birth_date_enc, birthday_idx, tags, purchase, version)
         VALUES (${row.map(bind).join(', ')})`,
      (bind) =>
        `INSERT INTO customer_phones (phone_idx, customer_id, phone_enc, position)
         SELECT p.idx, ${bind(customer.id)}::uuid, p.enc, p.position - 1 FROM unnest(${bind(phoneIdx)}::text[], ${bind(phoneEnc)}::text[]) WITH ORDINALITY AS p(idx, enc, position)`,
      (bind) =>
        `INSERT INTO customer_units (customer_id, project_code, building, room, relation)
         SELECT ${bind(customer.id)}::uuid, u.project_code, u.building, u.room, u.relation
           FROM unnest(${bind(projects)}::text[], ${bind(buildings)}::text[], ${bind(rooms)}::text[], ${bind(relations)}::text[]) AS u(project_code, building, room, relation)
         ON CONFLICT DO NOTHING`,
    ];
  }

  /**
   * Saves a changed customer; `expectedVersion`, the version its caller read, guards against a
   * concurrent edit (optimistic lock). Callers hold the row, so a miss is a write that slipped past
   * the lock: 409, not a 412 of an If-Match the request may not have sent.
   */
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
      throw new DomainError('CUSTOMER.CHANGED_MEANWHILE', 'conflict', 'the customer was changed meanwhile; reload it and try again');
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
    const [phoneIdx, phoneEnc] = this.phoneColumns(customer);
    // A phone kept keeps its row, and with it when it was added: the oldest holder of a number is
    // the record later contacts from it join, which an edit of anything else must not change.
    await execute(tx, 'DELETE FROM customer_phones WHERE customer_id = $1 AND phone_idx <> ALL($2::text[])', [customer.id, phoneIdx]);
    await execute(
      tx,
      `INSERT INTO customer_phones (phone_idx, customer_id, phone_enc, position)
       SELECT p.idx, $1, p.enc, p.position - 1 FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS p(idx, enc, position)
       ON CONFLICT (phone_idx, customer_id) DO UPDATE SET phone_enc = excluded.phone_enc, position = excluded.position`,
      [customer.id, phoneIdx, phoneEnc],
    );
    await execute(tx, 'DELETE FROM customer_units WHERE customer_id = $1', [customer.id]);
    await execute(
      tx,
      `INSERT INTO customer_units (customer_id, project_code, building, room, relation)
       SELECT $1, u.project_code, u.building, u.room, u.relation FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS u(project_code, building, room, relation)
       ON CONFLICT DO NOTHING`,
      [customer.id, ...unitColumns(customer)],
    );
  }

  /** Phones as two parallel arrays (blind index, sealed number) for `unnest`. */
  private phoneColumns(customer: Customer): [string[], string[]] {
    return [customer.phones.map((phone) => this.pii.phoneIndex(phone)), customer.phones.map((phone) => this.pii.seal('customer.phone', phone))];
  }

  private hydrate(row: CustomerRow): Customer {
    const { phones, units } = row;
    const email = this.pii.openOptional('customer.email', row.email_enc);
    const address = this.pii.openOptional('customer.address', row.address_enc);
    const birthDate = this.pii.openOptional('customer.birth_date', row.birth_date_enc);
    return {
      id: row.id,
      name: row.name_enc ? this.pii.open('customer.name', row.name_enc) : '',
      phones: phones.map((sealed) => this.pii.open('customer.phone', sealed)),
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

/**
 * A statement taking the advisory lock of each key `keys` selects (one text column), once each,
 * lowest lock number first: the subquery's order is the order the locks are taken in.
 */
function lockingInOrder(keys: string): string {
  return `SELECT pg_advisory_xact_lock(k) FROM (SELECT DISTINCT hashtext(key) AS k FROM (${keys}) AS keys(key) ORDER BY k) held`;
}

/** Units as parallel arrays for `unnest` (a unit without building or room stores the empty string, as the key needs). */
function unitColumns(customer: Customer): [string[], string[], string[], string[]] {
  return [
    customer.units.map((u) => u.projectCode),
    customer.units.map((u) => u.building ?? ''),
    customer.units.map((u) => u.room ?? ''),
    customer.units.map((u) => u.relation),
  ];
}
