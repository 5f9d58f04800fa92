import { randomUUID } from 'node:crypto';
import { ThrowawaySchema, applyMigration, throwawaySchema } from '@cs/testing';
import { MIGRATIONS } from '.';
import { ScheduledTicketsNotMissed1765600000000 } from './1765600000000-scheduled-tickets-not-missed';

let db: ThrowawaySchema;

beforeAll(async () => {
  db = await throwawaySchema('callbacks_scheduled_not_missed', MIGRATIONS.filter((m) => m !== ScheduledTicketsNotMissed1765600000000));
});

afterAll(async () => {
  await db?.drop();
});

async function closedTicket(scheduled: boolean): Promise<string> {
  const ticketId = randomUUID();
  await db.dataSource.query(
    `INSERT INTO followed_tickets (ticket_id, number, customer_id, owner_id, status, opened_at, scheduled) VALUES ($1, 'TK-20261001-000001', $2, 'agent-7', 'closed', now(), $3)`,
    [ticketId, randomUUID(), scheduled],
  );
  await db.dataSource.query(`INSERT INTO missed_callbacks (ticket_id, customer_id, policy_id, closed_at) VALUES ($1, $2, 'complaint', now())`, [ticketId, randomUUID()]);
  return ticketId;
}

describe('migration 1765600000000 (tickets a schedule opened are never missed callbacks)', () => {
  it('given the report listing a ticket a schedule opened and one a customer raised, then only the customer’s stays', async () => {
    const routine = await closedTicket(true);
    const raised = await closedTicket(false);
    await applyMigration(db, ScheduledTicketsNotMissed1765600000000);
    const listed = ((await db.dataSource.query('SELECT ticket_id FROM missed_callbacks')) as { ticket_id: string }[]).map((r) => r.ticket_id);
    expect(listed).toEqual([raised]);
    expect(listed).not.toContain(routine);
  });
});
