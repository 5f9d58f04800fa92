import { ThrowawaySchema, throwawaySchema } from '@cs/testing';
import { MIGRATIONS } from './migrations';
import { ItemDemandAppended1764830000000 } from './migrations/1764830000000-item-demand-appended';
import { countDemand, foldDemand, mostAskedItems } from './item-demand.repository';

let db: ThrowawaySchema;

beforeAll(async () => {
  db = await throwawaySchema('kn_demand', MIGRATIONS, { poolSize: 4 });
});

afterAll(async () => {
  await db.drop();
});

beforeEach(async () => {
  await db.dataSource.query('DELETE FROM item_demand');
  await db.dataSource.query('DELETE FROM item_demand_appended');
});

const seen = (minute: number) => `2026-11-30T08:${String(minute).padStart(2, '0')}:00.000Z`;
const count = async (table: string): Promise<number> => ((await db.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`)) as Array<{ n: number }>)[0]!.n;
const counted = (t: { itemCode: string; projectCode: string; seenAt: string }) => db.dataSource.transaction((tx) => countDemand(tx, [t]));

describe('demand per catalogue item, appended and folded', () => {
  it('given a consumer counting a ticket in a transaction still open, when another counts the same item of the same project, then it does not wait for the first', async () => {
    const runner = db.dataSource.createQueryRunner();
    await runner.startTransaction();
    try {
      await countDemand(runner.manager, [{ itemCode: 'repair.lift', projectCode: 'P001', seenAt: seen(1) }]);
      // With one row per item and project, this waited for the open transaction's row lock.
      await db.dataSource.transaction(async (tx) => {
        await tx.query("SET LOCAL lock_timeout = '500ms'");
        await countDemand(tx, [{ itemCode: 'repair.lift', projectCode: 'P001', seenAt: seen(2) }]);
      });
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
    expect(await mostAskedItems(db.dataSource.manager, undefined, 10)).toEqual([{ itemCode: 'repair.lift', tickets: 2, lastSeenAt: new Date(seen(2)) }]);
  });

  it('given tickets appended over items and projects, when folded twice at once (as two replicas may), then one row per item and project holds the same counts', async () => {
    const tickets = [
      ...Array.from({ length: 5 }, (_, i) => ({ itemCode: 'repair.lift', projectCode: 'P001', seenAt: seen(10 + i) })),
      ...Array.from({ length: 3 }, (_, i) => ({ itemCode: 'repair.lift', projectCode: 'P002', seenAt: seen(20 + i) })),
      ...Array.from({ length: 4 }, (_, i) => ({ itemCode: 'consult.fee', projectCode: '', seenAt: seen(30 + i) })),
    ];
    for (const t of tickets) await counted(t);
    const before = await mostAskedItems(db.dataSource.manager, undefined, 10);
    expect(before).toEqual([
      { itemCode: 'repair.lift', tickets: 8, lastSeenAt: new Date(seen(22)) },
      { itemCode: 'consult.fee', tickets: 4, lastSeenAt: new Date(seen(33)) },
    ]);

    const moved = await Promise.all([foldDemand(db.dataSource.manager, 100), foldDemand(db.dataSource.manager, 100)]);

    expect(moved[0] + moved[1]).toBe(12);
    expect(await mostAskedItems(db.dataSource.manager, undefined, 10)).toEqual(before);
    // A user of P002 sees its demand and that of tickets tied to no project.
    expect(await mostAskedItems(db.dataSource.manager, ['P002'], 10)).toEqual([
      { itemCode: 'consult.fee', tickets: 4, lastSeenAt: new Date(seen(33)) },
      { itemCode: 'repair.lift', tickets: 3, lastSeenAt: new Date(seen(22)) },
    ]);
    expect({ rows: await count('item_demand'), appended: await count('item_demand_appended') }).toEqual({ rows: 3, appended: 0 });
    expect(await foldDemand(db.dataSource.manager, 100)).toBe(0);
  });

  it('given a transaction’s tickets counted together, then each item and project is one appended row, and the demand read and folded is what one row per ticket gives', async () => {
    const tickets = [
      { itemCode: 'repair.lift', projectCode: 'P001', seenAt: seen(12) },
      { itemCode: 'repair.lift', projectCode: 'P001', seenAt: seen(10) },
      { itemCode: 'repair.lift', projectCode: 'P002', seenAt: seen(11) },
      { itemCode: 'consult.fee', projectCode: '', seenAt: seen(13) },
      { itemCode: 'repair.lift', projectCode: 'P001', seenAt: seen(11) },
    ];
    for (const t of tickets) await counted(t);
    const oneByOne = await mostAskedItems(db.dataSource.manager, ['P001'], 10);
    await db.dataSource.query('DELETE FROM item_demand_appended');

    await db.dataSource.transaction((tx) => countDemand(tx, tickets));

    expect(await count('item_demand_appended')).toBe(3);
    expect(oneByOne).toEqual([
      { itemCode: 'repair.lift', tickets: 3, lastSeenAt: new Date(seen(12)) },
      { itemCode: 'consult.fee', tickets: 1, lastSeenAt: new Date(seen(13)) },
    ]);
    expect(await mostAskedItems(db.dataSource.manager, ['P001'], 10)).toEqual(oneByOne);
    expect(await foldDemand(db.dataSource.manager, 100)).toBe(3);
    expect(await mostAskedItems(db.dataSource.manager, ['P001'], 10)).toEqual(oneByOne);
    await db.dataSource.transaction((tx) => countDemand(tx, []));
    expect(await count('item_demand_appended')).toBe(0);
  });

  it('given more appended rows than a fold takes, when folded, then it moves at most that many and says how many it moved', async () => {
    for (const itemCode of ['a.one', 'b.two', 'c.three']) await counted({ itemCode, projectCode: 'P001', seenAt: seen(40) });
    expect(await foldDemand(db.dataSource.manager, 2)).toBe(2);
    expect(await foldDemand(db.dataSource.manager, 2)).toBe(1);
    expect((await mostAskedItems(db.dataSource.manager, undefined, 10)).map((d) => d.tickets)).toEqual([1, 1, 1]);
  });

  it('given the release before still counting into the item’s row while this one rolls out, then both releases’ counts are summed', async () => {
    const previousRelease = (seenAt: string) =>
      db.dataSource.query(
        `INSERT INTO item_demand (item_code, project_code, tickets, last_seen_at) VALUES ('repair.lift', 'P001', 1, $1)
         ON CONFLICT (item_code, project_code) DO UPDATE
           SET tickets = item_demand.tickets + 1, last_seen_at = greatest(item_demand.last_seen_at, excluded.last_seen_at)`,
        [seenAt],
      );
    await previousRelease(seen(45));
    await counted({ itemCode: 'repair.lift', projectCode: 'P001', seenAt: seen(46) });
    await previousRelease(seen(47));
    expect(await mostAskedItems(db.dataSource.manager, undefined, 10)).toEqual([{ itemCode: 'repair.lift', tickets: 3, lastSeenAt: new Date(seen(47)) }]);
    await foldDemand(db.dataSource.manager, 100);
    expect(await mostAskedItems(db.dataSource.manager, undefined, 10)).toEqual([{ itemCode: 'repair.lift', tickets: 3, lastSeenAt: new Date(seen(47)) }]);
  });

  it('given appended rows, when the migration is undone, then they are folded into their item’s row first; and up again, counting appends', async () => {
    await counted({ itemCode: 'repair.lift', projectCode: 'P001', seenAt: seen(50) });
    await foldDemand(db.dataSource.manager, 100);
    for (const minute of [51, 52]) await counted({ itemCode: 'repair.lift', projectCode: 'P001', seenAt: seen(minute) });
    const runner = db.dataSource.createQueryRunner();
    try {
      const migration = new ItemDemandAppended1764830000000();
      await runner.startTransaction();
      await migration.down(runner);
      expect(await runner.query('SELECT item_code, project_code, tickets FROM item_demand')).toEqual([{ item_code: 'repair.lift', project_code: 'P001', tickets: 3 }]);
      await migration.up(runner);
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
    await counted({ itemCode: 'repair.lift', projectCode: 'P001', seenAt: seen(53) });
    expect(await count('item_demand_appended')).toBe(1);
    expect(await mostAskedItems(db.dataSource.manager, undefined, 10)).toEqual([{ itemCode: 'repair.lift', tickets: 4, lastSeenAt: new Date(seen(53)) }]);
  });
});
