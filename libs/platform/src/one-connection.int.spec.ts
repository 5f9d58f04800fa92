import type { DataSource } from 'typeorm';
import { testDataSource } from '@cs/testing';
import { onOneConnection } from './one-connection';

let dataSource: DataSource;

beforeAll(async () => {
  dataSource = await testDataSource({ schema: 'public', poolSize: 3 }).initialize();
});

afterAll(async () => {
  await dataSource.destroy();
});

describe('several statements on one connection', () => {
  it('runs them all on the same backend, each in a transaction of its own', async () => {
    const seen = await onOneConnection(dataSource, async (manager) => {
      const pids: number[] = [];
      const transactions: string[] = [];
      for (let i = 0; i < 3; i++) {
        const [row] = (await manager.query('SELECT pg_backend_pid() AS pid, txid_current()::text AS xid')) as Array<{ pid: number; xid: string }>;
        pids.push(row!.pid);
        transactions.push(row!.xid);
      }
      return { pids, transactions };
    });
    expect(new Set(seen.pids).size).toBe(1);
    // Inside one transaction txid_current() would answer the same id three times.
    expect(new Set(seen.transactions).size).toBe(3);
  });

  it('gives the connection back to the pool, also when the work throws', async () => {
    await expect(
      onOneConnection(dataSource, async (manager) => {
        await manager.query('SELECT 1');
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    // A pool of three that lost a connection per call would be exhausted by the fourth.
    for (let i = 0; i < 5; i++) expect(await onOneConnection(dataSource, async (manager) => manager.query('SELECT 1 AS one'))).toEqual([{ one: 1 }]);
  });
});
