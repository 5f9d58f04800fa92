import { ThrowawaySchema, throwawaySchema } from '@cs/testing';
import { MIGRATIONS } from '.';
import { ReportReads1764900000000 } from './1764900000000-report-reads';

let db: ThrowawaySchema;

beforeAll(async () => {
  db = await throwawaySchema('reporting_report_reads', MIGRATIONS.filter((m) => m !== ReportReads1764900000000));
});

afterAll(async () => {
  await db?.drop();
});

const indexesOfTicketFacts = async (): Promise<string[]> =>
  ((await db.dataSource.query(`SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND tablename = 'ticket_facts' ORDER BY 1`, [db.schema])) as { indexname: string }[]).map(
    (r) => r.indexname,
  );

const statistics = async (): Promise<string[]> =>
  ((await db.dataSource.query(`SELECT stxname FROM pg_statistic_ext WHERE stxnamespace = $1::regnamespace ORDER BY 1`, [db.schema])) as { stxname: string }[]).map((r) => r.stxname);

describe('migration 1764900000000 (the report’s reads)', () => {
  it('given the escalations index renamed as a projection rebuild leaves it, then it is replaced all the same, and down restores it', async () => {
    // A rebuild swaps in tables built with LIKE … INCLUDING ALL, whose indexes Postgres names after the rebuild's tables.
    await db.dataSource.query('ALTER INDEX ticket_facts_escalated_idx RENAME TO rebuild_ticket_facts_opened_at_number_idx');
    const runner = db.dataSource.createQueryRunner();
    try {
      await new ReportReads1764900000000().up(runner);
      const after = await indexesOfTicketFacts();
      expect(after).toEqual(expect.arrayContaining(['ticket_facts_escalated_count_idx', 'ticket_facts_escalation_order_idx']));
      expect(after).not.toContain('rebuild_ticket_facts_opened_at_number_idx');
      expect(await statistics()).toEqual(['ticket_duration_rollups_cells']);

      await new ReportReads1764900000000().down(runner);
      const restored = await indexesOfTicketFacts();
      expect(restored).toContain('ticket_facts_escalated_idx');
      expect(restored).not.toEqual(expect.arrayContaining(['ticket_facts_escalation_order_idx']));
      expect(await statistics()).toEqual([]);
    } finally {
      await runner.release();
    }
  });
});
