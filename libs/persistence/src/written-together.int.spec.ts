import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { testDataSource } from './admin-url.support.spec';
import { type Queryable } from './typed-query';
import { type WritePart, writeTogether } from './written-together';

const owner = (id: string, name: string): WritePart => (bind) => `INSERT INTO owners (id, name) VALUES (${bind(id)}, ${bind(name)})`;
const item = (id: string, ownerId: string, at: Date, tags: string[], note: string | null): WritePart => (bind) =>
  `INSERT INTO items (id, owner_id, at, tags, note) VALUES (${bind(id)}, ${bind(ownerId)}, ${bind(at)}, ${bind(tags)}, ${bind(note)})`;

describe('several writes sent as one statement', () => {
  const schema = `written_${randomUUID().slice(0, 8)}`;
  let dataSource: DataSource;

  /** The data source, counting the statements sent through it. */
  const counted = (): { db: Queryable; statements: string[] } => {
    const statements: string[] = [];
    return {
      statements,
      db: { query: (sql, parameters) => (statements.push(sql), dataSource.query(sql, parameters)) },
    };
  };

  beforeAll(async () => {
    dataSource = await testDataSource({ schema, poolSize: 1 }).initialize();
    await dataSource.query(`CREATE SCHEMA ${schema}`);
    await dataSource.query(`CREATE TABLE ${schema}.owners (id uuid PRIMARY KEY, name text NOT NULL, items integer NOT NULL DEFAULT 0)`);
    await dataSource.query(
      `CREATE TABLE ${schema}.items (id uuid PRIMARY KEY, owner_id uuid NOT NULL REFERENCES ${schema}.owners (id), at timestamptz NOT NULL, tags text[] NOT NULL, note text)`,
    );
  });

  afterAll(async () => {
    await dataSource.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await dataSource.destroy();
  });

  it('writes every part in one statement, each value in its own column, a row referring to one another part inserts', async () => {
    const [a, b, i1, i2] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const at = new Date('2026-12-02T09:30:00.123Z');
    const { db, statements } = counted();
    // The items come first: the foreign key is checked at the statement's end, not part by part.
    await writeTogether(db, [item(i1, a, at, ['报修', '电梯'], '3栋电梯停在12楼'), item(i2, b, at, [], null), owner(a, '钱一'), owner(b, 'Zhao')]);

    expect(statements).toHaveLength(1);
    expect(await dataSource.query(`SELECT id::text, name FROM owners WHERE id = ANY($1::uuid[]) ORDER BY name`, [[a, b]])).toEqual([
      { id: b, name: 'Zhao' },
      { id: a, name: '钱一' },
    ]);
    expect(await dataSource.query(`SELECT id::text, owner_id::text, at, tags, note FROM items WHERE id = ANY($1::uuid[]) ORDER BY note NULLS LAST`, [[i1, i2]])).toEqual([
      { id: i1, owner_id: a, at, tags: ['报修', '电梯'], note: '3栋电梯停在12楼' },
      { id: i2, owner_id: b, at, tags: [], note: null },
    ]);
  });

  it('is one statement: a part that fails leaves none of the others written', async () => {
    const [a, i] = [randomUUID(), randomUUID()];
    const missingOwner = randomUUID();
    await expect(writeTogether(dataSource, [owner(a, '孙二'), item(i, missingOwner, new Date(), [], null)])).rejects.toThrow(/foreign key/);
    expect(await dataSource.query(`SELECT id FROM owners WHERE id = $1`, [a])).toEqual([]);
    expect(await dataSource.query(`SELECT id FROM items WHERE id = $1`, [i])).toEqual([]);
  });

  it('every part sees the tables as the statement began: an update does not see the row another part inserts', async () => {
    const a = randomUUID();
    await writeTogether(dataSource, [owner(a, '李三'), (bind) => `UPDATE owners SET items = items + 1 WHERE id = ${bind(a)}`]);
    expect(await dataSource.query(`SELECT items FROM owners WHERE id = $1`, [a])).toEqual([{ items: 0 }]);
  });

  it('a key two parts insert is a unique violation even with ON CONFLICT DO NOTHING; of two UPDATEs of one row only one takes effect', async () => {
    const a = randomUUID();
    const again = (bind: (value: unknown) => string) => `INSERT INTO owners (id, name) VALUES (${bind(a)}, ${bind('冯七')}) ON CONFLICT DO NOTHING`;
    await expect(writeTogether(dataSource, [owner(a, '郑六'), again])).rejects.toThrow(/duplicate key/);
    await writeTogether(dataSource, [owner(a, '郑六')]);
    const update = (items: number): WritePart => (bind) => `UPDATE owners SET items = ${bind(items)}::int WHERE id = ${bind(a)}`;
    await writeTogether(dataSource, [update(1), update(2)]);
    const [row] = (await dataSource.query(`SELECT items FROM owners WHERE id = $1`, [a])) as { items: number }[];
    expect([1, 2]).toContain(row!.items);
  });

  it('one part is sent as it is; no part sends nothing', async () => {
    const a = randomUUID();
    const { db, statements } = counted();
    await writeTogether(db, []);
    await writeTogether(db, [owner(a, '周四')]);
    expect(statements).toEqual([`INSERT INTO owners (id, name) VALUES ($1, $2)`]);
    expect(await dataSource.query(`SELECT name FROM owners WHERE id = $1`, [a])).toEqual([{ name: '周四' }]);
  });

  it('leaves out a part given as undefined, numbering the others\' values as if it were not there; only undefined parts send nothing', async () => {
    const [a, i] = [randomUUID(), randomUUID()];
    const { db, statements } = counted();
    await writeTogether(db, [undefined, undefined]);
    await writeTogether(db, [undefined, owner(a, '周五'), undefined, item(i, a, new Date('2026-12-02T00:00:00Z'), [], null)]);
    expect(statements).toEqual([
      'WITH w0 AS (INSERT INTO owners (id, name) VALUES ($1, $2))\nINSERT INTO items (id, owner_id, at, tags, note) VALUES ($3, $4, $5, $6, $7)',
    ]);
    expect(await dataSource.query(`SELECT owner_id::text AS owner FROM items WHERE id = $1`, [i])).toEqual([{ owner: a }]);
  });

  it('refuses a part that is not one INSERT, UPDATE or DELETE before sending anything', async () => {
    const { db, statements } = counted();
    const a = randomUUID();
    await expect(writeTogether(db, [owner(a, '吴五'), () => 'SELECT 1'])).rejects.toThrow(/one INSERT, UPDATE or DELETE: "SELECT 1"/);
    await expect(writeTogether(db, [() => `WITH x AS (DELETE FROM owners RETURNING id) INSERT INTO owners (id, name) SELECT id, 'x' FROM x`])).rejects.toThrow(
      /one INSERT, UPDATE or DELETE/,
    );
    expect(statements).toEqual([]);
  });
});
