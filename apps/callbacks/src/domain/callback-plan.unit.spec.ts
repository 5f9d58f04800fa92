import { CallbackPlan, greetsOnBirthday, selects } from './callback-plan';

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
