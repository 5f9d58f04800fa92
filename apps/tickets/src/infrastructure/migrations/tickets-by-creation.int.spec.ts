import { randomUUID } from 'node:crypto';
import { ThrowawaySchema, applyMigration, throwawaySchema } from '@cs/testing';
import { MIGRATIONS } from '.';
import { openTicket } from '../../domain/ticket';
import { TicketRepository } from '../ticket.repository';
import { TicketsByCreation1766600000000 } from './1766600000000-tickets-by-creation';

let db: ThrowawaySchema;

beforeAll(async () => {
  db = await throwawaySchema('tickets_by_creation', MIGRATIONS.filter((m) => m !== TicketsByCreation1766600000000));
  const first = openTicket({
    id: randomUUID(),
    number: 'TK-20261130-000001',
    contactId: randomUUID(),
    customerId: randomUUID(),
    customerName: '张*',
    channel: 'phone',
    itemCode: 'repair.public_area',
    unit: { projectCode: 'P001', building: '3' },
    ownerId: 'agent-1',
    at: new Date('2026-11-30T01:00:00Z'),
  });
  await new TicketRepository().insert(db.dataSource.manager, first, undefined);
  // Twenty thousand copies of it, each received a minute before the one after.
  await db.dataSource.query(
    `INSERT INTO tickets
     SELECT (jsonb_populate_record(NULL::tickets, to_jsonb(t) || jsonb_build_object(
               'id', gen_random_uuid(), 'contact_id', gen_random_uuid(), 'number', 'TK-20261130-' || lpad((g + 1)::text, 6, '0'),
               'created_at', t.created_at - g * interval '1 minute'))).*
       FROM tickets t, generate_series(1, 20000) g`,
  );
  await db.dataSource.query('ANALYZE tickets');
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
