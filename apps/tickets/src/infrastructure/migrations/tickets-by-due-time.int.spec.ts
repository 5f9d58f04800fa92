import { ThrowawaySchema, applyMigration, recordingQueries, throwawaySchema } from '@cs/testing';
import { MIGRATIONS } from '.';
import { PagePosition, TicketPageQuery, TicketRepository } from '../ticket.repository';
import { TicketsByDueTime1766620000000 } from './1766620000000-tickets-by-due-time';
import { seedTicketCopies } from './many-tickets.support.spec';

let db: ThrowawaySchema;
const tickets = new TicketRepository();
const TOTAL = 20_001;

beforeAll(async () => {
  db = await throwawaySchema('tickets_by_due', MIGRATIONS.filter((m) => m !== TicketsByDueTime1766620000000));
  // Twenty thousand copies of a ticket: one in three due at one of a hundred minutes (many due together), the rest with no due time (resolved, closed, waiting).
  await seedTicketCopies(
    db,
    TOTAL - 1,
    new Date('2026-12-05T01:00:00Z'),
    `'next_due_at', CASE WHEN g % 3 = 0 THEN t.next_due_at + (g % 100) * interval '1 minute' END`,
    new Date('2026-12-05T03:00:00Z'),
  );
});

afterAll(async () => {
  await db?.drop();
});

const query = (after?: PagePosition): TicketPageQuery => ({ criteria: { visibleTo: {} }, sort: 'due', limit: 50, ...(after ? { after } : {}) });

/** The plan of the page statement the repository sends. */
async function planOf(after?: PagePosition): Promise<string> {
  const { db: recording, statements } = recordingQueries(db.dataSource);
  await tickets.page(recording, query(after));
  const statement = statements.find((s) => /FROM tickets/.test(s.sql))!;
  const [row] = (await db.dataSource.query(`EXPLAIN (FORMAT JSON) ${statement.sql}`, statement.parameters)) as { 'QUERY PLAN': unknown }[];
  return JSON.stringify(row!['QUERY PLAN']);
}

describe('migration 1766620000000 (tickets by due time)', () => {
  it('given twenty thousand tickets, then every page by due time — the first, one after a due ticket, one after the undated — is read from the index, not sorted from all of them', async () => {
    const dated = { key: '2026-12-05T03:30:00.000Z', id: '00000000-0000-0000-0000-000000000000' };
    const undated = { key: null, id: '80000000-0000-0000-0000-000000000000' };
    for (const after of [undefined, dated, undated]) expect(await planOf(after)).toContain('"Node Type":"Sort"');

    await applyMigration(db, TicketsByDueTime1766620000000);

    for (const after of [undefined, dated, undated]) {
      const plan = await planOf(after);
      expect(plan).toContain('"Index Name":"tickets_due_order_idx"');
      expect(plan).not.toContain('"Node Type":"Sort"');
      expect(plan).not.toContain('"Node Type":"Seq Scan"');
    }
  });

  it('given pages followed to the end, then every ticket comes once, due first by time and id, the undated last by id', async () => {
    const seen: { id: string; due: number | null }[] = [];
    let after: PagePosition | undefined;
    do {
      const page = await tickets.page(db.dataSource.manager, { ...query(after), limit: 500 });
      seen.push(...page.tickets.map((t) => ({ id: t.id, due: null as number | null })));
      after = page.next;
    } while (after);
    const stored = (await db.dataSource.query('SELECT id::text, next_due_at FROM tickets ORDER BY next_due_at ASC NULLS LAST, id ASC')) as { id: string }[];
    expect(seen.map((t) => t.id)).toEqual(stored.map((r) => r.id));
    expect(new Set(seen.map((t) => t.id)).size).toBe(TOTAL);
  });
});
