import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { testDataSource } from './admin-url.support.spec';

/** The texts prepared on the pool's one connection (a query without parameters is never prepared itself). */
async function prepared(dataSource: DataSource): Promise<string[]> {
  const rows = (await dataSource.query('SELECT statement FROM pg_prepared_statements ORDER BY prepare_time')) as { statement: string }[];
  return rows.map((r) => r.statement);
}

describe('prepared statements', () => {
  const schema = `prep_${randomUUID().slice(0, 8)}`;
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await testDataSource({ schema, poolSize: 1 }).initialize();
    await dataSource.query(`CREATE SCHEMA ${schema}`);
    await dataSource.query(`CREATE TABLE ${schema}.items (id integer PRIMARY KEY, v integer NOT NULL)`);
  });

  afterAll(async () => {
    await dataSource.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await dataSource.destroy();
  });

  it('prepares a statement with parameters from its second use, and answers it as before', async () => {
    const insert = 'INSERT INTO items (id, v) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET v = EXCLUDED.v';
    const read = 'SELECT v FROM items WHERE id = $1';
    await dataSource.query(insert, [1, 10]);
    expect(await prepared(dataSource)).not.toContain(insert);
    await dataSource.query(insert, [2, 20]);
    await dataSource.query(insert, [1, 11]);
    for (const id of [1, 2]) await dataSource.query(read, [id]);
    expect(await dataSource.query(read, [1])).toEqual([{ v: 11 }]);
    expect(await dataSource.query(read, [2])).toEqual([{ v: 20 }]);
    expect(await prepared(dataSource)).toEqual(expect.arrayContaining([insert, read]));
  });

  it('leaves whole-row reads and statements without parameters unprepared', async () => {
    const whole = 'SELECT * FROM items WHERE id = $1';
    const plain = 'SELECT count(*)::int AS n FROM items';
    for (let i = 0; i < 3; i += 1) {
      await dataSource.query(whole, [1]);
      await dataSource.query(plain);
    }
    expect(await prepared(dataSource)).not.toEqual(expect.arrayContaining([whole]));
    expect(await prepared(dataSource)).not.toEqual(expect.arrayContaining([plain]));
  });

  it('keeps a statement prepared through a rolled-back transaction', async () => {
    const bump = 'UPDATE items SET v = v + $2 WHERE id = $1';
    await expect(
      dataSource.transaction(async (tx) => {
        await tx.query(bump, [2, 1]);
        await tx.query(bump, [2, 1]);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await dataSource.transaction(async (tx) => tx.query(bump, [2, 5]));
    expect(await dataSource.query('SELECT v FROM items WHERE id = $1', [2])).toEqual([{ v: 25 }]);
    expect(await prepared(dataSource)).toContain(bump);
  });

  it('sends a statement unnamed for good once a migration changed what it returns', async () => {
    const read = 'SELECT v, id FROM items WHERE id = $1 AND v >= $2';
    await dataSource.query(read, [1, 0]);
    await dataSource.query(read, [1, 0]);
    expect(await prepared(dataSource)).toContain(read);
    await dataSource.query(`ALTER TABLE ${schema}.items ALTER COLUMN v TYPE bigint`);
    // Postgres refuses the statement as prepared once (its result type changed)…
    await expect(dataSource.query(read, [1, 0])).rejects.toMatchObject({ code: '0A000' });
    // …and from then on it is sent unnamed and answers with the new type.
    expect(await dataSource.query(read, [1, 0])).toEqual([{ v: '11', id: 1 }]);
    expect(await dataSource.query(read, [1, 0])).toEqual([{ v: '11', id: 1 }]);
  });

  it('plans a prepared statement for each execution’s values where asked to, and goes generic after five executions otherwise', async () => {
    const plans = async (source: DataSource, statement: string) =>
      ((await source.query('SELECT generic_plans::int AS generic, custom_plans::int AS custom FROM pg_prepared_statements WHERE statement = $1', [
        statement,
      ])) as { generic: number; custom: number }[])[0];
    const read = 'SELECT id FROM items WHERE v >= $1 ORDER BY id';
    for (let i = 0; i < 9; i += 1) await dataSource.query(read, [i]);
    expect((await plans(dataSource, read))?.generic).toBeGreaterThan(0);

    const eachTime = await testDataSource({ schema, poolSize: 1, planEachExecution: true }).initialize();
    try {
      for (let i = 0; i < 9; i += 1) await eachTime.query(read, [i]);
      expect(await plans(eachTime, read)).toEqual({ generic: 0, custom: 8 });
    } finally {
      await eachTime.destroy();
    }
  });

  it('prepares nothing when switched off', async () => {
    const off = await testDataSource({ schema, poolSize: 1, prepareStatements: false }).initialize();
    try {
      const read = 'SELECT id FROM items WHERE v > $1';
      for (let i = 0; i < 3; i += 1) await off.query(read, [0]);
      expect(await prepared(off)).toEqual([]);
    } finally {
      await off.destroy();
    }
  });
});
