import { randomUUID } from 'node:crypto';
import { ThrowawaySchema, applyMigration, throwawaySchema } from '@cs/testing';
import { MIGRATIONS } from '.';
import { aTicket } from '../../testing/fixtures';
import { TicketRepository } from '../ticket.repository';
import { ReopensWhenJoined1765700000000 } from './1765700000000-reopens-when-joined';

let db: ThrowawaySchema;

beforeAll(async () => {
  db = await throwawaySchema('tickets_reopens_when_joined', MIGRATIONS.filter((m) => m !== ReopensWhenJoined1765700000000));
});

afterAll(async () => {
  await db?.drop();
});

const incident = randomUUID();

/** A ticket with these history entries, in order; a child of the incident when one is `join_incident`. */
async function storedWith(actions: readonly string[]): Promise<string> {
  const ticket = aTicket({ reopenCount: actions.filter((a) => a === 'reopen').length });
  await new TicketRepository().insert(db.dataSource.manager, ticket, undefined);
  for (const action of actions) {
    await db.dataSource.query(`INSERT INTO ticket_history (ticket_id, at, actor, action, details) VALUES ($1, now(), 'sup-1', $2, '{}')`, [ticket.id, action]);
  }
  if (actions.includes('join_incident')) await db.dataSource.query('UPDATE tickets SET incident_id = $2 WHERE id = $1', [ticket.id, incident]);
  return ticket.id;
}

describe('migration 1765700000000 (how many times a child had been reopened when it joined)', () => {
  it('given children that joined before and after reopens, and a ticket in no incident, then each child counts the reopens before its join and the other has none', async () => {
    await db.dataSource.query(
      `INSERT INTO incidents (id, number, project_code, item_code, section_code, title, description, priority, status, declared_by, declared_at)
       VALUES ($1, 'INC-20261123-0001', 'P001', 'repair.public_area', 'repair', '3栋停水', '3栋全楼停水', 'high', 'open', 'sup-1', now())`,
      [incident],
    );
    const reopenedThenJoined = await storedWith(['created', 'resolve', 'reopen', 'resolve', 'reopen', 'join_incident']);
    const joinedThenReopened = await storedWith(['created', 'join_incident', 'resolve', 'reopen']);
    const alone = await storedWith(['created', 'resolve', 'reopen']);
    await applyMigration(db, ReopensWhenJoined1765700000000);
    const rows = (await db.dataSource.query('SELECT id::text, reopens_when_joined FROM tickets WHERE id = ANY($1::uuid[])', [
      [reopenedThenJoined, joinedThenReopened, alone],
    ])) as { id: string; reopens_when_joined: number | null }[];
    const counted = new Map(rows.map((r) => [r.id, r.reopens_when_joined]));
    expect([counted.get(reopenedThenJoined), counted.get(joinedThenReopened), counted.get(alone)]).toEqual([2, 0, null]);
  });
});
