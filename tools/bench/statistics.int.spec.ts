import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { adminQuery, adminUrl } from '@cs/testing';
import { analyzedHalfwayThrough } from './statistics';

/** A database of the test's own, as the benchmark's copy has: the step analyses a whole database. */
const database = `bench_statistics_${randomUUID().slice(0, 8)}`;
const copyUrl = (): string => {
  const url = new URL(adminUrl());
  url.pathname = `/${database}`;
  return url.toString();
};

/** One query on the test's own database (`adminQuery` asks the server's). */
async function query<Row>(url: string, sql: string): Promise<Row[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as Row[];
  } finally {
    await client.end();
  }
}

/** What the planner knows of the table's size: -1 until it is first analysed. */
const reltuples = async (): Promise<number> => (await query<{ n: number }>(copyUrl(), "SELECT reltuples::int AS n FROM pg_class WHERE relname = 'contacts'"))[0]!.n;

beforeAll(async () => {
  await adminQuery(`CREATE DATABASE ${database}`);
  // Autovacuum off on the table: its first round would analyse it whenever it came.
  await query(copyUrl(), 'CREATE TABLE contacts (id int PRIMARY KEY) WITH (autovacuum_enabled = off); INSERT INTO contacts SELECT generate_series(1, 1000)');
});

afterAll(async () => {
  await adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
});

describe('the warm-up analysed halfway through', () => {
  it('given tables never analysed, when a two-second warm-up runs, then they are analysed while it runs, not in its first half, and its result is the load’s', async () => {
    const seen: number[] = [];
    // A warm-up that goes on until it sees the tables analysed: one analysed only after it would never end it.
    const warmUp = (async () => {
      seen.push(await reltuples());
      while (seen.at(-1) !== 1000) {
        await sleep(100);
        seen.push(await reltuples());
      }
      return 'warm';
    })();
    const analysed = analyzedHalfwayThrough(copyUrl(), 2, warmUp);
    await sleep(500);
    // The analysis starts at the warm-up's half, a second in: a stall can only delay it.
    expect(await reltuples()).toBe(-1);
    await expect(analysed).resolves.toBe('warm');
    expect(seen.at(-1)).toBe(1000);
  }, 15_000);

  it('given a warm-up that fails, then the step fails with its error and analyses nothing', async () => {
    await query(copyUrl(), 'CREATE TABLE refused (id int) WITH (autovacuum_enabled = off); INSERT INTO refused VALUES (1)');
    const failing = sleep(100).then(() => {
      throw new Error('intake refused the warm-up');
    });
    await expect(analyzedHalfwayThrough(copyUrl(), 0.5, failing)).rejects.toThrow('intake refused the warm-up');
    await sleep(400);
    expect(await query<{ n: number }>(copyUrl(), "SELECT reltuples::int AS n FROM pg_class WHERE relname = 'refused'")).toEqual([{ n: -1 }]);
  });
});
