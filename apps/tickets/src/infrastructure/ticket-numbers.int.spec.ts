import { ThrowawaySchema, throwawaySchema } from '@cs/testing';
import { MIGRATIONS } from './migrations';
import { TicketNumberSequence1764810000000 } from './migrations/1764810000000-ticket-number-sequence';
import { nextTicketNumber } from './ticket-numbers';

const cst = (local: string) => new Date(`${local}+08:00`);

let db: ThrowawaySchema;

beforeAll(async () => {
  db = await throwawaySchema('tickets_numbers', MIGRATIONS, { poolSize: 4 });
});

afterAll(async () => {
  await db.drop();
});

describe('ticket numbers', () => {
  it('numbers each China-time day from 1 on, increasing (a late ticket of the day before skips what the new day drew)', async () => {
    const draw = (at: Date) => db.dataSource.transaction((tx) => nextTicketNumber(tx, at));
    expect([await draw(cst('2026-03-02T09:00:00')), await draw(cst('2026-03-02T23:59:00')), await draw(cst('2026-03-03T00:01:00')), await draw(cst('2026-03-02T10:00:00'))]).toEqual([
      'TK-20260302-000001',
      'TK-20260302-000002',
      'TK-20260303-000001',
      'TK-20260302-000005',
    ]);
  });

  it('lets an open transaction number a ticket without waiting for another that numbered one and is still open', async () => {
    const at = cst('2026-04-01T10:00:00');
    await db.dataSource.transaction((tx) => nextTicketNumber(tx, at));
    let releaseFirst!: () => void;
    const firstHolds = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstNumbered!: (number: string) => void;
    const firstNumber = new Promise<string>((resolve) => (firstNumbered = resolve));
    const first = db.dataSource.transaction(async (tx) => {
      firstNumbered(await nextTicketNumber(tx, at));
      await firstHolds;
    });
    const taken = await firstNumber;
    try {
      // With a counter row locked until commit, this would wait for the first transaction to end.
      const second = await db.dataSource.transaction(async (tx) => {
        await tx.query("SET LOCAL lock_timeout = '2s'");
        return nextTicketNumber(tx, at);
      });
      expect([taken, second]).toEqual(['TK-20260401-000002', 'TK-20260401-000003']);
    } finally {
      releaseFirst();
      await first;
    }
  });

  it('gives distinct numbers to many openings at once', async () => {
    const at = cst('2026-05-06T10:00:00');
    const numbers = await Promise.all(Array.from({ length: 40 }, () => db.dataSource.transaction((tx) => nextTicketNumber(tx, at))));
    expect(new Set(numbers).size).toBe(40);
    expect(numbers.every((n) => /^TK-20260506-0000[0-4]\d$/.test(n))).toBe(true);
  });

  it('goes on after the last number a day had before numbers came from the sequence, and moves the counters the release before still uses far above', async () => {
    const runner = db.dataSource.createQueryRunner();
    try {
      const migration = new TicketNumberSequence1764810000000();
      await runner.startTransaction();
      await migration.down(runner);
      await runner.query("INSERT INTO ticket_number_counters (day, last) VALUES ('20260707', 41) ON CONFLICT (day) DO UPDATE SET last = 41");
      await migration.up(runner);
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
    expect(await db.dataSource.transaction((tx) => nextTicketNumber(tx, cst('2026-07-07T10:00:00')))).toBe('TK-20260707-000042');
    expect(await db.dataSource.transaction((tx) => nextTicketNumber(tx, cst('2026-07-08T10:00:00')))).toBe('TK-20260708-000001');
    const counters = (await db.dataSource.query("SELECT day, last FROM ticket_number_counters WHERE day = '20260707'")) as { day: string; last: number }[];
    expect(counters).toEqual([{ day: '20260707', last: 1_000_041 }]);
    // Today in China, which a rollout may still number with the counters, starts a million up too.
    const [today] = (await db.dataSource.query("SELECT last FROM ticket_number_counters WHERE day = to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD')")) as { last: number }[];
    expect(today!.last).toBeGreaterThanOrEqual(1_000_000);
  });
});
