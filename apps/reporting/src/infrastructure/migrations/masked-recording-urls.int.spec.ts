import { runMigrations } from '@cs/persistence';
import { ThrowawaySchema, applyMigration, testDataSource, throwawaySchema } from '@cs/testing';
import { monthPeriod } from '../../domain/period';
import { spotChecksIn } from '../scorecard.repository';
import { MIGRATIONS } from '.';
import { MaskedRecordingUrls1766140000000 } from './1766140000000-masked-recording-urls';

let db: ThrowawaySchema;

beforeAll(async () => {
  db = await throwawaySchema('reporting_masked_recording_urls', MIGRATIONS.filter((m) => m !== MaskedRecordingUrls1766140000000));
});

afterAll(async () => {
  await db?.drop();
});

const CLEAR = 'https://recordings.example.com/2026/11/13812345678/20261120_103000.mp3?caller=139%2012345678&t=20261120';
const MASKED = 'https://recordings.example.com/2026/11/138****5678/20261120_103000.mp3?caller=139****5678&t=20261120';
const PLAIN = 'https://recordings.example.com/2026/11/call-123.mp3';

const stored = async (): Promise<{ id: string; url: string | null }[]> =>
  (await db.dataSource.query(`SELECT id::text, target_url AS url FROM ${db.schema}.spot_checks ORDER BY id`)) as { id: string; url: string | null }[];

describe('migration 1766140000000 (recording urls masked)', () => {
  it('given recording urls stored in clear before masking, more than a batch of them, then each is stored and listed masked, and a second run changes nothing', async () => {
    const insert = `INSERT INTO ${db.schema}.spot_checks (id, agent_id, target_kind, target_id, target_url, project_code, passed, comments, checked_at, checked_by)`;
    await db.dataSource.query(`${insert} VALUES ('00000000-0000-4000-8000-000000000001', 'agent-a', 'recording', NULL, $1, 'P001', false, '', '2026-11-20T02:00:00Z', 'quality-1'),
      ('00000000-0000-4000-8000-000000000002', 'agent-a', 'recording', NULL, $2, 'P001', true, '', '2026-11-20T03:00:00Z', 'quality-1'),
      ('00000000-0000-4000-8000-000000000003', 'agent-a', 'ticket', gen_random_uuid()::text, NULL, 'P001', true, '', '2026-11-20T04:00:00Z', 'quality-1')`, [CLEAR, PLAIN]);
    // Recordings of callers 13900000000…13900001199, across three batches.
    await db.dataSource.query(
      `${insert} SELECT gen_random_uuid(), 'agent-b', 'recording', NULL, 'https://recordings.example.com/' || (13900000000 + g)::text || '/call.mp3', 'P002', true, '', '2026-11-21T02:00:00Z', 'quality-1'
         FROM generate_series(0, 1199) AS g`,
    );

    const full = await testDataSource({ schema: db.schema, migrations: MIGRATIONS }).initialize();
    try {
      expect(await runMigrations(full)).toEqual(['MaskedRecordingUrls1766140000000']);
    } finally {
      await full.destroy();
    }

    const after = await stored();
    expect(after.slice(0, 3)).toEqual([
      { id: '00000000-0000-4000-8000-000000000001', url: MASKED },
      { id: '00000000-0000-4000-8000-000000000002', url: PLAIN },
      { id: '00000000-0000-4000-8000-000000000003', url: null },
    ]);
    const callers = after.slice(3).map((row) => row.url);
    expect(callers).toHaveLength(1200);
    expect(callers.filter((url) => !/^https:\/\/recordings\.example\.com\/139\*{4}\d{4}\/call\.mp3$/.test(url ?? ''))).toEqual([]);

    const listed = await spotChecksIn(db.dataSource, monthPeriod('2026-11', 'Asia/Shanghai'), 'agent-a', ['P001']);
    expect(listed.map((check) => check.targetUrl)).toEqual([MASKED, PLAIN, null]);

    await applyMigration(db, MaskedRecordingUrls1766140000000);
    expect(await stored()).toEqual(after);
  });
});
