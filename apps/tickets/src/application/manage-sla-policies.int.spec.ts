import { DomainError } from '@cs/ddd';
import { ThrowawaySchema, rejectionOf, throwawaySchema } from '@cs/testing';
import { DEFAULT_POLICIES, SlaPolicy } from '../domain/sla-policy';
import { CalendarStore } from '../infrastructure/calendar-store';
import { MIGRATIONS } from '../infrastructure/migrations';
import { SlaPolicyRepository } from '../infrastructure/sla-policy.repository';
import { ManageSlaPolicies } from './manage-sla-policies';

let db: ThrowawaySchema;
let store: CalendarStore;
let manage: ManageSlaPolicies;

const CLOSED_WEEK = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };

beforeAll(async () => {
  db = await throwawaySchema('tickets_sla_policies', MIGRATIONS);
  store = new CalendarStore(db.dataSource);
  manage = new ManageSlaPolicies(db.dataSource, new SlaPolicyRepository());
  // A calendar without working time, stored before such calendars were refused.
  const closed = JSON.stringify({ timezone: 'Asia/Shanghai', workingHours: CLOSED_WEEK, holidays: [], workingDays: [] });
  await db.dataSource.query(
    `INSERT INTO ${db.schema}.business_calendars (id, company_document, document, follows_official, version, updated_at, updated_by)
     VALUES ('closed', $1::jsonb, $1::jsonb, false, 1, now(), 'admin-1')`,
    [closed],
  );
});

afterAll(async () => {
  await db?.drop();
});

const refusal = (attempt: Promise<unknown>): Promise<DomainError> => rejectionOf(attempt, DomainError);
const withPolicy = (id: string, change: Partial<SlaPolicy>): SlaPolicy[] => DEFAULT_POLICIES.map((p) => (p.id === id ? { ...p, ...change } : p));
const indexOf = (id: string) => DEFAULT_POLICIES.findIndex((p) => p.id === id);

describe('replacing the SLA policies', () => {
  it('given a policy timed by a calendar without working time, when saved, then it is 422 naming its calendarId and nothing changes', async () => {
    const before = await manage.list();
    const error = await refusal(manage.replace(withPolicy('repair', { calendarId: 'closed' }), undefined, store));
    expect(error).toMatchObject({ code: 'CALENDAR.NO_WORKING_TIME', kind: 'invalid', field: `policies[${indexOf('repair')}].calendarId`, details: { calendarId: 'closed' } });
    expect(await manage.list()).toEqual(before);
  });

  it('given a target or an escalation beyond the horizon, when saved, then it is 422 naming its amount and nothing changes', async () => {
    const before = await manage.list();
    const complaint = indexOf('complaint');
    const cases: [Partial<SlaPolicy>, string][] = [
      [{ targets: { resolution: { amount: 100_000, unit: 'days', basis: 'working' } } }, `policies[${complaint}].targets.resolution.amount`],
      [{ targets: { resolution: { amount: 10_000, unit: 'hours', basis: 'working' } } }, `policies[${complaint}].targets.resolution.amount`],
      [{ escalateToManagerAfter: { amount: 5_000, unit: 'days', basis: 'calendar' } }, `policies[${complaint}].escalateToManagerAfter.amount`],
    ];
    for (const [change, field] of cases) {
      const error = await refusal(manage.replace(withPolicy('complaint', change), undefined, store));
      expect(error).toMatchObject({ code: 'SLA.TARGET_TOO_LONG', kind: 'invalid', field, details: { calendarId: 'default', maxDays: 1098 } });
    }
    expect(await manage.list()).toEqual(before);
  });

  it('given targets within the horizon by working calendars, when saved, then the list is replaced at the next version', async () => {
    const before = await manage.list();
    const policies = withPolicy('complaint', { targets: { resolution: { amount: 700, unit: 'days', basis: 'working' } } });
    const after = await manage.replace(policies, before.version, store);
    expect(after).toEqual({ version: before.version + 1, policies });
  });
});
