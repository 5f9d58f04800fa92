import { parseCalendar } from '../calendar/parse-calendar';
import { china2026, china2026ShortSaturday, shanghai } from '../testing/calendars';
import { NoWorkingTimeError } from './errors';
import { addWorkingDays, endOfWorkingDay, isWorkingDay } from './working-days';

// china2026 closes at 17:30 (Asia/Shanghai). 2026-09-11 is a Friday, 09-12 a Saturday, 09-26 a
// Saturday before the 调休 Sunday 09-27, 09-30 a Wednesday before 国庆 (10-01…07), 10-10 a 调休 Saturday.

describe('addWorkingDays ("N个工作日内") with the 2026 China calendar', () => {
  it.each`
    case                                                             | from                  | n    | expected
    ${'received Friday 10:00'}                                       | ${'2026-09-11 10:00'} | ${1} | ${'2026-09-14 17:30'}
    ${'received Friday 10:00 before a 调休 Saturday'}                | ${'2026-10-09 10:00'} | ${1} | ${'2026-10-10 17:30'}
    ${'received Saturday before a 调休 Sunday'}                      | ${'2026-09-26 10:00'} | ${1} | ${'2026-09-27 17:30'}
    ${'received on the eve of the holiday'}                          | ${'2026-09-30 10:00'} | ${1} | ${'2026-10-08 17:30'}
    ${'received on the eve of the holiday'}                          | ${'2026-09-30 10:00'} | ${2} | ${'2026-10-09 17:30'}
    ${'received on the eve of the holiday (3rd is the 调休 Saturday)'} | ${'2026-09-30 10:00'} | ${3} | ${'2026-10-10 17:30'}
    ${'received on a Saturday (the start day does not count)'}       | ${'2026-09-12 10:00'} | ${1} | ${'2026-09-14 17:30'}
    ${'received on a holiday'}                                       | ${'2026-10-03 10:00'} | ${1} | ${'2026-10-08 17:30'}
    ${'received after closing time'}                                 | ${'2026-09-15 20:00'} | ${1} | ${'2026-09-16 17:30'}
    ${'received just after midnight'}                                | ${'2026-09-15 00:05'} | ${1} | ${'2026-09-16 17:30'}
    ${'received Monday, 3 working days across the holiday'}          | ${'2026-09-28 09:00'} | ${3} | ${'2026-10-08 17:30'}
    ${'received at year end'}                                        | ${'2026-12-31 16:00'} | ${1} | ${'2027-01-04 17:30'}
    ${'received on a working day, the same day (n = 0)'}             | ${'2026-09-30 10:00'} | ${0} | ${'2026-09-30 17:30'}
    ${'received after closing, the same day (n = 0): the next one'}  | ${'2026-09-29 20:00'} | ${0} | ${'2026-09-30 17:30'}
    ${'received at closing time, the same day (n = 0): the next one'} | ${'2026-09-29 17:30'} | ${0} | ${'2026-09-30 17:30'}
    ${'received after closing before a holiday (n = 0)'}              | ${'2026-09-30 20:00'} | ${0} | ${'2026-10-08 17:30'}
    ${'received before opening, the same day (n = 0)'}               | ${'2026-09-30 07:00'} | ${0} | ${'2026-09-30 17:30'}
    ${'received on a Saturday, the same day (n = 0)'}                | ${'2026-09-12 10:00'} | ${0} | ${'2026-09-14 17:30'}
    ${'received on a holiday, the same day (n = 0)'}                 | ${'2026-10-01 10:00'} | ${0} | ${'2026-10-08 17:30'}
  `('given $case ($from), when $n working days are added, then the deadline is $expected', ({ from, n, expected }) => {
    expect(addWorkingDays(china2026, shanghai(from), n)).toEqual(shanghai(expected));
  });

  it('given a 调休 day with its own hours (10-10 09:00–12:00), when it is the Nth working day, then the deadline is its own closing time', () => {
    expect(addWorkingDays(china2026ShortSaturday, shanghai('2026-09-30 10:00'), 3)).toEqual(shanghai('2026-10-10 12:00'));
  });

  it.each([-1, 1.5, Number.NaN])('given n = %p, when added, then a RangeError says n must be an integer ≥ 0', (n) => {
    expect(() => addWorkingDays(china2026, shanghai('2026-09-15 09:00'), n)).toThrow(/integer ≥ 0/);
  });
});

