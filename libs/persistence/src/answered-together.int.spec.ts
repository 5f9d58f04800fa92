import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import { testDataSource } from './admin-url.support.spec';
import { answeredTogether } from './answered-together';
import { sqlStateOf } from './sql-state';

describe('statements of a transaction answered together', () => {
  const schema = `together_${randomUUID().slice(0, 8)}`;
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await testDataSource({ schema, poolSize: 1 }).initialize();
    await dataSource.query(`CREATE SCHEMA ${schema}`);
    await dataSource.query(`CREATE TABLE ${schema}.notes (id uuid PRIMARY KEY, body text NOT NULL)`);
  });

  afterAll(async () => {
    await dataSource.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await dataSource.destroy();
  });

  const notes = async (id: string): Promise<unknown[]> => dataSource.query(`SELECT body FROM ${schema}.notes WHERE id = $1`, [id]);

  it('gives each answer in the order given, each statement seeing what the ones sent before it did', async () => {
    const id = randomUUID();
    const [written, read, count] = await dataSource.transaction((tx) =>
      answeredTogether(tx, () => [
        tx.query(`INSERT INTO ${schema}.notes (id, body) VALUES ($1, '电梯停在12楼') RETURNING id::text`, [id]) as Promise<{ id: string }[]>,
        tx.query(`SELECT body FROM ${schema}.notes WHERE id = $1`, [id]) as Promise<{ body: string }[]>,
        tx.query(`SELECT count(*)::int AS n FROM ${schema}.notes WHERE id = $1`, [id]) as Promise<{ n: number }[]>,
      ]),
    );
    expect({ written, read, count }).toEqual({ written: [{ id }], read: [{ body: '电梯停在12楼' }], count: [{ n: 1 }] });
    expect(await notes(id)).toEqual([{ body: '电梯停在12楼' }]);
  });

  it('fails with the statement that aborted the transaction, not the 25P02 of one sent after it that reached the caller first, and nothing is written', async () => {
    const id = randomUUID();
    // The failing statement's caller takes a while to pass its error on; the one after it does not.
    const issued = (tx: { query: (sql: string, parameters?: unknown[]) => Promise<unknown> }) => [
      tx.query(`INSERT INTO ${schema}.notes (id, body) VALUES ($1, 'kept only if committed')`, [id]),
      tx.query('SELECT 1 / 0 AS broken').catch(async (error: unknown) => {
        await delay(500);
        throw error;
      }),
      tx.query('SELECT 1 AS after'),
    ];
    // The echo comes first: Promise.all reports it.
    const echoed = await dataSource.transaction((tx) => Promise.all(issued(tx))).catch((error: unknown) => error);
    expect(sqlStateOf(echoed)).toBe('25P02');

    const caused = await dataSource.transaction((tx) => answeredTogether(tx, () => issued(tx))).catch((error: unknown) => error);
    expect({ state: sqlStateOf(caused), message: (caused as Error).message }).toEqual({ state: '22012', message: 'division by zero' });
    expect(await notes(id)).toEqual([]);
  });
});
