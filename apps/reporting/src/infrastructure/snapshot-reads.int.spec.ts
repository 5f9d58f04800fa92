import type { DataSource, EntityManager } from 'typeorm';

import { testDataSource } from '@cs/testing';
import { isDependencyFailure } from '@cs/platform';
import { SnapshotReads } from './snapshot-reads';

const TABLE = 'snapshot_reads_probe';
const opened: DataSource[] = [];

async function pool(poolSize: number): Promise<DataSource> {
  const dataSource = await testDataSource({ schema: 'public', poolSize }).initialize();
  opened.push(dataSource);
  return dataSource;
}

const pid = async (db: EntityManager): Promise<number> => ((await db.query('SELECT pg_backend_pid() AS pid')) as Array<{ pid: number }>)[0]!.pid;
const count = async (db: EntityManager): Promise<number> => ((await db.query(`SELECT count(*)::int AS n FROM ${TABLE}`)) as Array<{ n: number }>)[0]!.n;

let writer: DataSource;

beforeAll(async () => {
  writer = await pool(2);
  await writer.query(`DROP TABLE IF EXISTS ${TABLE}`);
  await writer.query(`CREATE TABLE ${TABLE} (n integer)`);
});

afterAll(async () => {
  await writer.query(`DROP TABLE IF EXISTS ${TABLE}`);
  for (const dataSource of opened) await dataSource.destroy();
});

describe('a read of one snapshot with a part alongside', () => {
  it('runs the part on a second connection that sees exactly what the read sees, not what committed since', async () => {
    const reads = new SnapshotReads(await pool(3));
    const before = await count(writer.manager);
    const seen = await reads.read(async (tx, alongside) => {
      const inRead = await count(tx);
      await writer.query(`INSERT INTO ${TABLE} VALUES (1)`);
      const part = await alongside(async (db) => ({ n: await count(db), pid: await pid(db) }));
      return { inRead, part, readPid: await pid(tx), readAgain: await count(tx) };
    });
    expect(seen.inRead).toBe(before);
    expect(seen.part.n).toBe(before);
    expect(seen.readAgain).toBe(before);
    expect(seen.part.pid).not.toBe(seen.readPid);
    expect(await count(writer.manager)).toBe(before + 1);
  });

  it('reads only: a part that writes is refused', async () => {
    const reads = new SnapshotReads(await pool(3));
    await expect(reads.read(async (_tx, alongside) => alongside((db) => db.query(`INSERT INTO ${TABLE} VALUES (2)`)))).rejects.toThrow(/read-only transaction/);
  });

  it('never holds every connection of the pool while waiting for a second: many reads at once on a pool of two all finish', async () => {
    const reads = new SnapshotReads(await pool(2));
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        reads.read(async (tx, alongside) => {
          const [own, part] = await Promise.all([tx.query('SELECT pg_sleep(0.02), $1::int AS i', [i]), alongside(async (db) => pid(db))]);
          return { i: (own as Array<{ i: number }>)[0]!.i, part };
        }),
      ),
    );
    expect(results.map((r) => r.i)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('given a read that asks for no parts, runs what it gives alongside in the read itself, on its one connection', async () => {
    const reads = new SnapshotReads(await pool(3));
    const pids = await reads.read(async (tx, alongside) => ({ read: await pid(tx), part: await alongside((db) => pid(db)) }), false);
    expect(pids.part).toBe(pids.read);
  });

  it('with a pool of one, runs the part in the read itself', async () => {
    const reads = new SnapshotReads(await pool(1));
    const pids = await reads.read(async (tx, alongside) => ({ read: await pid(tx), part: await alongside((db) => pid(db)) }));
    expect(pids.part).toBe(pids.read);
  });

  it('waits for a running part when the read throws, and gives both connections back', async () => {
    const dataSource = await pool(2);
    const reads = new SnapshotReads(dataSource);
    let partFinished = false;
    await expect(
      reads.read(async (_tx, alongside) => {
        void alongside(async (db) => {
          await db.query('SELECT pg_sleep(0.1)');
          partFinished = true;
        });
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(partFinished).toBe(true);
    // A pool of two that lost a connection would have none for the next read's part (and fail after the 5 s wait).
    for (let i = 0; i < 3; i++) expect(await reads.read(async (_tx, alongside) => alongside(async (db) => count(db)))).toBeGreaterThanOrEqual(0);
  });

  it('given every turn of the pool taken, when another read waits longer than the pool lets a query wait for a connection, then it fails as a dependency failure without ever running', async () => {
    // The pool opens its connections under the tests' own bound, which a busy machine may need (pg
    // copied its options); the reads are told the pool lets a query wait 300 ms, the bound under test.
    const dataSource = await pool(2);
    Object.assign(dataSource.options.extra as object, { connectionTimeoutMillis: 300 });
    const reads = new SnapshotReads(dataSource);
    let lateRan = false;
    let longEnded = false;
    const long = reads.read(async (tx) => tx.query('SELECT pg_sleep(1)')).finally(() => {
      longEnded = true;
    });
    const late = reads.read(async () => {
      lateRan = true;
    });
    const error: unknown = await late.then(
      () => undefined,
      (e: unknown) => e,
    );
    // Failed while the long read still ran: it did not wait for that read's connection.
    expect(longEnded).toBe(false);
    expect(isDependencyFailure(error)).toBe(true);
    await long;
    expect(await reads.read(async (_tx, alongside) => alongside(async (db) => count(db)))).toBeGreaterThanOrEqual(0);
    expect(lateRan).toBe(false);
  });
});
