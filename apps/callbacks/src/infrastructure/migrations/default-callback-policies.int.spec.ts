import { randomUUID } from 'node:crypto';
import { ThrowawaySchema, applyMigration, throwawaySchema } from '@cs/testing';
import { MIGRATIONS } from '.';
import { DefaultCallbackPolicies1766000000000 } from './1766000000000-default-callback-policies';

const BEFORE = MIGRATIONS.filter((m) => m !== DefaultCallbackPolicies1766000000000);
const schemas: ThrowawaySchema[] = [];

afterAll(async () => {
  await Promise.all(schemas.map((s) => s.drop()));
});

async function installBefore(name: string): Promise<ThrowawaySchema> {
  const db = await throwawaySchema(name, BEFORE);
  schemas.push(db);
  return db;
}

async function followed(db: ThrowawaySchema, status: string): Promise<string> {
  const ticketId = randomUUID();
  await db.dataSource.query(
    `INSERT INTO followed_tickets (ticket_id, number, customer_id, owner_id, status, opened_at) VALUES ($1, 'TK-20261101-000001', $2, 'agent-7', $3, now())`,
    [ticketId, randomUUID(), status],
  );
  return ticketId;
}

async function revert(db: ThrowawaySchema): Promise<void> {
  const runner = db.dataSource.createQueryRunner();
  try {
    await new DefaultCallbackPolicies1766000000000().down(runner);
  } finally {
    await runner.release();
  }
}

const policies = async (db: ThrowawaySchema) => ({
  version: ((await db.dataSource.query('SELECT version FROM callback_policies_version')) as { version: number }[])[0]?.version,
  ids: ((await db.dataSource.query('SELECT id, document FROM callback_policies ORDER BY position')) as { id: string; document: { dueWorkingDays: number; calendarId: string } }[]).map(
    (r) => [r.id, r.document.dueWorkingDays, r.document.calendarId],
  ),
});

describe('migration 1766000000000 (default callback policies)', () => {
  it('given an install that never set its policies, then it calls back complaints in 3 working days, repairs in 1, value-added services in 2, as a new version; its resolved tickets without a callback are not missed; down takes them back', async () => {
    const db = await installBefore('callbacks_default_policies_new');
    expect(await policies(db)).toEqual({ version: 1, ids: [] });
    const resolved = await followed(db, 'resolved');
    const open = await followed(db, 'in_progress');
    await applyMigration(db, DefaultCallbackPolicies1766000000000);
    const flags = (await db.dataSource.query('SELECT ticket_id, resolved_without_policy FROM followed_tickets')) as { ticket_id: string; resolved_without_policy: boolean }[];
    expect(Object.fromEntries(flags.map((f) => [f.ticket_id, f.resolved_without_policy]))).toEqual({ [resolved]: true, [open]: false });
    expect(await policies(db)).toEqual({
      version: 2,
      ids: [
        ['complaint', 3, 'default'],
        ['repair', 1, 'default'],
        ['value-added', 2, 'default'],
      ],
    });
    await revert(db);
    expect(await policies(db)).toEqual({ version: 1, ids: [] });
  });

  it('given policies a company set, or a list it emptied on purpose, then they stay as they are', async () => {
    const own = await installBefore('callbacks_default_policies_own');
    await own.dataSource.query(`INSERT INTO callback_policies (id, position, document) VALUES ('own', 0, '{"id":"own"}'::jsonb)`);
    await own.dataSource.query('UPDATE callback_policies_version SET version = 2');
    const emptied = await installBefore('callbacks_default_policies_emptied');
    await emptied.dataSource.query('UPDATE callback_policies_version SET version = 3');
    await applyMigration(own, DefaultCallbackPolicies1766000000000);
    await applyMigration(emptied, DefaultCallbackPolicies1766000000000);
    expect((await policies(own)).ids.map(([id]) => id)).toEqual(['own']);
    expect(await policies(own)).toMatchObject({ version: 2 });
    expect(await policies(emptied)).toEqual({ version: 3, ids: [] });
    await revert(own);
    expect((await policies(own)).ids.map(([id]) => id)).toEqual(['own']);
  });
});
