import { randomUUID } from 'node:crypto';
import { ThrowawaySchema, applyMigration, throwawaySchema } from '@cs/testing';
import { MIGRATIONS } from '.';
import { GapTicketCount1766510000000, GapTicketsCut1766515000000 } from './1766510000000-gap-ticket-count';

let db: ThrowawaySchema;

beforeAll(async () => {
  db = await throwawaySchema('knowledge_gap_ticket_count', MIGRATIONS.filter((m) => m !== GapTicketCount1766510000000 && m !== GapTicketsCut1766515000000));
});

afterAll(async () => {
  await db?.drop();
});

async function gapListing(tickets: number): Promise<string> {
  const id = randomUUID();
  await db.dataSource.query(
    `INSERT INTO knowledge_gaps (id, source, status, item_code, tokens, sample, occurrences, ticket_ids, opened_at, last_seen_at)
     VALUES ($1, 'consultation', 'open', 'consultation.other', '{游泳池}', '游泳池几点开放', $2, $3, now(), now())`,
    [id, tickets, Array.from({ length: tickets }, (_, n) => `T-${n}`)],
  );
  return id;
}

describe('migrations 1766510000000 and 1766515000000 (a gap lists its latest 100 tickets and counts them all)', () => {
  it('given a gap listing more than 100 tickets and one listing fewer, then the first keeps its latest 100 and its count; the other is as it was', async () => {
    const many = await gapListing(250);
    const few = await gapListing(3);
    await applyMigration(db, GapTicketCount1766510000000);
    await applyMigration(db, GapTicketsCut1766515000000);
    const rows = (await db.dataSource.query('SELECT id::text, ticket_ids, ticket_count FROM knowledge_gaps')) as { id: string; ticket_ids: string[]; ticket_count: number | null }[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(many)).toMatchObject({ ticket_ids: Array.from({ length: 100 }, (_, n) => `T-${n + 150}`), ticket_count: 250 });
    expect(byId.get(few)).toMatchObject({ ticket_ids: ['T-0', 'T-1', 'T-2'], ticket_count: null });
  });
});
