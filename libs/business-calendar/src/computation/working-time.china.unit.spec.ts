import { china2026, china2026ShortSaturday, shanghai } from '../testing/calendars';
import {
  addWorkingHours,
  addWorkingMinutes,
  isWorkingTime,
  nextWorkingInstant,
  workingMinutesBetween,
} from './working-time';

// Hours of china2026: Mon–Fri 08:30–12:00 and 13:30–17:30 (7.5 h) in Asia/Shanghai; 国庆
// 2026-10-01…07 off; 调休 Sunday 09-27 and Saturday 10-10; 2027-01-01 off.
// 2026-09-15 is a Tuesday, 09-30 a Wednesday, 10-09 a Friday, 12-31 a Thursday.

describe('addWorkingMinutes with the 2026 China calendar', () => {
  it.each`
    case                                                     | from                  | minutes  | expected
    ${'lunch crossing'}                                      | ${'2026-09-15 11:50'} | ${20}    | ${'2026-09-15 13:40'}
    ${'night crossing'}                                      | ${'2026-09-15 17:25'} | ${30}    | ${'2026-09-16 08:55'}
    ${'an amount running out at closing time'}               | ${'2026-09-15 17:00'} | ${30}    | ${'2026-09-15 17:30'}
    ${'an amount running out at the lunch break'}            | ${'2026-09-15 11:00'} | ${60}    | ${'2026-09-15 12:00'}
    ${'a start before opening'}                              | ${'2026-09-15 07:00'} | ${60}    | ${'2026-09-15 09:30'}
    ${'a start in the lunch break'}                          | ${'2026-09-15 12:15'} | ${10}    | ${'2026-09-15 13:40'}
    ${'a start at closing time'}                             | ${'2026-09-15 17:30'} | ${10}    | ${'2026-09-16 08:40'}
    ${'the eve of the 国庆 holiday week'}                    | ${'2026-09-30 17:00'} | ${60}    | ${'2026-10-08 09:00'}
    ${'a start inside the holiday week'}                     | ${'2026-10-03 10:00'} | ${15}    | ${'2026-10-08 08:45'}
    ${'a Friday before the 调休 Sunday 09-27'}               | ${'2026-09-25 17:00'} | ${60}    | ${'2026-09-27 09:00'}
    ${'the Friday before the 调休 Saturday 10-10'}           | ${'2026-10-09 17:00'} | ${60}    | ${'2026-10-10 09:00'}
    ${'10,000 minutes = 22 working days (of 450) + 100 min'} | ${'2026-09-01 08:30'} | ${10000} | ${'2026-09-30 10:10'}
    ${'fractional minutes, counted to the millisecond'}      | ${'2026-09-15 11:59'} | ${1.5}   | ${'2026-09-15 13:30:30'}
  `('given $case ($from), when $minutes working minutes are added, then it is $expected', ({ from, minutes, expected }) => {
    expect(addWorkingMinutes(china2026, shanghai(from), minutes)).toEqual(shanghai(expected));
  });

  it.each`
    case                                  | from                  | expected
    ${'working time'}                     | ${'2026-09-15 09:10'} | ${'2026-09-15 09:10'}
    ${'the first instant of an interval'} | ${'2026-09-15 13:30'} | ${'2026-09-15 13:30'}
    ${'the lunch break'}                  | ${'2026-09-15 12:00'} | ${'2026-09-15 13:30'}
    ${'closing time'}                     | ${'2026-09-15 17:30'} | ${'2026-09-16 08:30'}
    ${'a holiday'}                        | ${'2026-10-01 09:00'} | ${'2026-10-08 08:30'}
    ${'a Saturday before a 调休 Sunday'}  | ${'2026-09-26 09:00'} | ${'2026-09-27 08:30'}
  `('given $case ($from), when 0 minutes are added, then it is the next working instant $expected', ({ from, expected }) => {
    expect(addWorkingMinutes(china2026, shanghai(from), 0)).toEqual(shanghai(expected));
    expect(nextWorkingInstant(china2026, shanghai(from))).toEqual(shanghai(expected));
  });

  it('given year end (2027-01-01 a holiday, 01-02/03 the weekend), when 2 working hours are added to 2026-12-31 16:00, then 1.5 h run that day and 0.5 h on Monday 2027-01-04', () => {
    expect(addWorkingHours(china2026, shanghai('2026-12-31 16:00'), 2)).toEqual(shanghai('2027-01-04 09:00'));
  });

  it('given a 调休 day with its own hours (10-10 09:00–12:00), when time runs into it, then those hours apply instead of Monday’s', () => {
    expect(addWorkingMinutes(china2026ShortSaturday, shanghai('2026-10-09 17:00'), 60)).toEqual(shanghai('2026-10-10 09:30'));
    expect(addWorkingMinutes(china2026ShortSaturday, shanghai('2026-10-10 11:00'), 120)).toEqual(shanghai('2026-10-12 09:30'));
    expect(isWorkingTime(china2026ShortSaturday, shanghai('2026-10-10 08:45'))).toBe(false);
    expect(isWorkingTime(china2026ShortSaturday, shanghai('2026-10-10 14:00'))).toBe(false);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('given %p minutes, when added, then a RangeError says why', (minutes) => {
    expect(() => addWorkingMinutes(china2026, shanghai('2026-09-15 09:00'), minutes)).toThrow(RangeError);
  });

  it('given an invalid Date, when used as a start, then a RangeError names the argument', () => {
    expect(() => addWorkingMinutes(china2026, new Date(Number.NaN), 1)).toThrow(/from must be a valid Date/);
  });
});

describe('isWorkingTime with the 2026 China calendar', () => {
  it.each`
    at                            | working
    ${'2026-09-15 08:29:59.999'}  | ${false}
    ${'2026-09-15 08:30'}         | ${true}
    ${'2026-09-15 11:59:59.999'}  | ${true}
    ${'2026-09-15 12:00'}         | ${false}
    ${'2026-09-15 17:29'}         | ${true}
    ${'2026-09-15 17:30'}         | ${false}
    ${'2026-09-12 10:00'}         | ${false}
    ${'2026-09-27 10:00'}         | ${true}
    ${'2026-10-01 10:00'}         | ${false}
    ${'2026-10-10 16:00'}         | ${true}
  `('given $at (start inclusive, end exclusive), when asked, then working time is $working', ({ at, working }) => {
    expect(isWorkingTime(china2026, shanghai(at))).toBe(working);
  });
});

describe('workingMinutesBetween with the 2026 China calendar', () => {
  it.each`
    case                                        | a                     | b                            | minutes
    ${'a whole working day'}                    | ${'2026-09-15 00:00'} | ${'2026-09-16 00:00'}        | ${450}
    ${'lunch crossing'}                         | ${'2026-09-15 11:50'} | ${'2026-09-15 13:40'}        | ${20}
    ${'night crossing'}                         | ${'2026-09-15 17:25'} | ${'2026-09-16 08:55'}        | ${30}
    ${'the holiday week'}                       | ${'2026-09-30 10:00'} | ${'2026-10-08 10:00'}        | ${360 + 90}
    ${'a week with the 调休 Sunday'}            | ${'2026-09-26 00:00'} | ${'2026-10-03 00:00'}        | ${4 * 450}
    ${'non-working time only'}                  | ${'2026-10-01 00:00'} | ${'2026-10-08 08:30'}        | ${0}
    ${'half a minute'}                          | ${'2026-09-15 08:30'} | ${'2026-09-15 08:30:30'}     | ${0.5}
    ${'b equal to a'}                           | ${'2026-09-15 09:00'} | ${'2026-09-15 09:00'}        | ${0}
    ${'b before a'}                             | ${'2026-09-16 09:00'} | ${'2026-09-15 09:00'}        | ${0}
  `('given $case, when measured from $a to $b, then it is $minutes working minutes', ({ a, b, minutes }) => {
    expect(workingMinutesBetween(china2026, shanghai(a), shanghai(b))).toBe(minutes);
  });
});
