import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { selectRows } from '@cs/persistence';
import { ThrowawaySchema, recordingQueries, rowsScanned, throwawaySchema } from '@cs/testing';
import { CustomerRepository } from './customer.repository';
import { rememberTickets } from './known-tickets';
import { MAX_MERGES, survivorsOf } from './customer-survivors';
import { MIGRATIONS } from './migrations';
import { throwawayPiiCodec } from './pii/throwaway-pii-codec.support.spec';

let db: ThrowawaySchema;
const pii = throwawayPiiCodec();
const CUSTOMERS = 20_000;
// C carries A and B: A was merged into B, then B into C.
const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
const PHONE = '+8613800138000';

beforeAll(async () => {
  db = await throwawaySchema('intake_survivors', MIGRATIONS);
  await db.dataSource.query(`INSERT INTO customers (id) SELECT gen_random_uuid() FROM generate_series(1, ${CUSTOMERS})`);
  await db.dataSource.query('INSERT INTO customers (id) VALUES ($1)', [c]);
  await db.dataSource.query('INSERT INTO customers (id, merged_into) VALUES ($1, $2)', [b, c]);
  await db.dataSource.query('INSERT INTO customers (id, merged_into) VALUES ($1, $2)', [a, b]);
  // The phone was A's: a caller on it is C now.
  await db.dataSource.query(`INSERT INTO customer_phones (phone_idx, customer_id, phone_enc, position) VALUES ($1, $2, 'x', 0)`, [pii.phoneIndex(PHONE), a]);
  await db.dataSource.query('ANALYZE customers');
});

afterAll(async () => {
  await db?.drop();
});

/** A batch's customers as a consumer transaction names them: a recordset, as intake's copy of new tickets reads its events. */
const SURVIVORS_OF_A_BATCH = `WITH RECURSIVE given AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS t (customer_id uuid)),
  ${survivorsOf('survivors', 'SELECT customer_id, 0 FROM given')}
  SELECT start::text, id::text FROM survivors ORDER BY start`;
const batch = (ids: readonly (string | null)[]) => ({ sql: SURVIVORS_OF_A_BATCH, parameters: [JSON.stringify(ids.map((customer_id) => ({ customer_id })))] });
const survivorsOfBatch = (ids: readonly (string | null)[]) => {
  const statement = batch(ids);
  return selectRows(db.dataSource, Type.Object({ start: Type.String(), id: Type.String() }), statement.sql, statement.parameters);
};

it('given twenty thousand customers, when a batch of ninety is followed through its merges, then each merged one is looked up by id, the table not read whole', async () => {
  const others = ((await db.dataSource.query('SELECT id::text FROM customers WHERE merged_into IS NULL AND id <> $1 LIMIT 89', [c])) as { id: string }[]).map((r) => r.id);
  const rows = await survivorsOfBatch([a, ...others]);
  expect(rows).toHaveLength(90);
  expect(rows.find((r) => r.start === a)?.id).toBe(c);
  expect(rows.filter((r) => r.start !== a).every((r) => r.start === r.id)).toBe(true);

  // Ninety lookups by id and the two merges followed; hashing every customer to meet them read all twenty thousand, twice.
  expect(await rowsScanned(db.dataSource, batch([a, ...others]), 'customers')).toBeLessThan(200);
  expect(await rowsScanned(db.dataSource, batch([a, ...others]), 'customers', { generic: true })).toBeLessThan(200);
});

it('given twenty thousand customers, when a consumer transaction copies ninety new tickets for the desk, then each is kept under the customer that carries it, the table not read whole', async () => {
  const others = ((await db.dataSource.query('SELECT id::text FROM customers WHERE merged_into IS NULL AND id <> $1 LIMIT 89 OFFSET 200', [c])) as { id: string }[]).map((r) => r.id);
  const tickets = [a, ...others].map((customerId, n) => ({
    ticketId: randomUUID(),
    number: `TK-20261207-${String(n).padStart(6, '0')}`,
    customerId,
    itemCode: 'repair.public_area',
    projectCode: 'P001',
    openedAt: new Date().toISOString(),
  }));
  const { db: recording, statements } = recordingQueries(db.dataSource);
  await rememberTickets(recording, tickets);
  expect(statements).toHaveLength(1);
  const [kept] = (await db.dataSource.query('SELECT customer_id::text FROM known_tickets WHERE ticket_id = $1', [tickets[0]?.ticketId])) as { customer_id: string }[];
  expect(kept?.customer_id).toBe(c);

  for (const statement of statements) {
    expect(await rowsScanned(db.dataSource, statement, 'customers')).toBeLessThan(200);
    expect(await rowsScanned(db.dataSource, statement, 'customers', { generic: true })).toBeLessThan(200);
  }
});

it('given seeds no customer has, none at all, or one twice, then the unknown ones carry nothing and a repeated one is walked for each time it is named', async () => {
  const rows = await survivorsOfBatch([randomUUID(), null, b, b]);
  expect(rows).toEqual([
    { start: b, id: c },
    { start: b, id: c },
  ]);
});

it(`given records merged into each other in a loop (written by hand), then the walk stops after ${MAX_MERGES} merges with no survivor for them`, async () => {
  const [x, y] = [randomUUID(), randomUUID()];
  await db.dataSource.transaction(async (tx) => {
    await tx.query('INSERT INTO customers (id) VALUES ($1), ($2)', [x, y]);
    await tx.query('UPDATE customers SET merged_into = $2 WHERE id = $1', [x, y]);
    await tx.query('UPDATE customers SET merged_into = $2 WHERE id = $1', [y, x]);
  });
  expect(await survivorsOfBatch([x, c])).toEqual([{ start: c, id: c }]);
});

it('given a phone whose first owner was merged away, then the reads of its holders find the survivor and look the records up by id, the table not read whole', async () => {
  const customers = new CustomerRepository(pii);
  const { db: recording, statements } = recordingQueries(db.dataSource);
  const search = { phone: PHONE, projects: ['P001'], preferredProject: 'P001' };
  expect((await customers.findByPhone(recording, PHONE)).map((found) => found.id)).toEqual([c]);
  expect(await customers.findHolderIds(recording, search)).toEqual([c]);
  expect((await customers.readHeldHolder(recording, c, search))?.picked).toBe(true);
  expect(statements).toHaveLength(3);
  for (const statement of statements) {
    expect(await rowsScanned(db.dataSource, statement, 'customers')).toBeLessThan(20);
    expect(await rowsScanned(db.dataSource, statement, 'customers', { generic: true })).toBeLessThan(20);
  }
});
