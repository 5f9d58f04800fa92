import { runMigrations } from '@cs/persistence';
import { ThrowawaySchema, applyMigration, testDataSource, throwawaySchema } from '@cs/testing';
import { MIGRATIONS } from '.';
import { RecordingUrlsMaskedBesideStrayEscapes1767000000000 } from './1767000000000-recording-urls-masked-beside-stray-escapes';

let db: ThrowawaySchema;

beforeAll(async () => {
  db = await throwawaySchema('reporting_recording_urls_stray_escapes', MIGRATIONS.filter((m) => m !== RecordingUrlsMaskedBesideStrayEscapes1767000000000));
});

afterAll(async () => {
  await db?.drop();
});

/** A url as the rule before stored it (the phone after `%00` in clear, beside a stray `%`), and as it is masked now. */
const STORED = 'https://recordings.example.com/call.mp3#%0013812345678%138****5678';
const MASKED_NOW = 'https://recordings.example.com/call.mp3#%00138****5678%138****5678';
const PLAIN = 'https://recordings.example.com/2026/11/call-123.mp3';

const stored = async (): Promise<{ url: string | null }[]> =>
  (await db.dataSource.query(`SELECT target_url AS url FROM ${db.schema}.spot_checks ORDER BY id`)) as { url: string | null }[];

describe('migration 1767000000000 (recording urls masked beside stray escapes)', () => {
  it('given a url stored with a phone after an escape in clear, then it is stored masked by the rule now, the others as they were, and a second run changes nothing', async () => {
    await db.dataSource.query(
      `INSERT INTO ${db.schema}.spot_checks (id, agent_id, target_kind, target_id, target_url, project_code, passed, comments, checked_at, checked_by)
       VALUES ('00000000-0000-4000-8000-000000000001', 'agent-a', 'recording', NULL, $1, 'P001', false, '', '2026-11-20T01:00:00Z', 'quality-1'),
              ('00000000-0000-4000-8000-000000000002', 'agent-a', 'recording', NULL, $2, 'P001', true, '', '2026-11-20T02:00:00Z', 'quality-1')`,
      [STORED, PLAIN],
    );

    const full = await testDataSource({ schema: db.schema, migrations: MIGRATIONS }).initialize();
    try {
      expect(await runMigrations(full)).toEqual(['RecordingUrlsMaskedBesideStrayEscapes1767000000000']);
    } finally {
      await full.destroy();
    }

    const after = await stored();
    expect(after).toEqual([{ url: MASKED_NOW }, { url: PLAIN }]);
    expect(after[0]!.url).not.toContain('13812345678');
    await applyMigration(db, RecordingUrlsMaskedBesideStrayEscapes1767000000000);
    expect(await stored()).toEqual(after);
  });
});
