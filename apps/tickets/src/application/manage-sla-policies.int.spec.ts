import { randomUUID } from 'node:crypto';
import { DomainError } from '@cs/ddd';
import { ThrowawaySchema, rejectionOf, throwawaySchema } from '@cs/testing';
import { DEFAULT_POLICIES, SlaPolicy } from '../domain/sla-policy';
import { CalendarStore } from '../infrastructure/calendar-store';
import { MIGRATIONS } from '../infrastructure/migrations';
import { SlaPolicyRepository } from '../infrastructure/sla-policy.repository';
import { TicketRepository } from '../infrastructure/ticket.repository';
import { contactReceived } from '../testing/fixtures';
import { ticketServices } from '../testing/ticket-services';
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
  // Stored before calendars were held to what calendar.published.v1 carries: 9 intervals on Monday, a name of 101 characters.
  const nineIntervals = Array.from({ length: 9 }, (_, h) => [`0${h}:00`.slice(-5), `0${h}:30`.slice(-5)]);
  const crowded = JSON.stringify({
    timezone: 'Asia/Shanghai',
    workingHours: { ...CLOSED_WEEK, mon: nineIntervals },
    holidays: [{ date: '2026-10-01', name: '国'.repeat(101) }],
    workingDays: [],
  });
  await db.dataSource.query(
    `INSERT INTO ${db.schema}.business_calendars (id, company_document, document, follows_official, version, updated_at, updated_by)
     VALUES ('crowded', $1::jsonb, $1::jsonb, false, 3, now(), 'admin-1')`,
    [crowded],
  );
});

afterAll(async () => {
  await db?.drop();
});

const refusal = (attempt: Promise<unknown>): Promise<DomainError> => rejectionOf(attempt, DomainError);
const withPolicy = (id: string, change: Partial<SlaPolicy>): SlaPolicy[] => DEFAULT_POLICIES.map((p) => (p.id === id ? { ...p, ...change } : p));
const indexOf = (id: string) => DEFAULT_POLICIES.findIndex((p) => p.id === id);

