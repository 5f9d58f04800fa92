import { ThrowawaySchema, applyMigration, throwawaySchema } from '@cs/testing';
import { MIGRATIONS } from '.';
import { TicketsByCreation1766600000000 } from './1766600000000-tickets-by-creation';
import { seedTicketCopies } from './many-tickets.support.spec';

let db: ThrowawaySchema;

beforeAll(async () => {
  db = await throwawaySchema('tickets_by_creation', MIGRATIONS.filter((m) => m !== TicketsByCreation1766600000000));
  // Twenty thousand copies of a ticket, each received a minute before the one after.
  await seedTicketCopies(db, 20_000, new Date('2026-11-30T01:00:00Z'), `'created_at', t.created_at - g * interval '1 minute'`);
});

afterAll(async () => {
  await db?.drop();
});

/** The plan of the desk's default page: the newest tickets first, a page and one more. */
async function planOfNewestPage(): Promise<string> {
  const [row] = (await db.dataSource.query('EXPLAIN (FORMAT JSON) SELECT * FROM tickets ORDER BY created_at DESC, id DESC LIMIT 51')) as { 'QUERY PLAN': unknown }[];
  return JSON.stringify(row!['QUERY PLAN']);
}

describe('migration 1766600000000 (tickets by creation)', () => {
  it('given twenty thousand tickets, then the newest page is read from the top of the index, not sorted from all of them', async () => {
    expect(await planOfNewestPage()).toContain('"Node Type":"Sort"');
    await applyMigration(db, TicketsByCreation1766600000000);
    const plan = await planOfNewestPage();
    expect(plan).toContain('"Index Name":"tickets_created_idx"');
    expect(plan).not.toContain('"Node Type":"Sort"');
  });
});
