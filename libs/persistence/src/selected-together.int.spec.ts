import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { DataSource } from 'typeorm';
import { testDataSource } from './admin-url.support.spec';
import { selectPart, selectTogether } from './selected-together';
import { Nullable, RowShapeError, selectRows } from './typed-query';

const Event = Type.Object({
  id: Type.String(),
  owner: Type.Integer(),
  at: Type.Date(),
  done: Nullable(Type.Date()),
  tags: Type.Array(Type.String()),
  note: Nullable(Type.String()),
});

const EVENT_COLUMNS = 'id::text, owner, at, done, tags, note';

/** The events of the owners, latest first, as a part and as a query of its own. */
function latestEvents(params: unknown[], owners: number[], limit: number) {
  params.push(owners, limit);
  return selectPart(
    Event,
    `SELECT ${EVENT_COLUMNS} FROM events WHERE owner = ANY($${params.length - 1}::int[]) ORDER BY at DESC, id DESC LIMIT $${params.length}`,
    'at DESC, id DESC',
    (r) => ({ ...r, late: r.done !== null && r.done > r.at }),
  );
}

describe('several SELECTs answered in one statement', () => {
  const schema = `together_${randomUUID().slice(0, 8)}`;
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await testDataSource({ schema, poolSize: 1 }).initialize();
    await dataSource.query(`CREATE SCHEMA ${schema}`);
    await dataSource.query(`CREATE TABLE ${schema}.events (id uuid PRIMARY KEY, owner integer NOT NULL, at timestamptz NOT NULL, done timestamptz, tags jsonb NOT NULL, note text)`);
    // Microseconds that round up at the millisecond, a timestamp before 1970, NULLs, Chinese text and JSON.
    await dataSource.query(
      `INSERT INTO ${schema}.events (id, owner, at, done, tags, note) VALUES
         ('00000000-0000-4000-8000-000000000001', 1, '2026-11-30 09:00:00.123999+08', '2026-11-30 10:00:00.000001+08', '["报修"]', '电梯停在12楼'),
         ('00000000-0000-4000-8000-000000000002', 1, '2026-11-30 09:00:00.123999+08', NULL, '[]', NULL),
         ('00000000-0000-4000-8000-000000000003', 1, '1969-12-31 23:59:59.9995+00', NULL, '["a","b"]', 'old'),
         ('00000000-0000-4000-8000-000000000004', 2, '2026-12-01 08:30:00+08', '2026-12-01 08:00:00+08', '[]', 'early'),
         ('00000000-0000-4000-8000-000000000005', 3, '2026-12-02 00:00:00+00', NULL, '[]', 'x')`,
    );
  });

  afterAll(async () => {
    await dataSource.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await dataSource.destroy();
  });

  it('answers each part as its own query would, in its order, with the same Dates the driver makes', async () => {
    const params: unknown[] = [];
    const together = await selectTogether(dataSource, { first: latestEvents(params, [1], 10), second: latestEvents(params, [2, 3], 1) }, params);

    const alone = async (owners: number[], limit: number) =>
      (await selectRows(dataSource, Event, `SELECT ${EVENT_COLUMNS} FROM events WHERE owner = ANY($1::int[]) ORDER BY at DESC, id DESC LIMIT $2`, [owners, limit])).map(
        (r) => ({ ...r, late: r.done !== null && r.done > r.at }),
      );
    expect(together.first).toEqual(await alone([1], 10));
    expect(together.second).toEqual(await alone([2, 3], 1));
    expect(together.first.map((e) => e.id)).toEqual([
      '00000000-0000-4000-8000-000000000002',
      '00000000-0000-4000-8000-000000000001',
      '00000000-0000-4000-8000-000000000003',
    ]);
    const [, first, old] = together.first;
    expect(first!.at).toBeInstanceOf(Date);
    expect(first!.at.toISOString()).toBe('2026-11-30T01:00:00.123Z');
    expect(first!.done!.toISOString()).toBe('2026-11-30T02:00:00.000Z');
    expect(first).toMatchObject({ tags: ['报修'], note: '电梯停在12楼', late: true });
    expect(old!.at.getTime()).toBe((await alone([1], 10))[2]!.at.getTime());
    expect(together.second).toEqual([expect.objectContaining({ owner: 3, done: null, late: false })]);
  });

  it('answers an empty array for a part without rows', async () => {
    const params: unknown[] = [];
    const together = await selectTogether(dataSource, { none: latestEvents(params, [99], 5), some: latestEvents(params, [2], 5) }, params);
    expect(together.none).toEqual([]);
    expect(together.some.map((e) => e.note)).toEqual(['early']);
  });

  it('keeps the order the part declares, whatever order its SQL leaves the rows in', async () => {
    const oldestFirst = selectPart(Event, `SELECT ${EVENT_COLUMNS} FROM events ORDER BY at ASC, id ASC`, 'at DESC, id DESC', (r) => r.id.slice(-1));
    const newestFirst = selectPart(Event, `SELECT ${EVENT_COLUMNS} FROM events ORDER BY at ASC, id ASC`, 'at ASC, id ASC', (r) => r.id.slice(-1));
    await expect(selectTogether(dataSource, { oldestFirst, newestFirst }, [])).resolves.toEqual({
      oldestFirst: ['5', '4', '2', '1', '3'],
      newestFirst: ['3', '1', '2', '4', '5'],
    });
  });

  it('makes the same Dates in a session of another time zone', async () => {
    await dataSource.query(`SET TIME ZONE 'Asia/Shanghai'`);
    try {
      const params: unknown[] = [];
      const { all } = await selectTogether(dataSource, { all: latestEvents(params, [1, 2, 3], 10) }, params);
      const driver = await selectRows(dataSource, Event, `SELECT ${EVENT_COLUMNS} FROM events ORDER BY at DESC, id DESC`);
      expect(all.map((e) => [e.at.getTime(), e.done?.getTime() ?? null])).toEqual(driver.map((e) => [e.at.getTime(), e.done?.getTime() ?? null]));
    } finally {
      await dataSource.query('RESET TIME ZONE');
    }
  });

  it('refuses a date without a time in a Date column rather than guess its zone', async () => {
    const day = selectPart(Type.Object({ day: Type.Date() }), `SELECT (at AT TIME ZONE 'Asia/Shanghai')::date AS day FROM events`, 'day', (r) => r.day);
    await expect(selectTogether(dataSource, { day }, [])).rejects.toThrow(RowShapeError);
    await expect(selectTogether(dataSource, { day }, [])).rejects.toThrow(/\/day "\d{4}-\d\d-\d\d" is not a timestamp with a time zone/);
  });

  it('refuses a row that does not fit its part, naming the column', async () => {
    const drifted = selectPart(Type.Object({ id: Type.String(), owner: Type.String() }), 'SELECT id::text, owner FROM events', 'id', (r) => r);
    await expect(selectTogether(dataSource, { drifted }, [])).rejects.toThrow(RowShapeError);
    await expect(selectTogether(dataSource, { drifted }, [])).rejects.toThrow(/\/owner/);
  });

  it('refuses a part name or an order that is not plain, before any SQL', async () => {
    const params: unknown[] = [];
    await expect(selectTogether(dataSource, { 'x" FROM events; --': latestEvents(params, [1], 1) }, params)).rejects.toThrow(/not a plain identifier/);
    await expect(selectTogether(dataSource, {}, [])).rejects.toThrow(/at least one part/);
    expect(() => selectPart(Event, `SELECT ${EVENT_COLUMNS} FROM events`, 'at DESC; DROP TABLE events', (r) => r)).toThrow(/not a list of output columns/);
    expect(() => selectPart(Event, `SELECT ${EVENT_COLUMNS} FROM events`, 'lower(note)', (r) => r)).toThrow(/not a list of output columns/);
  });
});
