import { CallbackPlan, PlanRecurrence, greetsOnBirthday, runDue, selects } from './callback-plan';

const plan: CallbackPlan = {
  id: 'p1',
  name: '业主生日关怀',
  kind: 'care',
  projectCode: 'P001',
  tags: ['owner'],
  trigger: 'birthday',
  recurrence: { every: 'once' },
  firstRunAt: new Date('2026-11-01T00:00:00+08:00'),
  method: 'phone',
  dueWorkingDays: 2,
  calendarId: 'default',
  attemptsAllowed: 3,
  retrySpacingMinutes: 120,
};
const owner = { projects: ['P001'], tags: ['owner', 'vip'] };

describe('birthday care plans', () => {
  it('select by project and any of the tags; no tags: every customer of the project', () => {
    expect(selects(plan, owner)).toBe(true);
    expect(selects(plan, { projects: ['P002'], tags: ['owner'] })).toBe(false);
    expect(selects(plan, { projects: ['P001'], tags: ['tenant'] })).toBe(false);
    expect(selects({ ...plan, tags: [] }, { projects: ['P001'], tags: [] })).toBe(true);
  });

  it('greet a selected customer from the plan’s first day (in the calendar’s timezone) while it is active', () => {
    expect(greetsOnBirthday(plan, true, owner, '2026-11-01', 'Asia/Shanghai')).toBe(true);
    expect(greetsOnBirthday(plan, true, owner, '2026-10-31', 'Asia/Shanghai')).toBe(false);
    expect(greetsOnBirthday(plan, false, owner, '2026-11-30', 'Asia/Shanghai')).toBe(false);
    expect(greetsOnBirthday(plan, true, undefined, '2026-11-30', 'Asia/Shanghai')).toBe(false);
    expect(greetsOnBirthday({ ...plan, trigger: 'schedule' }, true, owner, '2026-11-30', 'Asia/Shanghai')).toBe(false);
    const { trigger: _none, ...legacy } = plan;
    expect(greetsOnBirthday(legacy, true, owner, '2026-11-30', 'Asia/Shanghai')).toBe(false);
  });
});

