import { OFFICE_WEEK, assertWorkingTime, parseCalendar, weekdaysWorking } from '@cs/business-calendar';
import { MAX_DEADLINE_HORIZON_DAYS, assertPoliciesWithinHorizon, calendarDaysOf } from './calendar-limits';
import type { SlaDuration } from './sla-duration';
import { DEFAULT_POLICIES, SlaPolicy } from './sla-policy';

/** 08:30–12:00 and 13:30–17:30, Monday to Friday: 5 working days and 37.5 working hours a week. */
const office = parseCalendar({ timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK });
/** Round the clock, every day: working time is calendar time. */
const always = parseCalendar({ timezone: 'Asia/Shanghai', workingHours: { ...weekdaysWorking([['00:00', '24:00']]), sat: [['00:00', '24:00']], sun: [['00:00', '24:00']] } });
const closed = parseCalendar({
  timezone: 'Asia/Shanghai',
  workingHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
});

const working = (amount: number, unit: SlaDuration['unit']): SlaDuration => ({ amount, unit, basis: 'working' });
const elapsed = (amount: number, unit: SlaDuration['unit']): SlaDuration => ({ amount, unit, basis: 'calendar' });

describe('how far ahead a duration runs by a calendar', () => {
  it.each`
    duration                        | calendar  | days
    ${working(5, 'days')}           | ${office} | ${7}
    ${working(75, 'hours')}         | ${office} | ${14}
    ${working(2250, 'minutes')}     | ${office} | ${7}
    ${working(48, 'hours')}         | ${always} | ${2}
    ${elapsed(3, 'days')}           | ${office} | ${3}
    ${elapsed(36, 'hours')}         | ${office} | ${2}
    ${elapsed(90, 'minutes')}       | ${office} | ${1}
    ${working(100_000, 'days')}     | ${closed} | ${0}
  `('given $duration.amount $duration.basis $duration.unit, then it runs about $days calendar days', ({ duration, calendar, days }) => {
    expect(calendarDaysOf(calendar, duration)).toBe(days);
  });
});

describe('policies within the horizon', () => {
  const policy = (change: Partial<SlaPolicy>): SlaPolicy => ({ ...DEFAULT_POLICIES.find((p) => p.id === 'default')!, ...change });
  const check = (policies: SlaPolicy[]) => () => assertPoliciesWithinHorizon(policies, () => office);
  // 784 working days of a five-day week are 1,098 calendar days; 785 one more week-day.
  const LAST_DAYS = Math.floor((MAX_DEADLINE_HORIZON_DAYS * 5) / 7);

  it('given the shipped defaults and targets up to the horizon, when checked, then they are taken', () => {
    expect(check([...DEFAULT_POLICIES])).not.toThrow();
    expect(check([policy({ targets: { resolution: working(LAST_DAYS, 'days') }, escalateToManagerAfter: elapsed(MAX_DEADLINE_HORIZON_DAYS, 'days') })])).not.toThrow();
    // 100,000 working minutes (the most a request may send) are some 44 weeks of office time.
    expect(check([policy({ targets: { resolution: working(100_000, 'minutes') } })])).not.toThrow();
  });

  it.each`
    change                                                                                   | field
    ${{ targets: { resolution: working(100_000, 'days') } }}                                 | ${'policies[1].targets.resolution.amount'}
    ${{ targets: { first_response: working(LAST_DAYS + 2, 'days') } }}                       | ${'policies[1].targets.first_response.amount'}
    ${{ targets: { dispatch: working(6000, 'hours') } }}                                     | ${'policies[1].targets.dispatch.amount'}
    ${{ targets: { on_site: elapsed(MAX_DEADLINE_HORIZON_DAYS + 1, 'days') } }}              | ${'policies[1].targets.on_site.amount'}
    ${{ targets: { resolution: elapsed(100_000, 'hours') } }}                                | ${'policies[1].targets.resolution.amount'}
    ${{ escalateToManagerAfter: working(100_000, 'days') }}                                  | ${'policies[1].escalateToManagerAfter.amount'}
  `('given $field beyond the horizon, when checked, then it is refused naming it', ({ change, field }: { change: Partial<SlaPolicy>; field: string }) => {
    expect(check([policy({ id: 'first' }), policy(change)])).toThrow(
      expect.objectContaining({ code: 'SLA.TARGET_TOO_LONG', kind: 'invalid', field, details: { calendarId: 'default', maxDays: MAX_DEADLINE_HORIZON_DAYS } }),
    );
  });
});

describe('a calendar that works', () => {
  it('given a calendar with no working time, when checked, then it is refused naming the field given', () => {
    expect(assertWorkingTime('office', office, 'workingHours', new Date())).toBe(office);
    expect(() => assertWorkingTime('closed', closed, 'policies[2].calendarId', new Date())).toThrow(
      expect.objectContaining({ code: 'CALENDAR.NO_WORKING_TIME', field: 'policies[2].calendarId', details: { calendarId: 'closed' } }),
    );
  });
});
