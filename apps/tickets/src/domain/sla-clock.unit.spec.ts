import { OFFICE_WEEK, parseCalendar } from '@cs/business-calendar';
import { dueAt, extendClock, meetClock, pauseClock, planTimers, resumeClock, startClock, viewClock } from './sla-clock';
import { PROMISE_TIER_DURATIONS } from './sla-duration';
import { DEFAULT_POLICIES, SlaPolicy, selectPolicy, validatePolicies } from './sla-policy';

const calendar = parseCalendar({
  timezone: 'Asia/Shanghai',
  workingHours: OFFICE_WEEK,
  holidays: [1, 2, 3, 4, 5, 6, 7].map((d) => ({ date: `2026-10-0${d}`, name: '国庆节' })),
  workingDays: [{ date: '2026-09-27', name: '国庆节调休' }, { date: '2026-10-10', name: '国庆节调休' }],
});
const cst = (local: string) => new Date(`${local}+08:00`);
const wd = (amount: number) => ({ amount, unit: 'days' as const, basis: 'working' as const });

describe('SLA clocks', () => {
  it('a consultation promised 2 working days on the eve of the National Day holiday is due after it', () => {
    const clock = startClock('first_response', PROMISE_TIER_DURATIONS['2d'], 'default', [75, 90], cst('2026-09-30T10:00:00'));
    // 10-01..07 are holidays; the 1st working day after 09-30 is 10-08, the 2nd is 10-09.
    expect(dueAt(calendar, clock, cst('2026-09-30T10:00:00'))).toEqual(cst('2026-10-09T17:30:00'));
  });

  it('a pause inside working time pushes the deadline by exactly the paused working time', () => {
    const start = cst('2026-11-23T09:00:00'); // Monday
    let clock = startClock('resolution', wd(1), 'default', [], start);
    expect(dueAt(calendar, clock, start)).toEqual(cst('2026-11-24T17:30:00'));
    clock = resumeClock(pauseClock(clock, cst('2026-11-24T14:00:00')), cst('2026-11-24T16:00:00'));
    expect(dueAt(calendar, clock, cst('2026-11-24T16:00:00'))).toEqual(cst('2026-11-25T10:30:00'));
  });

  it('a pause on the start day of a working-days target pushes nothing, as that day is not counted; the part past its close does', () => {
    const start = cst('2026-11-23T10:00:00'); // Monday
    const onStartDay = resumeClock(pauseClock(startClock('resolution', wd(1), 'default', [], start), cst('2026-11-23T10:00:00')), cst('2026-11-23T17:30:00'));
    expect(dueAt(calendar, onStartDay, cst('2026-11-23T17:30:00'))).toEqual(cst('2026-11-24T17:30:00'));
    const intoNextDay = resumeClock(pauseClock(startClock('resolution', wd(1), 'default', [], start), cst('2026-11-23T15:00:00')), cst('2026-11-24T09:30:00'));
    expect(dueAt(calendar, intoNextDay, cst('2026-11-24T09:30:00'))).toEqual(cst('2026-11-25T09:30:00'));
    // Same day (0 working days): the start day is the one counted, and a pause on it pushes.
    const sameDay = resumeClock(pauseClock(startClock('dispatch', wd(0), 'default', [], start), cst('2026-11-23T14:00:00')), cst('2026-11-23T15:00:00'));
    expect(dueAt(calendar, sameDay, cst('2026-11-23T15:00:00'))).toEqual(cst('2026-11-24T09:30:00'));
  });

  it('a pause over a night pushes it only by the working time inside the pause', () => {
    const start = cst('2026-11-23T09:00:00');
    let clock = startClock('first_response', { amount: 4, unit: 'hours', basis: 'working' }, 'default', [], start);
    clock = resumeClock(pauseClock(clock, cst('2026-11-23T17:00:00')), cst('2026-11-24T09:00:00'));
    // Due 14:30 (09:00–12:00, 13:30–14:30); paused 17:00–17:30 and 08:30–09:00 is one working hour: 15:30.
    expect(dueAt(calendar, clock, cst('2026-11-24T09:00:00'))).toEqual(cst('2026-11-23T15:30:00'));
  });

  it('an extension whose customer was told before the matter was received is refused naming customerInformedAt', () => {
    const clock = startClock('resolution', wd(1), 'default', [], cst('2026-11-23T09:00:00'));
    expect(() =>
      extendClock(calendar, clock, { by: wd(1), reason: '需要配件', customerInformedAt: new Date('0001-01-01T00:00:00Z'), at: cst('2026-11-23T10:00:00') }),
    ).toThrow(expect.objectContaining({ code: 'SLA.INFORMED_BEFORE_START', field: 'customerInformedAt' }));
  });

  it('an extension moves the deadline by its amount and is refused after the deadline', () => {
    const start = cst('2026-11-23T09:00:00');
    const clock = startClock('resolution', wd(1), 'default', [], start);
    const extended = extendClock(calendar, clock, {
      by: wd(2),
      reason: '需要厂家配件',
      customerInformedAt: cst('2026-11-24T10:00:00'),
      at: cst('2026-11-24T10:05:00'),
    });
    expect(dueAt(calendar, extended, start)).toEqual(cst('2026-11-26T17:30:00'));
    expect(() =>
      extendClock(calendar, clock, { by: wd(1), reason: 'x', customerInformedAt: cst('2026-11-24T18:00:00'), at: cst('2026-11-24T18:00:00') }),
    ).toThrow(/deadline/);
  });

  it('timers: warnings at 75 % and 90 % of the working time, the breach at the deadline, the manager after', () => {
    const start = cst('2026-11-23T08:30:00');
    const clock = startClock('first_response', { amount: 8, unit: 'hours', basis: 'working' }, 'default', [75, 90], start);
    const timers = planTimers(calendar, clock, start, { amount: 1, unit: 'hours', basis: 'working' });
    // A working day here is 7.5 h, so 8 working hours from Monday 08:30 end Tuesday 09:00;
    // 75 % (360 min) is Monday 16:00 and 90 % (432 min) Monday 17:12.
    expect(timers.map((t) => [t.kind, t.threshold, t.fireAt.toISOString()])).toEqual([
      ['warning', 75, cst('2026-11-23T16:00:00').toISOString()],
      ['warning', 90, cst('2026-11-23T17:12:00').toISOString()],
      ['breach', 100, cst('2026-11-24T09:00:00').toISOString()],
      ['escalate_manager', 0, cst('2026-11-24T10:00:00').toISOString()],
    ]);
    expect(planTimers(calendar, pauseClock(clock, start), start)).toEqual([]);
  });

  it('an extension after warnings warns again before the later deadline, at the thresholds it puts after now', () => {
    const start = cst('2026-11-23T10:00:00');
    const warned = { ...startClock('resolution', wd(1), 'default', [75, 90], start), warned: [75, 90] };
    const at = cst('2026-11-24T16:00:00');
    const extended = extendClock(calendar, warned, { by: wd(2), reason: '需要厂家配件', customerInformedAt: at, at });
    expect(extended.warned).toEqual([]);
    // 6 h on Monday and 7.5 h on each of Tuesday to Thursday: 75 % is Thursday 08:52:30, 90 % Thursday 14:39.
    expect(planTimers(calendar, extended, at).map((t) => [t.kind, t.threshold, t.fireAt.toISOString()])).toEqual([
      ['warning', 75, cst('2026-11-26T08:52:30').toISOString()],
      ['warning', 90, cst('2026-11-26T14:39:00').toISOString()],
      ['breach', 100, cst('2026-11-26T17:30:00').toISOString()],
    ]);
  });

  it('an extension that leaves a threshold passed keeps its warning given; only the later ones are warned again', () => {
    const start = cst('2026-11-23T10:00:00');
    const warned = { ...startClock('resolution', wd(1), 'default', [75, 90], start), warned: [75, 90] };
    const at = cst('2026-11-24T17:00:00');
    const extended = extendClock(calendar, warned, { by: { amount: 1, unit: 'hours', basis: 'working' }, reason: '等客户确认', customerInformedAt: at, at });
    // 14.5 working hours to Wednesday 09:30: 75 % (10.875 h) was Tuesday 14:52:30, 90 % (13.05 h) is Tuesday 17:03.
    expect(extended.warned).toEqual([75]);
    expect(planTimers(calendar, extended, at).filter((t) => t.kind === 'warning').map((t) => [t.threshold, t.fireAt.toISOString()])).toEqual([
      [90, cst('2026-11-24T17:03:00').toISOString()],
    ]);
  });

  it('timers: a threshold a clock was stored with twice (or given twice) is planned once', () => {
    const start = cst('2026-11-23T08:30:00');
    const clock = startClock('first_response', { amount: 8, unit: 'hours', basis: 'working' }, 'default', [90, 75, 90], start);
    expect(clock.warnAt).toEqual([75, 90]);
    const stored = { ...clock, warnAt: [75, 75, 90] };
    expect(planTimers(calendar, stored, start).map((t) => [t.kind, t.threshold])).toEqual([
      ['warning', 75],
      ['warning', 90],
      ['breach', 100],
    ]);
  });

  it('a clock met before its deadline is met; met late it is breached', () => {
    const start = cst('2026-11-23T09:00:00');
    const clock = startClock('dispatch', wd(0), 'default', [], start);
    expect(viewClock(calendar, meetClock(clock, cst('2026-11-23T11:00:00')), cst('2026-11-23T12:00:00')).state).toBe('met');
    expect(viewClock(calendar, meetClock(clock, cst('2026-11-24T09:00:00')), cst('2026-11-24T12:00:00')).state).toBe('breached');
  });

  it('a clock met at a time told after the fact counts pauses only up to it', () => {
    const clock = startClock('on_site', wd(1), 'default', [], cst('2026-11-23T09:00:00'));
    // Awaiting the customer from 10:00 to the next day 15:00; the handler had arrived at 10:30; a later pause from 16:00.
    const waited = pauseClock(resumeClock(pauseClock(clock, cst('2026-11-23T10:00:00')), cst('2026-11-24T15:00:00')), cst('2026-11-24T16:00:00'));
    const met = meetClock(waited, cst('2026-11-23T10:30:00'));
    expect(met.pauses).toEqual([{ from: cst('2026-11-23T10:00:00'), to: cst('2026-11-23T10:30:00') }]);
    expect(viewClock(calendar, met, cst('2026-11-24T17:00:00'))).toMatchObject({ state: 'met', elapsedMinutes: 60, pausedMinutes: 30 });
    // Met now, an open pause ends now and earlier ones stay.
    expect(meetClock(waited, cst('2026-11-24T17:00:00')).pauses).toEqual([
      { from: cst('2026-11-23T10:00:00'), to: cst('2026-11-24T15:00:00') },
      { from: cst('2026-11-24T16:00:00'), to: cst('2026-11-24T17:00:00') },
    ]);
  });
});

