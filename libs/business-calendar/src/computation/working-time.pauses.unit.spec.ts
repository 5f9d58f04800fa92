import { china2026, shanghai } from '../testing/calendars';
import { OpenPauseError } from './errors';
import { addWorkingMinutes, workingMinutesBetween } from './working-time';

// china2026: Mon–Fri 08:30–12:00 and 13:30–17:30 in Asia/Shanghai; 2026-09-15 is a Tuesday.

describe('pauses (SLA clock stopped while awaiting the customer)', () => {
  const from = shanghai('2026-09-15 09:00');

  it('given a 2-hour pause inside working time, when 4 working hours are added, then the deadline moves by exactly 2 working hours', () => {
    const unpaused = addWorkingMinutes(china2026, from, 240);
    const paused = addWorkingMinutes(china2026, from, 240, [
      { from: shanghai('2026-09-15 09:30'), to: shanghai('2026-09-15 11:30') },
    ]);
    expect(unpaused).toEqual(shanghai('2026-09-15 14:30'));
    expect(paused).toEqual(shanghai('2026-09-15 16:30'));
    expect(workingMinutesBetween(china2026, unpaused, paused)).toBe(120);
  });

  it('given a 17-hour pause over a night, when 4 working hours are added, then the deadline moves only by the 2 working hours inside it', () => {
    const start = shanghai('2026-09-15 15:00');
    const pause = { from: shanghai('2026-09-15 16:00'), to: shanghai('2026-09-16 09:00') };
    expect(workingMinutesBetween(china2026, pause.from, pause.to)).toBe(120);
    expect(addWorkingMinutes(china2026, start, 240)).toEqual(shanghai('2026-09-16 10:00'));
    expect(addWorkingMinutes(china2026, start, 240, [pause])).toEqual(shanghai('2026-09-16 12:00'));
  });

  it('given overlapping, touching and earlier pauses, when minutes are added, then paused time counts once and earlier pauses not at all', () => {
    const pauses = [
      { from: shanghai('2026-09-14 09:00'), to: shanghai('2026-09-14 17:00') },
      { from: shanghai('2026-09-15 09:30'), to: shanghai('2026-09-15 10:30') },
      { from: shanghai('2026-09-15 10:00'), to: shanghai('2026-09-15 11:00') },
      { from: shanghai('2026-09-15 11:00'), to: shanghai('2026-09-15 11:30') },
    ];
    // 09:00–09:30 counts, 09:30–11:30 is paused, 11:30–12:00 counts.
    expect(addWorkingMinutes(china2026, from, 60, pauses)).toEqual(shanghai('2026-09-15 12:00'));
    expect(addWorkingMinutes(china2026, from, 61, pauses)).toEqual(shanghai('2026-09-15 13:31'));
  });

  it('given a pause starting exactly at `from`, when 0 minutes are added, then the result is where the pause ends, not `from`', () => {
    const pauses = [{ from, to: shanghai('2026-09-15 10:00') }];
    expect(addWorkingMinutes(china2026, from, 0, pauses)).toEqual(shanghai('2026-09-15 10:00'));
    expect(addWorkingMinutes(china2026, from, 1, pauses)).toEqual(shanghai('2026-09-15 10:01'));
  });

  it('given a pause starting before `from` and still open, when 0 minutes are added, then OpenPauseError says since when', () => {
    const pauses = [{ from: shanghai('2026-09-15 08:00') }];
    expect(() => addWorkingMinutes(china2026, from, 0, pauses)).toThrow(OpenPauseError);
  });

  it('given an open pause, when the amount runs out before it, then the deadline is known; else OpenPauseError reports what is left', () => {
    const pauses = [{ from: shanghai('2026-09-15 10:00') }];
    expect(addWorkingMinutes(china2026, from, 30, pauses)).toEqual(shanghai('2026-09-15 09:30'));
    expect(addWorkingMinutes(china2026, from, 60, pauses)).toEqual(shanghai('2026-09-15 10:00'));
    let error: unknown;
    try {
      addWorkingMinutes(china2026, from, 240, pauses);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(OpenPauseError);
    expect(error).toMatchObject({ pausedSince: shanghai('2026-09-15 10:00'), remainingMinutes: 180 });
  });

  it.each`
    case                            | pauses                                                                                 | minutes
    ${'no pause'}                   | ${[]}                                                                                  | ${450}
    ${'a 2-hour pause'}             | ${[{ from: shanghai('2026-09-15 09:30'), to: shanghai('2026-09-15 11:30') }]}          | ${330}
    ${'a pause over lunch'}         | ${[{ from: shanghai('2026-09-15 11:30'), to: shanghai('2026-09-15 14:00') }]}          | ${390}
    ${'a pause still open at 16:00'} | ${[{ from: shanghai('2026-09-15 16:00') }]}                                           | ${360}
  `('given $case, when the working day is measured, then $minutes working minutes count', ({ pauses, minutes }) => {
    expect(workingMinutesBetween(china2026, shanghai('2026-09-15 00:00'), shanghai('2026-09-16 00:00'), pauses)).toBe(minutes);
  });

  it('given a pause that ends before it starts, when used, then a RangeError names it', () => {
    const pauses = [{ from: shanghai('2026-09-15 11:00'), to: shanghai('2026-09-15 10:00') }];
    expect(() => addWorkingMinutes(china2026, from, 10, pauses)).toThrow(/pauses\[0\] ends before it starts/);
  });
});
