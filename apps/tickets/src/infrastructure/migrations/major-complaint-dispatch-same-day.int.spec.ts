import { ThrowawaySchema, applyMigration, throwawaySchema } from '@cs/testing';
import { MIGRATIONS } from '.';
import { DEFAULT_POLICIES } from '../../domain/sla-policy';
import { MajorComplaintDispatchSameDay1766000000000, SEEDED_MAJOR_COMPLAINT_POLICY } from './1766000000000-major-complaint-dispatch-same-day';

let db: ThrowawaySchema;

beforeAll(async () => {
  db = await throwawaySchema('tickets_major_dispatch_same_day', MIGRATIONS.filter((m) => m !== MajorComplaintDispatchSameDay1766000000000));
});

afterAll(async () => {
  await db?.drop();
});

const stored = async () => ({
  version: ((await db.dataSource.query('SELECT version FROM sla_policies_version')) as { version: number }[])[0]?.version,
  major: ((await db.dataSource.query(`SELECT document FROM sla_policies WHERE id = 'complaint-major'`)) as { document: unknown }[])[0]?.document,
});

describe('migration 1766000000000 (major complaints dispatched the same day)', () => {
  it('given the major-complaint policy as shipped, then it becomes the default of now, as a new version; run again, nothing changes', async () => {
    await db.dataSource.query(`UPDATE sla_policies SET document = $1::jsonb WHERE id = 'complaint-major'`, [JSON.stringify(SEEDED_MAJOR_COMPLAINT_POLICY)]);
    const before = await stored();
    await applyMigration(db, MajorComplaintDispatchSameDay1766000000000);
    const after = await stored();
    expect(after).toEqual({ version: before.version! + 1, major: JSON.parse(JSON.stringify(DEFAULT_POLICIES.find((p) => p.id === 'complaint-major'))) });
    await applyMigration(db, MajorComplaintDispatchSameDay1766000000000);
    expect(await stored()).toEqual(after);

    const runner = db.dataSource.createQueryRunner();
    await new MajorComplaintDispatchSameDay1766000000000().down(runner).finally(() => runner.release());
    expect(await stored()).toEqual({ version: after.version! + 1, major: SEEDED_MAJOR_COMPLAINT_POLICY });
  });

  it('given a major-complaint policy the company changed, then it stays as it is', async () => {
    const own = { ...SEEDED_MAJOR_COMPLAINT_POLICY, targets: { ...SEEDED_MAJOR_COMPLAINT_POLICY.targets, dispatch: { amount: 1, unit: 'hours', basis: 'working' } } };
    await db.dataSource.query(`UPDATE sla_policies SET document = $1::jsonb WHERE id = 'complaint-major'`, [JSON.stringify(own)]);
    const before = await stored();
    await applyMigration(db, MajorComplaintDispatchSameDay1766000000000);
    expect(await stored()).toEqual(before);
  });
});