describe('SLA policies', () => {
  const ticket = { grade: 'general', priority: 'normal', channel: 'phone' };

  it('the most specific matching policy wins', () => {
    expect(selectPolicy(DEFAULT_POLICIES, { ...ticket, sectionCode: 'complaint', grade: 'major' })?.id).toBe('complaint-major');
    expect(selectPolicy(DEFAULT_POLICIES, { ...ticket, sectionCode: 'complaint' })?.id).toBe('complaint');
    expect(selectPolicy(DEFAULT_POLICIES, { ...ticket, sectionCode: 'repair' })?.id).toBe('repair');
    expect(selectPolicy(DEFAULT_POLICIES, { ...ticket, sectionCode: 'housekeeping' })?.id).toBe('default');
  });

  it('the defaults are valid; a list without a fallback or with a consultation over 3 working days is not', () => {
    expect(() => validatePolicies(DEFAULT_POLICIES)).not.toThrow();
    expect(() => validatePolicies(DEFAULT_POLICIES.filter((p) => p.id !== 'default'))).toThrow(/every ticket/);
    const tooLong: SlaPolicy = { ...DEFAULT_POLICIES[0]!, targets: { first_response: wd(4) } };
    expect(() => validatePolicies([tooLong, DEFAULT_POLICIES[4]!])).toThrow(expect.objectContaining({ field: 'policies[0].targets.first_response' }));
  });
});
