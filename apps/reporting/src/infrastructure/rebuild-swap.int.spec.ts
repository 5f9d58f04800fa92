import { ThrowawaySchema, throwawaySchema } from '@cs/testing';
import { liveTableCatalog } from '../testing/live-table-catalog';
import { MIGRATIONS } from './migrations';
import { startRebuild, swapIn } from './rebuild.repository';

let db: ThrowawaySchema;

beforeAll(async () => {
  db = await throwawaySchema('reporting_rebuild_swap', MIGRATIONS);
});

afterAll(async () => {
  await db?.drop();
});

const catalog = () => liveTableCatalog(db.dataSource);

describe('swapping a rebuilt read model in', () => {
  it('given a migration that ran on the live tables while the rebuild did, then the swapped-in tables have what the live ones had, by the same names', async () => {
    const id = '00000000-0000-4000-8000-000000000001';
    await db.dataSource.transaction((tx) => startRebuild(tx, id, 'admin-1', []));
    // What a migration applied during the rebuild does: the rebuild's tables were copied before it.
    await db.dataSource.query('CREATE INDEX ticket_facts_owner_idx ON ticket_facts (owner_id) WHERE merged_into IS NULL');
    await db.dataSource.query('DROP INDEX ticket_facts_incident_idx');
    await db.dataSource.query('CREATE STATISTICS ticket_facts_channels (ndistinct) ON channel, owner_id FROM ticket_facts');
    const before = await catalog();
    expect(before.names).toEqual(expect.arrayContaining(['ticket_facts: ticket_facts_owner_idx', 'ticket_facts: ticket_facts_channels', 'ticket_facts: ticket_facts_pkey']));

    await db.dataSource.transaction((tx) => swapIn(tx, id));

    const after = await catalog();
    expect(after).toEqual(before);
    expect(after.names.filter((n) => n.includes('rebuild_'))).toEqual([]);
  });
});
