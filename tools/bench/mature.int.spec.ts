import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { adminQuery, adminUrl } from '@cs/testing';
import { GrownTable, closedAfter, fillToMaturity } from './mature';

/** A database of the test's own, as the soak's copy has one: the fill writes into whatever tables it is given. */
const database = `bench_mature_${randomUUID().slice(0, 8)}`;
const url = (): string => {
  const u = new URL(adminUrl());
  u.pathname = `/${database}`;
  return u.toString();
};

async function query<Row>(sql: string): Promise<Row[]> {
  const client = new Client({ connectionString: url() });
  await client.connect();
  try {
    return (await client.query(sql)).rows as Row[];
  } finally {
    await client.end();
  }
}

const CUSTOMER = '11111111-1111-4111-8111-111111111111';
const MERGED = '22222222-2222-4222-8222-222222222222';
const INCIDENT = '33333333-3333-4333-8333-333333333333';

/** Two customers, one merged into the other, three orders pointing at them, and the events told of the orders by id as text. */
async function template(): Promise<void> {
  await query(`
    DROP SCHEMA IF EXISTS shop CASCADE;
    CREATE SCHEMA shop;
    CREATE TABLE shop.customers (id uuid PRIMARY KEY, phone_idx text NOT NULL UNIQUE, merged_into uuid REFERENCES shop.customers (id), created_at timestamptz NOT NULL);
    CREATE TABLE shop.orders (
      seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, id uuid NOT NULL UNIQUE, customer_id uuid NOT NULL REFERENCES shop.customers (id),
      number text NOT NULL UNIQUE, incident_id uuid, status text NOT NULL, placed_at timestamptz NOT NULL, closed_at timestamptz);
    CREATE TABLE shop.seen (event_id text PRIMARY KEY, kind text NOT NULL);
    INSERT INTO shop.customers VALUES ('${CUSTOMER}', 'aa', NULL, '2026-12-08T02:00:00Z'), ('${MERGED}', 'bb', '${CUSTOMER}', '2026-12-08T02:00:00Z');
    INSERT INTO shop.orders (id, customer_id, number, incident_id, status, placed_at)
      SELECT gen_random_uuid(), CASE WHEN n = 3 THEN '${MERGED}'::uuid ELSE '${CUSTOMER}'::uuid END, 'TK-' || n, '${INCIDENT}', 'new', '2026-12-08T02:00:00Z' FROM generate_series(1, 3) n;
    INSERT INTO shop.seen SELECT id::text, 'order' FROM shop.orders;`);
}

const SHOP: readonly GrownTable[] = [
  { table: 'shop.customers', own: { phone_idx: `t."phone_idx" || '/' || g` } },
  { table: 'shop.orders', kept: ['incident_id'], own: { number: `t."number" || '-' || g`, status: `'closed'`, closed_at: closedAfter('placed_at') } },
  { table: 'shop.seen', textIds: ['event_id'] },
];

beforeAll(async () => {
  await adminQuery(`CREATE DATABASE ${database}`);
});

beforeEach(template);

afterAll(async () => {
  await adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
});

