import { OFFICE_WEEK, parseCalendar } from '@cs/business-calendar';
import { planTimers, startClock } from './sla-clock';
import { clocksHeldIfUnplanned, movedDeadlines, timerOutcomes } from './sla-timers';

const cst = (local: string) => new Date(`${local}+08:00`);
const before = parseCalendar({ timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK });
// A typhoon day declared after the timers were planned: Tuesday is no working day now.
const after = parseCalendar({ timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK, holidays: [{ date: '2026-11-24', name: '台风停工' }] });
const clock = startClock('resolution', { amount: 1, unit: 'days', basis: 'working' }, 'default', [], cst('2026-11-23T09:00:00'));
/** A ticket's or an incident's timers, planned again by the walk; `changing`: whether the walk of a change of their calendar has still to reach the ticket. */
const walked = (changing: boolean) => ({ changing: () => changing });
const breachTimer = { clock: 'resolution' as const, kind: 'breach' as const, threshold: 100, fireAt: cst('2026-11-24T17:30:00') };

describe('a due breach timer planned before its calendar moved the deadline later', () => {
  it('given a ticket or an incident, whose timers the calendar walk plans again, then it breaches nothing: the deadline has not passed', () => {
    expect(timerOutcomes(() => after, [clock], 0, breachTimer, walked(false))).toEqual([]);
    expect(timerOutcomes(() => before, [clock], 0, breachTimer, walked(false))).toEqual([
      { type: 'breached', clock: 'resolution', dueAt: cst('2026-11-24T17:30:00') },
      expect.objectContaining({ type: 'escalated', level: 1 }),
    ]);
  });
});

describe('a due manager timer planned before its calendar moved the deadline later', () => {
  const managerTimer = { clock: 'resolution' as const, kind: 'escalate_manager' as const, threshold: 0, fireAt: cst('2026-11-25T17:30:00') };

  it('given the clock not breached (its breach timer breached nothing), then the manager is not escalated to', () => {
    expect(timerOutcomes(() => after, [clock], 0, managerTimer, walked(false))).toEqual([]);
  });

  it('given the clock breached, then the manager is escalated to', () => {
    const breached = { ...clock, breachedAt: cst('2026-11-24T17:30:00') };
    expect(timerOutcomes(() => before, [breached], 1, managerTimer, walked(false))).toEqual([expect.objectContaining({ type: 'escalated', level: 2 })]);
  });
});

describe('a due warning timer planned before its calendar moved its moment later', () => {
  const warned = startClock('resolution', { amount: 1, unit: 'days', basis: 'working' }, 'default', [75], cst('2026-11-23T09:00:00'));
  const [warningTimer] = planTimers(before, warned, cst('2026-11-23T09:00:00')).filter((t) => t.kind === 'warning');

  it('given a ticket the walk of that change has not reached yet, then it warns of nothing yet: the moment has not come', () => {
    expect(warningTimer).toMatchObject({ threshold: 75 });
    expect(timerOutcomes(() => after, [warned], 0, warningTimer!, walked(true))).toEqual([]);
  });

  it('given no change of its calendar under way, then it warns at the moment it was given, which nothing says a change moved', () => {
    expect(timerOutcomes(() => after, [warned], 0, warningTimer!, walked(false))).toEqual([expect.objectContaining({ type: 'warned', threshold: 75 })]);
  });

  it('given the calendar unchanged, then it warns as planned', () => {
    expect(timerOutcomes(() => before, [warned], 0, warningTimer!, walked(true))).toEqual([
      { type: 'warned', clock: 'resolution', threshold: 75, dueAt: cst('2026-11-24T17:30:00') },
    ]);
  });
});

describe('a running clock no timer was planned for', () => {
  it('given a clock held at opening (ADR 0130), when its calendar’s correction is walked, then it is due for the first time, with no deadline before; one planned and unmoved is not', () => {
    expect(movedDeadlines(() => after, [clock], [], cst('2026-11-30T09:00:00'))).toEqual([{ clock: 'resolution', dueAt: cst('2026-11-25T17:30:00') }]);
    expect(movedDeadlines(() => after, [clock], [{ clock: 'resolution', dueAt: cst('2026-11-25T17:30:00') }], cst('2026-11-30T09:00:00'))).toEqual([]);
  });

  it('given a change of an open ticket, then its running clocks are held if planned nowhere before it; met, breached and paused clocks, one the change breached, and a resolved or closed ticket’s are not', () => {
    const met = { ...clock, kind: 'dispatch' as const, metAt: cst('2026-11-23T10:00:00') };
    const open = { status: 'in_progress' as const, clocks: [clock, met] };
    expect(clocksHeldIfUnplanned(open, open)).toEqual(['resolution']);
    expect(clocksHeldIfUnplanned(open, { clocks: [{ ...clock, breachedAt: cst('2026-11-24T17:30:00') }, met] })).toEqual([]);
    expect(clocksHeldIfUnplanned({ ...open, clocks: [{ ...clock, breachedAt: cst('2026-11-24T17:30:00') }] }, open)).toEqual([]);
    expect(clocksHeldIfUnplanned({ ...open, clocks: [{ ...clock, pauses: [{ from: cst('2026-11-23T10:00:00') }] }] }, open)).toEqual([]);
    expect(clocksHeldIfUnplanned({ ...open, status: 'resolved' }, open)).toEqual([]);
    expect(clocksHeldIfUnplanned({ ...open, status: 'closed' }, open)).toEqual([]);
  });
});