describe('addWorkingDays with a calendar closing at "24:00"', () => {
  // Weekdays 08:00–24:00: Tuesday's close is the instant Wednesday 00:00.
  const lateShift = parseCalendar({
    timezone: 'Asia/Shanghai',
    workingHours: { mon: [['08:00', '24:00']], tue: [['08:00', '24:00']], wed: [['08:00', '24:00']], thu: [['08:00', '24:00']], fri: [['08:00', '24:00']], sat: [], sun: [] },
  });

  it.each`
    case                                                              | from                  | n    | expected
    ${'received Monday 10:00'}                                        | ${'2026-11-02 10:00'} | ${1} | ${'2026-11-04 00:00'}
    ${'counted from that deadline, Tuesday 24:00 (an extension)'}    | ${'2026-11-04 00:00'} | ${1} | ${'2026-11-05 00:00'}
    ${'counted from Tuesday 24:00, two days'}                        | ${'2026-11-04 00:00'} | ${2} | ${'2026-11-06 00:00'}
    ${'counted from Tuesday 24:00, the same day (n = 0)'}            | ${'2026-11-04 00:00'} | ${0} | ${'2026-11-05 00:00'}
    ${'received a millisecond later, Wednesday 00:00:00.001'}        | ${'2026-11-04 00:00:00.001'} | ${1} | ${'2026-11-06 00:00'}
    ${'counted from Friday 24:00, over the weekend'}                  | ${'2026-11-07 00:00'} | ${1} | ${'2026-11-10 00:00'}
  `('given $case ($from), when $n working days are added, then the deadline is $expected', ({ from, n, expected }) => {
    expect(addWorkingDays(lateShift, shanghai(from), n)).toEqual(shanghai(expected));
  });

  it('given a deadline of 1 working day, when 1 more is counted from it, then it is the deadline of 2', () => {
    const received = shanghai('2026-11-02 10:00');
    expect(addWorkingDays(lateShift, addWorkingDays(lateShift, received, 1), 1)).toEqual(addWorkingDays(lateShift, received, 2));
  });
});

describe('endOfWorkingDay and isWorkingDay with the 2026 China calendar', () => {
  it.each`
    date                                 | end
    ${'2026-09-30'}                      | ${'2026-09-30 17:30'}
    ${'2026-09-27'}                      | ${'2026-09-27 17:30'}
    ${'2026-10-01'}                      | ${undefined}
    ${'2026-09-12'}                      | ${undefined}
    ${shanghai('2026-09-30 23:59')}      | ${'2026-09-30 17:30'}
    ${new Date('2026-09-30T17:00:00Z')}  | ${undefined}
  `('given $date (a Date counts by its local date in Shanghai), when asked, then the close is $end', ({ date, end }) => {
    expect(endOfWorkingDay(china2026, date)).toEqual(end === undefined ? undefined : shanghai(end));
    expect(isWorkingDay(china2026, date)).toBe(end !== undefined);
  });

  it('given a date that does not exist, when asked, then a RangeError is thrown', () => {
    expect(() => endOfWorkingDay(china2026, '2026-02-30')).toThrow(RangeError);
  });
});

describe('addWorkingDays on a calendar without working time', () => {
  const empty = parseCalendar({
    timezone: 'Asia/Shanghai',
    workingHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
  });

  it('given no working hours at all, when a deadline is asked for, then it fails clearly instead of searching forever', () => {
    expect(() => addWorkingDays(empty, shanghai('2026-09-15 09:00'), 1)).toThrow(NoWorkingTimeError);
    expect(() => addWorkingDays(empty, shanghai('2026-09-15 09:00'), 1)).toThrow(/no working time in the 1098 days/);
  });
});
