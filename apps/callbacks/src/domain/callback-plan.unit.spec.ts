import { CallbackPlan, greetsOnBirthday, runDue, selects } from './callback-plan';

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

  it('given a plan due now, then it runs as of its due time and next at the following occurrence', () => {
    expect(runDue({ every: 'days', days: 7 }, at('2026-11-02T01:00:00Z'), at('2026-11-02T01:00:00Z'))).toEqual({ runAt: at('2026-11-02T01:00:00Z'), next: at('2026-11-09T01:00:00Z') });
    expect(runDue({ every: 'once' }, at('2026-11-02T01:00:00Z'), at('2026-11-05T01:00:00Z'))).toEqual({ runAt: at('2026-11-02T01:00:00Z'), next: undefined });
  });

  it('given a daily plan three days behind, then it runs once, as of today’s occurrence, and next tomorrow', () => {
    expect(runDue({ every: 'days', days: 1 }, at('2026-11-02T01:00:00Z'), at('2026-11-05T03:00:00Z'))).toEqual({ runAt: at('2026-11-05T01:00:00Z'), next: at('2026-11-06T01:00:00Z') });
  });

  it('given a monthly plan whose first run was set a year back, then it runs once, as of this month’s occurrence', () => {
    expect(runDue({ every: 'month' }, at('2025-11-15T01:00:00Z'), at('2026-11-20T00:00:00Z'))).toEqual({ runAt: at('2026-11-15T01:00:00Z'), next: at('2026-12-15T01:00:00Z') });
  });
});
