import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { selectRows } from '@cs/persistence';
import { ThrowawaySchema, rowsScanned, throwawaySchema } from '@cs/testing';
import { survivorsOf } from './customer-survivors';
import { MIGRATIONS } from './migrations';

let db: ThrowawaySchema;
const CUSTOMERS = 20_000;

beforeAll(async () => {
  db = await throwawaySchema('intake_survivors', MIGRATIONS);
  await db.dataSource.query(`INSERT INTO customers (id) SELECT gen_random_uuid() FROM generate_series(1, ${CUSTOMERS})`);
  await db.dataSource.query('ANALYZE customers');
});

afterAll(async () => {
  await db?.drop();
});

/** A batch's customers as a consumer transaction names them: a recordset, as intake's copy of new tickets reads its events. */
const SURVIVORS_OF_A_BATCH = `WITH RECURSIVE given AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS t (customer_id uuid)),
  ${survivorsOf('survivors', 'SELECT DISTINCT customer_id, 0 FROM given')}
  SELECT start::text, id::text FROM survivors ORDER BY start`;

it('given twenty thousand customers, when a batch of ninety is followed through its merges, then each merged one is looked up by id, the table not read whole', async () => {
  // C carries A and B: A was merged into B, then B into C.
  const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
  await db.dataSource.query('INSERT INTO customers (id) VALUES ($1)', [c]);
  await db.dataSource.query('INSERT INTO customers (id, merged_into) VALUES ($1, $2)', [b, c]);
  await db.dataSource.query('INSERT INTO customers (id, merged_into) VALUES ($1, $2)', [a, b]);
  const others = ((await db.dataSource.query('SELECT id::text FROM customers WHERE merged_into IS NULL AND id <> $1 LIMIT 89', [c])) as { id: string }[]).map((r) => r.id);
  const statement = { sql: SURVIVORS_OF_A_BATCH, parameters: [JSON.stringify([a, ...others].map((customer_id) => ({ customer_id })))] };

  const rows = await selectRows(db.dataSource, Type.Object({ start: Type.String(), id: Type.String() }), statement.sql, statement.parameters);
  expect(rows).toHaveLength(90);
  expect(rows.find((r) => r.start === a)?.id).toBe(c);
  expect(rows.filter((r) => r.start !== a).every((r) => r.start === r.id)).toBe(true);

  // Ninety lookups by id and the two merges followed; hashing every customer to meet them read all twenty thousand.
  expect(await rowsScanned(db.dataSource, statement, 'customers')).toBeLessThan(200);
  expect(await rowsScanned(db.dataSource, statement, 'customers', { generic: true })).toBeLessThan(200);
});