describe('tables grown to a mature size', () => {
  it('given three orders of two customers, when grown to twelve orders over 30 days, then each copy’s rows point at each other, their times move back by a third of the span each, and kept ids and own values hold', async () => {
    const filled = await fillToMaturity(url(), { rows: 12, countedIn: 'shop.orders', spanDays: 30, tables: SHOP });

    expect(filled.copies).toBe(3);
    expect(filled.rows).toEqual({ 'shop.customers': 8, 'shop.orders': 12, 'shop.seen': 12 });
    expect(filled.notWritten).toEqual({});
    // Each copy's orders name a customer of the same copy, and its merged customer a survivor of the same copy.
    const copies = await query<{ shift: string; orders: number; own_customers: number; merged_to_own: number; events: number; incidents: number; closed: number }>(`
      SELECT date_trunc('second', '2026-12-08T02:00:00Z'::timestamptz - o.placed_at)::text AS shift, count(*)::int AS orders,
             count(*) FILTER (WHERE c.created_at = o.placed_at)::int AS own_customers,
             count(*) FILTER (WHERE m.created_at = o.placed_at)::int AS merged_to_own,
             count(s.event_id)::int AS events,
             count(*) FILTER (WHERE o.incident_id = '${INCIDENT}')::int AS incidents,
             count(*) FILTER (WHERE o.status = 'closed')::int AS closed
        FROM shop.orders o JOIN shop.customers c ON c.id = o.customer_id
        LEFT JOIN shop.customers m ON m.id = c.merged_into
        LEFT JOIN shop.seen s ON s.event_id = o.id::text
       GROUP BY 1 ORDER BY 1`);
    expect(copies).toEqual([
      { shift: '00:00:00', orders: 3, own_customers: 3, merged_to_own: 1, events: 3, incidents: 3, closed: 0 },
      { shift: '10 days', orders: 3, own_customers: 3, merged_to_own: 1, events: 3, incidents: 3, closed: 3 },
      { shift: '20 days', orders: 3, own_customers: 3, merged_to_own: 1, events: 3, incidents: 3, closed: 3 },
      { shift: '30 days', orders: 3, own_customers: 3, merged_to_own: 1, events: 3, incidents: 3, closed: 3 },
    ]);
    // The table numbered the copies itself; the template's rows are as they were.
    const [numbers] = await query<{ seqs: number; numbers: number; templates: string }>(
      `SELECT count(DISTINCT seq)::int AS seqs, count(DISTINCT number)::int AS numbers, string_agg(number, ',' ORDER BY number) FILTER (WHERE status = 'new') AS templates FROM shop.orders`,
    );
    expect(numbers).toEqual({ seqs: 12, numbers: 12, templates: 'TK-1,TK-2,TK-3' });
  });

  it('given more copies than a statement holds, when grown, then every copy is written once, as in one statement', async () => {
    const filled = await fillToMaturity(url(), { rows: 15, countedIn: 'shop.orders', spanDays: 4, tables: SHOP, rowsPerStatement: 3 });

    expect(filled.copies).toBe(4);
    expect(filled.rows).toEqual({ 'shop.customers': 10, 'shop.orders': 15, 'shop.seen': 15 });
    const [{ days }] = await query<{ days: number }>('SELECT count(DISTINCT placed_at)::int AS days FROM shop.orders');
    expect(days).toBe(5);
    // Copies moved back one to four days: closed three days after they opened, or by the template's time where that comes first.
    const [closed] = await query<{ shortest: string; longest: string; latest: boolean }>(
      `SELECT min(closed_at - placed_at)::text AS shortest, max(closed_at - placed_at)::text AS longest,
              max(closed_at) = '2026-12-08T02:00:00Z'::timestamptz AS latest FROM shop.orders WHERE closed_at IS NOT NULL`,
    );
    expect(closed).toEqual({ shortest: '1 day', longest: '3 days', latest: true });
  });

  it('given a copy whose unique number would repeat the template’s, when grown, then those rows are counted as not written and the rest of the fill goes on', async () => {
    const repeating: readonly GrownTable[] = [SHOP[0]!, { table: 'shop.orders', kept: ['incident_id'] }];

    const filled = await fillToMaturity(url(), { rows: 6, countedIn: 'shop.orders', spanDays: 1, tables: repeating });

    expect(filled.notWritten).toEqual({ 'shop.orders': 3 });
    expect(filled.rows).toEqual({ 'shop.customers': 4, 'shop.orders': 3 });
  });

  it('given grown tables, when the fill ends, then each is vacuumed and analysed, as autovacuum would have left a mature table, and a checkpoint has written them out', async () => {
    const [{ lsn }] = await query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');

    await fillToMaturity(url(), { rows: 6, countedIn: 'shop.orders', spanDays: 1, tables: SHOP });

    const [{ after }] = await query<{ after: boolean }>(`SELECT checkpoint_lsn > '${lsn}'::pg_lsn AS after FROM pg_control_checkpoint()`);
    expect(after).toBe(true);

    const stats = await query<{ relname: string; vacuumed: boolean; analysed: boolean }>(
      `SELECT relname, last_vacuum IS NOT NULL AS vacuumed, last_analyze IS NOT NULL AS analysed FROM pg_stat_user_tables WHERE schemaname = 'shop' ORDER BY relname`,
    );
    expect(stats).toEqual(['customers', 'orders', 'seen'].map((relname) => ({ relname, vacuumed: true, analysed: true })));
  });

  it('given no rows to copy, when asked to grow, then it fails saying the fill copies what a warm-up left', async () => {
    await query('TRUNCATE shop.seen, shop.orders, shop.customers');

    await expect(fillToMaturity(url(), { rows: 10, countedIn: 'shop.orders', spanDays: 1, tables: SHOP })).rejects.toThrow('shop.orders holds no rows to copy');
  });
});
