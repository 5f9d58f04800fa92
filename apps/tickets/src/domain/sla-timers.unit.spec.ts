import { OFFICE_WEEK, parseCalendar } from '@cs/business-calendar';
import { planTimers, startClock } from './sla-clock';
import { timerOutcomes } from './sla-timers';

const cst = (local: string) => new Date(`${local}+08:00`);
const before = parseCalendar({ timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK });
// A typhoon day declared after the timers were planned: Tuesday is no working day now.
const after = parseCalendar({ timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK, holidays: [{ date: '2026-11-24', name: '台风停工' }] });
const clock = startClock('resolution', { amount: 1, unit: 'days', basis: 'working' }, 'default', [], cst('2026-11-23T09:00:00'));
const breachTimer = { clock: 'resolution' as const, kind: 'breach' as const, threshold: 100, fireAt: cst('2026-11-24T17:30:00') };

describe('a due breach timer planned before its calendar moved the deadline later', () => {
  it('given a ticket, whose timers the calendar walk plans again, then it breaches nothing: the deadline has not passed', () => {
    expect(timerOutcomes(() => after, [clock], 0, breachTimer, true)).toEqual([]);
    expect(timerOutcomes(() => before, [clock], 0, breachTimer, true)).toEqual([
      { type: 'breached', clock: 'resolution', dueAt: cst('2026-11-24T17:30:00') },
      expect.objectContaining({ type: 'escalated', level: 1 }),
    ]);
  });

  it('given an incident, whose timers wait for its next change, then it fires as planned', () => {
    expect(timerOutcomes(() => after, [clock], 0, breachTimer)).toEqual([expect.objectContaining({ type: 'breached' }), expect.objectContaining({ type: 'escalated' })]);
  });
});

describe('a due warning timer planned before its calendar moved the threshold later', () => {
  // 2 working days from Monday 09:00; its 50 % warning was Tuesday 09:00 before the typhoon day.
  const twoDays = startClock('resolution', { amount: 2, unit: 'days', basis: 'working' }, 'default', [50], cst('2026-11-23T09:00:00'));
  const [warning] = planTimers(before, twoDays, cst('2026-11-23T09:00:00')).filter((t) => t.kind === 'warning');

  it('given a ticket, then it warns of nothing yet: half the time has not run; the walk plans it anew', () => {
    if (!warning) throw new Error('no warning planned');
    expect(timerOutcomes(() => after, [twoDays], 0, warning, true)).toEqual([]);
    const replanned = planTimers(after, twoDays, warning.fireAt).find((t) => t.kind === 'warning');
    expect(replanned?.fireAt.getTime()).toBeGreaterThan(warning.fireAt.getTime());
  });

  it('given the calendar unchanged, then it warns as planned', () => {
    if (!warning) throw new Error('no warning planned');
    expect(timerOutcomes(() => before, [twoDays], 0, warning, true)).toEqual([
      { type: 'warned', clock: 'resolution', threshold: 50, dueAt: expect.any(Date) },
    ]);
  });

  it('given an incident, whose timers wait for its next change, then it warns as planned', () => {
    if (!warning) throw new Error('no warning planned');
    expect(timerOutcomes(() => after, [twoDays], 0, warning)).toEqual([expect.objectContaining({ type: 'warned', threshold: 50 })]);
  });
});