describe('a plan run that is due', () => {
  const at = (iso: string) => new Date(iso);
  const SHANGHAI = 'Asia/Shanghai';
  const from = (recurrence: PlanRecurrence, firstRunAt: string) => ({ recurrence, firstRunAt: at(firstRunAt) });

  it('given a plan due now, then it runs as of its due time and next at the following occurrence', () => {
    expect(runDue(from({ every: 'days', days: 7 }, '2026-11-02T01:00:00Z'), SHANGHAI, at('2026-11-02T01:00:00Z'), at('2026-11-02T01:00:00Z'))).toEqual({
      runAt: at('2026-11-02T01:00:00Z'),
      next: at('2026-11-09T01:00:00Z'),
    });
    expect(runDue(from({ every: 'once' }, '2026-11-02T01:00:00Z'), SHANGHAI, at('2026-11-02T01:00:00Z'), at('2026-11-05T01:00:00Z'))).toEqual({
      runAt: at('2026-11-02T01:00:00Z'),
      next: undefined,
    });
  });

  it('given a daily plan three days behind, then it runs once, as of today’s occurrence, and next tomorrow', () => {
    expect(runDue(from({ every: 'days', days: 1 }, '2026-11-02T01:00:00Z'), SHANGHAI, at('2026-11-02T01:00:00Z'), at('2026-11-05T03:00:00Z'))).toEqual({
      runAt: at('2026-11-05T01:00:00Z'),
      next: at('2026-11-06T01:00:00Z'),
    });
  });

  it('given a monthly plan whose first run was set a year back, then it runs once, as of this month’s occurrence', () => {
    expect(runDue(from({ every: 'month' }, '2025-11-15T01:00:00Z'), SHANGHAI, at('2025-11-15T01:00:00Z'), at('2026-11-20T00:00:00Z'))).toEqual({
      runAt: at('2026-11-15T01:00:00Z'),
      next: at('2026-12-15T01:00:00Z'),
    });
  });

  it('given a weekly plan in Berlin, then it runs at 10:00 local on either side of the spring change (167 hours apart)', () => {
    // Monday 23 March 2026 10:00 CET (09:00Z); the clocks go forward on the 29th.
    expect(runDue(from({ every: 'days', days: 7 }, '2026-03-23T09:00:00Z'), 'Europe/Berlin', at('2026-03-23T09:00:00Z'), at('2026-03-23T09:00:00Z')).next).toEqual(
      at('2026-03-30T08:00:00Z'),
    );
    // Two weeks on, counted from the first run: still 10:00 CEST.
    expect(runDue(from({ every: 'days', days: 7 }, '2026-03-23T09:00:00Z'), 'Europe/Berlin', at('2026-03-30T08:00:00Z'), at('2026-03-30T08:00:00Z')).next).toEqual(
      at('2026-04-06T08:00:00Z'),
    );
  });

  it('given a monthly plan begun on the 31st just after local midnight, then it runs on each month’s last day and on the 31st again after', () => {
    // 31 January 00:30 in Shanghai is 30 January 16:30Z.
    const plan = from({ every: 'month' }, '2026-01-30T16:30:00Z');
    expect(runDue(plan, SHANGHAI, at('2026-01-30T16:30:00Z'), at('2026-01-30T16:30:00Z')).next).toEqual(at('2026-02-27T16:30:00Z'));
    expect(runDue(plan, SHANGHAI, at('2026-02-27T16:30:00Z'), at('2026-02-27T16:31:00Z')).next).toEqual(at('2026-03-30T16:30:00Z'));
    expect(runDue(plan, SHANGHAI, at('2026-03-30T16:30:00Z'), at('2026-03-30T16:30:00Z')).next).toEqual(at('2026-04-29T16:30:00Z'));
  });

  it('given a quarterly plan, then it runs every third month', () => {
    const plan = from({ every: 'quarter' }, '2026-01-15T01:00:00Z');
    expect(runDue(plan, SHANGHAI, at('2026-01-15T01:00:00Z'), at('2026-01-15T01:00:00Z')).next).toEqual(at('2026-04-15T01:00:00Z'));
    expect(runDue(plan, SHANGHAI, at('2026-04-15T01:00:00Z'), at('2026-09-01T00:00:00Z'))).toEqual({ runAt: at('2026-07-15T01:00:00Z'), next: at('2026-10-15T01:00:00Z') });
  });

  it('given a due time stepped in UTC just before the occurrence it stands for, then it runs then and not again at that occurrence', () => {
    // Begun 31 January 10:00 local; the old stepping had clamped it to the 28th: 28 March, three days before the 31st.
    const monthly = from({ every: 'month' }, '2026-01-31T02:00:00Z');
    expect(runDue(monthly, SHANGHAI, at('2026-03-28T02:00:00Z'), at('2026-03-28T02:00:00Z'))).toEqual({ runAt: at('2026-03-28T02:00:00Z'), next: at('2026-04-30T02:00:00Z') });
    // Weekly at 10:00 in Berlin; 7 × 24 h from 19 October 10:00 CEST is 26 October 09:00 CET, an hour before that day's run.
    const weekly = from({ every: 'days', days: 7 }, '2026-10-19T08:00:00Z');
    expect(runDue(weekly, 'Europe/Berlin', at('2026-10-26T08:00:00Z'), at('2026-10-26T08:00:00Z'))).toEqual({ runAt: at('2026-10-26T08:00:00Z'), next: at('2026-11-02T09:00:00Z') });
  });

  it('given a due time that is no occurrence (stepped in UTC by an earlier release), then it runs then, once, and next at the first occurrence after it', () => {
    // Begun 31 January 00:30 local; the old stepping put the next run on 1 March 00:30 local.
    const plan = from({ every: 'month' }, '2026-01-30T16:30:00Z');
    expect(runDue(plan, SHANGHAI, at('2026-02-28T16:30:00Z'), at('2026-02-28T16:30:00Z'))).toEqual({ runAt: at('2026-02-28T16:30:00Z'), next: at('2026-03-30T16:30:00Z') });
  });
});
