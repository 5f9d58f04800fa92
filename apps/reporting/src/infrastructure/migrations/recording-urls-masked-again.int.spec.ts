import { runMigrations } from '@cs/persistence';
import { ThrowawaySchema, applyMigration, testDataSource, throwawaySchema } from '@cs/testing';
import { monthPeriod } from '../../domain/period';
import { spotChecksIn } from '../scorecard.repository';
import { MIGRATIONS } from '.';
import { RecordingUrlsMaskedAgain1766920000000 } from './1766920000000-recording-urls-masked-again';

let db: ThrowawaySchema;

beforeAll(async () => {
  db = await throwawaySchema('reporting_recording_urls_masked_again', MIGRATIONS.filter((m) => m !== RecordingUrlsMaskedAgain1766920000000));
});

afterAll(async () => {
  await db?.drop();
});

/** Urls as the rule before ADR 0162 stored them (migration 1766140000000, a write of the release before), and as they are masked now. */
const STORED_UNDER_THE_EARLIER_RULE: readonly (readonly [string, string])[] = [
  ['https://recordings.example.com\\2026\\13812345678\\call.mp3', 'https://recordings.example.com\\2026\\138****5678\\call.mp3'],
  ['https://caller-13812345678.recordings.example.com/call.mp3', 'https://caller-138****5678.recordings.example.com/call.mp3'],
  ['https://recordings.example.com/2026/13812345678000000000000000000000000.mp3', 'https://recordings.example.com/2026/*******************************0000.mp3'],
  ['https://recordings.example.com/2026/99110101199003071233.mp3', 'https://recordings.example.com/2026/99110***********1233.mp3'],
  ['https://recorder:Wy2026!secret@recordings.example.com/call.mp3', 'https://recorder:***@recordings.example.com/call.mp3'],
];
const MASKED = 'https://recordings.example.com/2026/11/138****5678/20261120_103000.mp3?caller=139****5678&t=20261120';
const PLAIN = 'https://recordings.example.com/2026/11/call-123.mp3';
const IN_CLEAR = ['13812345678', '110101199003071233', 'Wy2026!secret'];

const stored = async (): Promise<{ id: string; url: string | null }[]> =>
  (await db.dataSource.query(`SELECT id::text, target_url AS url FROM ${db.schema}.spot_checks ORDER BY id`)) as { id: string; url: string | null }[];

describe('migration 1766920000000 (recording urls masked again under ADR 0162)', () => {
  it('given urls stored masked under the earlier rule, a phone, an ID number or a password in them, more than a batch of them, then each is stored masked by the rule now, and a second run changes nothing', async () => {
    const insert = `INSERT INTO ${db.schema}.spot_checks (id, agent_id, target_kind, target_id, target_url, project_code, passed, comments, checked_at, checked_by)`;
    const earlier = STORED_UNDER_THE_EARLIER_RULE.map((_url, i) => `('00000000-0000-4000-8000-00000000000${i + 1}', 'agent-a', 'recording', NULL, $${i + 1}, 'P001', false, '', '2026-11-20T0${i}:00:00Z', 'quality-1')`);
    await db.dataSource.query(
      `${insert} VALUES ${earlier.join(', ')},
        ('00000000-0000-4000-8000-000000000006', 'agent-a', 'recording', NULL, $6, 'P001', true, '', '2026-11-20T06:00:00Z', 'quality-1'),
        ('00000000-0000-4000-8000-000000000007', 'agent-a', 'recording', NULL, $7, 'P001', true, '', '2026-11-20T07:00:00Z', 'quality-1'),
        ('00000000-0000-4000-8000-000000000008', 'agent-a', 'ticket', gen_random_uuid()::text, NULL, 'P001', true, '', '2026-11-20T08:00:00Z', 'quality-1')`,
      [...STORED_UNDER_THE_EARLIER_RULE.map(([url]) => url), MASKED, PLAIN],
    );
    // Recordings filed under shares by callers 13900000000…13900001199, across three batches.
    await db.dataSource.query(
      `${insert} SELECT gen_random_uuid(), 'agent-b', 'recording', NULL, 'https://recordings.example.com\\' || (13900000000 + g)::text || '\\call.mp3', 'P002', true, '', '2026-11-21T02:00:00Z', 'quality-1'
         FROM generate_series(0, 1199) AS g`,
    );

    const full = await testDataSource({ schema: db.schema, migrations: MIGRATIONS }).initialize();
    try {
      expect(await runMigrations(full)).toEqual(['RecordingUrlsMaskedAgain1766920000000']);
    } finally {
      await full.destroy();
    }

    const after = await stored();
    expect(after.slice(0, 8)).toEqual([
      ...STORED_UNDER_THE_EARLIER_RULE.map(([, masked], i) => ({ id: `00000000-0000-4000-8000-00000000000${i + 1}`, url: masked })),
      { id: '00000000-0000-4000-8000-000000000006', url: MASKED },
      { id: '00000000-0000-4000-8000-000000000007', url: PLAIN },
      { id: '00000000-0000-4000-8000-000000000008', url: null },
    ]);
    for (const { url } of after) for (const personal of IN_CLEAR) expect(url ?? '').not.toContain(personal);
    const callers = after.slice(8).map((row) => row.url);
    expect(callers).toHaveLength(1200);
    expect(callers.filter((url) => !/^https:\/\/recordings\.example\.com\\139\*{4}\d{4}\\call\.mp3$/.test(url ?? ''))).toEqual([]);

    const listed = await spotChecksIn(db.dataSource, monthPeriod('2026-11', 'Asia/Shanghai'), 'agent-a', ['P001']);
    expect(listed.map((check) => check.targetUrl)).toEqual([...STORED_UNDER_THE_EARLIER_RULE.map(([, masked]) => masked), MASKED, PLAIN, null]);

    await applyMigration(db, RecordingUrlsMaskedAgain1766920000000);
    expect(await stored()).toEqual(after);
  });
});
