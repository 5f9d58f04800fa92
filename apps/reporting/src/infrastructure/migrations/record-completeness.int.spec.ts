import { ThrowawaySchema, columnsOf, throwawaySchema } from '@cs/testing';
import { MIGRATIONS } from '.';
import { RecordCompleteness1766020000000 } from './1766020000000-record-completeness';

let db: ThrowawaySchema;

beforeAll(async () => {
  db = await throwawaySchema('reporting_record_completeness', MIGRATIONS.filter((m) => m !== RecordCompleteness1766020000000));
});

afterAll(async () => {
  await db?.drop();
});

const columns = (table: string): Promise<string[]> => columnsOf(db, table);

describe('migration 1766020000000 (record completeness)', () => {
  it('given a rebuild running as it is applied, then its shadow tables get what it adds; emptying the tickets empties the new ledger; down takes it all back', async () => {
    // A rebuild started by the release before made its shadow tables as the live ones were then.
    await db.dataSource.query('CREATE TABLE rebuild_ticket_facts (LIKE ticket_facts INCLUDING ALL)');
    const runner = db.dataSource.createQueryRunner();
    try {
      await new RecordCompleteness1766020000000().up(runner);
      expect(await columns('rebuild_ticket_facts')).toContain('record_complete');
      expect(await columns('rebuild_ticket_record_rollups')).toEqual(await columns('ticket_record_rollups'));

      // A rebuild started the way the release before starts one: its row, then the shadow tables it knows.
      await db.dataSource.query('DROP TABLE rebuild_ticket_record_rollups');
      await db.dataSource.query(`INSERT INTO projection_rebuilds (id, status, requested_by, started_at, events_total) VALUES (gen_random_uuid(), 'completed', 'admin-1', now(), 0)`);
      expect(await columns('rebuild_ticket_record_rollups')).toEqual(await columns('ticket_record_rollups'));

      await db.dataSource.query(`INSERT INTO ticket_record_rollups (day, project, dimension, key, record_judged, record_complete) VALUES (20000, '*', 'total', '', 1, 1)`);
      await db.dataSource.query('TRUNCATE ticket_facts');
      expect(await db.dataSource.query('SELECT * FROM ticket_record_rollups')).toEqual([]);

      await new RecordCompleteness1766020000000().down(runner);
      expect(await columns('ticket_facts')).not.toContain('record_complete');
      expect(await columns('rebuild_ticket_facts')).not.toContain('record_complete');
      expect(await columns('ticket_record_rollups')).toEqual([]);
      // The trigger still empties what the release before knows.
      await db.dataSource.query(`INSERT INTO ticket_rollups (day, project, dimension, key) VALUES (20000, '*', 'total', '')`);
      await db.dataSource.query('TRUNCATE ticket_facts');
      expect(await db.dataSource.query('SELECT * FROM ticket_rollups')).toEqual([]);
    } finally {
      await runner.release();
    }
  });
});