describe('replacing the SLA policies', () => {
  it('given policies changed since their version was read, when saved at it, then it is 412 SLA_POLICY.VERSION_CONFLICT naming If-Match with the current version', async () => {
    const { version } = await manage.list();
    const error = await refusal(manage.replace(DEFAULT_POLICIES, version - 1, store));
    expect(error).toMatchObject({ code: 'SLA_POLICY.VERSION_CONFLICT', kind: 'precondition_failed', field: 'If-Match', details: { currentVersion: version } });
  });

  it('given a policy timed by a calendar whose 调休 days have all passed and no weekday has hours, when saved, then it is 422 naming its calendarId and nothing changes', async () => {
    const ranOut = JSON.stringify({ timezone: 'Asia/Shanghai', workingHours: CLOSED_WEEK, holidays: [], workingDays: [{ date: '2024-02-04', name: '春节调休', hours: [['09:00', '17:30']] }] });
    await db.dataSource.query(
      `INSERT INTO ${db.schema}.business_calendars (id, company_document, document, follows_official, version, updated_at, updated_by)
       VALUES ('ran-out', $1::jsonb, $1::jsonb, false, 1, now(), 'admin-1')`,
      [ranOut],
    );
    const before = await manage.list();
    const error = await refusal(manage.replace(withPolicy('repair', { calendarId: 'ran-out' }), undefined, store));
    expect(error).toMatchObject({ code: 'CALENDAR.NO_WORKING_TIME', kind: 'invalid', field: `policies[${indexOf('repair')}].calendarId`, details: { calendarId: 'ran-out' } });
    expect(await manage.list()).toEqual(before);
  });

  it('given a policy timed by a calendar without working time, when saved, then it is 422 naming its calendarId and nothing changes', async () => {
    const before = await manage.list();
    const error = await refusal(manage.replace(withPolicy('repair', { calendarId: 'closed' }), undefined, store));
    expect(error).toMatchObject({ code: 'CALENDAR.NO_WORKING_TIME', kind: 'invalid', field: `policies[${indexOf('repair')}].calendarId`, details: { calendarId: 'closed' } });
    expect(await manage.list()).toEqual(before);
  });

  it('given a policy timed by a calendar stored before the limits it breaks, when saved, then it is 422 naming its calendarId and saying the calendar must be corrected, and nothing changes', async () => {
    const before = await manage.list();
    const error = await refusal(manage.replace(withPolicy('repair', { calendarId: 'crowded' }), undefined, store));
    expect(error).toMatchObject({
      code: 'CALENDAR.NEEDS_CORRECTION',
      kind: 'invalid',
      field: `policies[${indexOf('repair')}].calendarId`,
      message: expect.stringContaining('correct it with PUT /v1/calendars/crowded'),
      details: {
        calendarId: 'crowded',
        version: 3,
        errors: [
          { field: 'workingHours.mon', message: expect.stringMatching(/at most 8 intervals/) },
          { field: 'holidays[0].name', message: expect.stringMatching(/at most 100 characters/) },
        ],
      },
    });
    expect(await manage.list()).toEqual(before);
  });

  it('given a calendar stored before the limits it breaks, when read, then it is 422 naming calendarId, and a corrected document put over it is read again', async () => {
    expect(await refusal(store.get('crowded'))).toMatchObject({ code: 'CALENDAR.NEEDS_CORRECTION', kind: 'invalid', field: 'calendarId' });
    const week = { ...CLOSED_WEEK, mon: [['08:30', '12:00']] };
    await store.put('crowded', { timezone: 'Asia/Shanghai', workingHours: week, holidays: [], workingDays: [] }, 3, 'admin-1');
    expect((await store.getWithVersion('crowded')).version).toBe(4);
  });

  it('given a policy timed by a calendar that does not exist, when saved, then it is 422 naming its calendarId, not a 404 of the policies, and nothing changes', async () => {
    const before = await manage.list();
    const error = await refusal(manage.replace(withPolicy('repair', { calendarId: 'nowhere' }), undefined, store));
    expect(error).toMatchObject({ code: 'SLA.UNKNOWN_CALENDAR', kind: 'invalid', field: `policies[${indexOf('repair')}].calendarId`, details: { calendarId: 'nowhere' } });
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

describe('tickets opened before a policy changed (ADR 0007)', () => {
  const agent = { sub: 'agent-1', roles: ['agent' as const] };
  const supervisor = { sub: 'supervisor-1', roles: ['supervisor' as const] };
  const managerTimers = async (ticketId: string) =>
    ((await db.dataSource.query(
      `SELECT clock FROM ${db.schema}.sla_timers WHERE ticket_id = $1 AND kind = 'escalate_manager' AND fired_at IS NULL ORDER BY clock`,
      [ticketId],
    )) as { clock: string }[]).map((r) => r.clock);

  it('given an open repair, when its policy loses the manager escalation and is then renamed, then the ticket keeps escalating to the manager, and reopened keeps its resolution target', async () => {
    const { opening, run } = ticketServices(db, store);
    const event = contactReceived(randomUUID(), randomUUID(), { itemCode: 'repair.public_area' });
    await db.dataSource.transaction((tx) => opening.handle(event, tx));
    const ticketId = event.data.ticketId!;
    expect(await managerTimers(ticketId)).toEqual(['first_response', 'resolution']);

    const { version, policies } = await manage.list();
    const repair = policies.find((p) => p.id === 'repair')!;
    const { escalateToManagerAfter: _dropped, ...withoutManager } = repair;
    const edited = await manage.replace(policies.map((p) => (p.id === 'repair' ? { ...withoutManager, targets: { ...repair.targets, resolution: { amount: 10, unit: 'days', basis: 'working' } } } : p)), version, store);
    // Every change of the ticket plans its timers again: the first reply meets its clock, the resolution's escalation stays.
    await run.execute(ticketId, agent, { action: 'reply', command: { type: 'reply', message: '已安排电工今天下午处理' } });
    expect(await managerTimers(ticketId)).toEqual(['resolution']);

    await manage.replace(edited.policies.map((p) => (p.id === 'repair' ? { ...p, id: 'repair-public' } : p)), edited.version, store);
    await run.execute(ticketId, agent, { action: 'resolve', command: { type: 'resolve', resolution: '已更换灯管' } });
    await run.execute(ticketId, supervisor, { action: 'reopen', command: { type: 'reopen', reason: '业主反映仍不亮' } });
    expect(await managerTimers(ticketId)).toEqual(['resolution']);
    const reopened = await new TicketRepository().find(db.dataSource.manager, ticketId);
    expect(reopened?.clocks.find((c) => c.kind === 'resolution')).toMatchObject({ target: repair.targets.resolution, managerEscalation: { after: repair.escalateToManagerAfter } });
  });
});

describe('a policy timed by a calendar stored before the limits it breaks', () => {
  beforeAll(async () => {
    const nineIntervals = Array.from({ length: 9 }, (_, h) => [`1${h}:00`.slice(-5), `1${h}:30`.slice(-5)]);
    await db.dataSource.query(
      `INSERT INTO ${db.schema}.business_calendars (id, company_document, document, follows_official, version, updated_at, updated_by)
       VALUES ('crowded-complaints', $1::jsonb, $1::jsonb, false, 2, now(), 'admin-1')`,
      [JSON.stringify({ timezone: 'Asia/Shanghai', workingHours: { ...CLOSED_WEEK, mon: nineIntervals }, holidays: [], workingDays: [] })],
    );
    // Named when such calendars were still accepted: PUT /v1/sla-policies refuses it now.
    await db.dataSource.query(
      `UPDATE ${db.schema}.sla_policies SET document = jsonb_set(document::jsonb, '{calendarId}', '"crowded-complaints"') WHERE id = 'complaint'`,
    );
  });

  afterAll(async () => {
    await db.dataSource.query(`UPDATE ${db.schema}.sla_policies SET document = jsonb_set(document::jsonb, '{calendarId}', '"default"') WHERE id = 'complaint'`);
  });

  it('given a contact about a repair, timed by another calendar, when it arrives, then its ticket opens with its clocks', async () => {
    const { opening } = ticketServices(db, store);
    const event = contactReceived(randomUUID(), randomUUID(), { itemCode: 'repair.public_area' });
    await db.dataSource.transaction((tx) => opening.handle(event, tx));
    const opened = await new TicketRepository().find(db.dataSource.manager, event.data.ticketId!);
    // The suite above renamed the repair policy.
    expect(opened?.policyId).toMatch(/^repair/);
    expect(new Set(opened?.clocks.map((c) => c.calendarId))).toEqual(new Set(['default']));
  });

  it('given a complaint, timed by that calendar, when it arrives, then its ticket opens with its clocks held for that calendar (ADR 0130): no timer planned until it is corrected', async () => {
    const { opening } = ticketServices(db, store);
    const event = contactReceived(randomUUID(), randomUUID(), { itemCode: 'complaint.service_quality', grade: 'general' });
    await db.dataSource.transaction((tx) => opening.handle(event, tx));

    const opened = await new TicketRepository().find(db.dataSource.manager, event.data.ticketId!);
    expect(opened?.policyId).toBe('complaint');
    expect(new Set(opened?.clocks.map((c) => c.calendarId))).toEqual(new Set(['crowded-complaints']));
    const awaited = (await db.dataSource.query(`SELECT calendar_id FROM ${db.schema}.held_clocks WHERE ticket_id = $1`, [event.data.ticketId])) as { calendar_id: string }[];
    expect(awaited).toEqual([{ calendar_id: 'crowded-complaints' }]);
    const timers = (await db.dataSource.query(`SELECT count(*)::int AS n FROM ${db.schema}.sla_timers WHERE ticket_id = $1`, [event.data.ticketId])) as { n: number }[];
    expect(timers).toEqual([{ n: 0 }]);
  });
});
