import { ThrowawaySchema, applyMigration, throwawaySchema } from '@cs/testing';
import { MIGRATIONS } from '.';
import type { Ticket } from '../../domain/ticket';
import { aTicket } from '../../testing/fixtures';
import { TicketRepository } from '../ticket.repository';
import { PausedTicketsHaveNoNextDeadline1764840000000 } from './1764840000000-paused-tickets-have-no-next-deadline';

let db: ThrowawaySchema;

beforeAll(async () => {
  db = await throwawaySchema('tickets_paused_no_deadline', MIGRATIONS.filter((m) => m !== PausedTicketsHaveNoNextDeadline1764840000000));
});

afterAll(async () => {
  await db?.drop();
});

const passed = new Date(Date.now() - 86_400_000);

async function stored(change: Partial<Ticket>): Promise<string> {
  const ticket = aTicket(change, new Date(Date.now() - 2 * 86_400_000));
  // As an earlier save stored it: a deadline as of then, now passed.
  await new TicketRepository().insert(db.dataSource.manager, ticket, passed);
  return ticket.id;
}

describe('migration 1764840000000 (a paused ticket has no next deadline)', () => {
  it('given tickets awaiting the customer or in an incident with a passed deadline stored, then theirs is cleared and a running ticket keeps its own', async () => {
    const waiting = await stored({ status: 'awaiting_customer' });
    const running = await stored({ status: 'in_progress' });
    await applyMigration(db, PausedTicketsHaveNoNextDeadline1764840000000);
    const due = async (id: string) => ((await db.dataSource.query('SELECT next_due_at FROM tickets WHERE id = $1', [id])) as { next_due_at: Date | null }[])[0]?.next_due_at;
    expect(await due(waiting)).toBeNull();
    expect(await due(running)).toEqual(passed);
  });
});
