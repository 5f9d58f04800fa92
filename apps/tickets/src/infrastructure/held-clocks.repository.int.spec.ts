import type { EntityManager } from 'typeorm';
import { type ThrowawaySchema, buffersRead, recordingQueries, throwawaySchema } from '@cs/testing';
import { HeldClockRepository } from './held-clocks.repository';
import { MIGRATIONS } from './migrations';
import { seedTicketCopies } from './migrations/many-tickets.support.spec';

/**
 * The held sweep's batch (ADR 0130, 0165) on a tickets table the size where a plan shows whether
 * it is read by the held rows or walked whole: twenty thousand tickets, some thousands of them held
 * by a calendar that still refuses them at its version (tried there, awaiting its next), and a few
 * awaiting a try.
 */
let db: ThrowawaySchema;
const TICKETS = 20_000;
const REFUSED = 5_000;
const held = new HeldClockRepository();
let awaiting: string[];

beforeAll(async () => {
  db = await throwawaySchema('held_clocks_sweep', MIGRATIONS);
  await seedTicketCopies(db, TICKETS - 1, new Date('2026-12-05T01:00:00Z'), `'created_at', t.created_at - g * interval '1 minute'`);
  // The default calendar is at version 1: tried at 1, a row awaits version 2; tried at 0, it awaits a try.
  await db.dataSource.query(`INSERT INTO held_clocks (ticket_id, calendar_id, tried_version) SELECT id, 'default', 1 FROM tickets ORDER BY id LIMIT $1`, [REFUSED]);
  const rows = (await db.dataSource.query(
    `INSERT INTO held_clocks (ticket_id, calendar_id) SELECT id, 'default' FROM tickets WHERE id NOT IN (SELECT ticket_id FROM held_clocks) ORDER BY id DESC LIMIT 3 RETURNING ticket_id::text AS id`,
  )) as { id: string }[];
  awaiting = rows.map((r) => r.id).sort();
  await db.dataSource.query('ANALYZE held_clocks');
}, 240_000);

afterAll(async () => {
  await db?.drop();
});

const sweeping = <T>(run: (tx: EntityManager) => Promise<T>): Promise<T> => db.dataSource.transaction(run);

describe('HeldClockRepository.awaitingTry on many tickets', () => {
  it(`given ${TICKETS} tickets, ${REFUSED} held by a calendar still refusing them and 3 awaiting a try, then the batch is those 3 and locking their tickets reads the held rows and those tickets, not the tickets table in id order (custom and generic plans)`, async () => {
    const { db: recording, statements } = recordingQueries(db.dataSource);
    const batch = await held.awaitingTry(recording as unknown as EntityManager, new Date(), 50);
    expect(batch.map((h) => h.ticketId)).toEqual(awaiting);

    const found = statements.find((s) => /FOR UPDATE/.test(s.sql))!;
    // A prepared statement is given its values written out: the instant as Postgres reads it.
    const lock = { sql: found.sql, parameters: found.parameters.map((p) => (p instanceof Date ? p.toISOString() : p)) };
    // The held rows' table is some 30 pages; walking tickets' primary key for the 3 reads over 20,000.
    expect(await buffersRead(db.dataSource, lock)).toBeLessThan(500);
    expect(await buffersRead(db.dataSource, lock, { generic: true })).toBeLessThan(500);
  });

  it('given a ticket awaiting a try that another transaction holds, then the batch passes it by and takes the next, up to the limit, in ticket order', async () => {
    const [first, second, third] = awaiting as [string, string, string];
    const runner = db.dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      await runner.query('SELECT id FROM tickets WHERE id = $1 FOR UPDATE', [first]);
      const batch = await sweeping((tx) => held.awaitingTry(tx, new Date(), 1));
      expect(batch.map((h) => h.ticketId)).toEqual([second]);
      const rest = await sweeping((tx) => held.awaitingTry(tx, new Date(), 5));
      expect(rest.map((h) => h.ticketId)).toEqual([second, third]);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
