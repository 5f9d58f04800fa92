import { runMigrations } from '@cs/persistence';
import { ThrowawaySchema, applyMigration, testDataSource, throwawaySchema } from '@cs/testing';
import { MIGRATIONS } from '.';
import { TicketIdsInLowerCase1766720000000 } from './1766720000000-ticket-ids-in-lower-case';

let db: ThrowawaySchema;

beforeAll(async () => {
  db = await throwawaySchema('reporting_ticket_ids_lower', MIGRATIONS.filter((m) => m !== TicketIdsInLowerCase1766720000000));
});

afterAll(async () => {
  await db?.drop();
});

const CAPITALS = '5D2B0F7A-1C3E-4B5D-8E9F-0A1B2C3D4E5F';

describe('migration 1766720000000 (ticket ids in lower case)', () => {
  it('given praise and spot checks that kept a ticket id in capitals, then each is lowered, other targets keep their text, and a second run changes nothing', async () => {
    await db.dataSource.query(
      `INSERT INTO ${db.schema}.praise (id, agent_id, reason, ticket_id, project_code, received_at, recorded_by)
       VALUES (gen_random_uuid(), 'agent-a', '表扬信', $1, 'P001', '2026-11-20T02:00:00Z', 'quality-1'),
              (gen_random_uuid(), 'agent-a', '锦旗', NULL, 'P001', '2026-11-20T03:00:00Z', 'quality-1')`,
      [CAPITALS],
    );
    await db.dataSource.query(
      `INSERT INTO ${db.schema}.spot_checks (id, agent_id, target_kind, target_id, target_url, project_code, passed, comments, checked_at, checked_by)
       VALUES (gen_random_uuid(), 'agent-a', 'ticket', $1, NULL, 'P001', true, '', '2026-11-20T02:00:00Z', 'quality-1'),
              (gen_random_uuid(), 'agent-a', 'recording', 'REC-2026-11-20-A', NULL, 'P001', true, '', '2026-11-20T03:00:00Z', 'quality-1')`,
      [CAPITALS],
    );

    const full = await testDataSource({ schema: db.schema, migrations: MIGRATIONS }).initialize();
    try {
      expect(await runMigrations(full)).toEqual(['TicketIdsInLowerCase1766720000000']);
    } finally {
      await full.destroy();
    }

    const praise = async () => (await db.dataSource.query(`SELECT ticket_id FROM ${db.schema}.praise ORDER BY received_at`)) as { ticket_id: string | null }[];
    const checks = async () => (await db.dataSource.query(`SELECT target_id FROM ${db.schema}.spot_checks ORDER BY checked_at`)) as { target_id: string | null }[];
    expect(await praise()).toEqual([{ ticket_id: CAPITALS.toLowerCase() }, { ticket_id: null }]);
    expect(await checks()).toEqual([{ target_id: CAPITALS.toLowerCase() }, { target_id: 'REC-2026-11-20-A' }]);

    await applyMigration(db, TicketIdsInLowerCase1766720000000);
    expect(await praise()).toEqual([{ ticket_id: CAPITALS.toLowerCase() }, { ticket_id: null }]);
    expect(await checks()).toEqual([{ target_id: CAPITALS.toLowerCase() }, { target_id: 'REC-2026-11-20-A' }]);
  });
});
