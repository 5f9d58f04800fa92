import { parseCalendar } from '../calendar/parse-calendar';
import { berlinOffice, berlinWithSundayNights, newYorkNights } from '../testing/calendars';
import { addWorkingDays, endOfWorkingDay } from './working-days';
import { addWorkingHours, addWorkingMinutes, isWorkingTime, nextWorkingInstant, workingMinutesBetween } from './working-time';

// Every expectation is written with its local offset and checked against the UTC value by
// hand. Europe/Berlin: CET +01:00, CEST +02:00 from 2026-03-29 01:00Z (02:00 → 03:00) to
// 2026-10-25 01:00Z (03:00 → 02:00). America/New_York: EST −05:00, EDT −04:00 from
// 2026-03-08 07:00Z (02:00 → 03:00) to 2026-11-01 06:00Z (02:00 → 01:00).

const at = (iso: string): Date => new Date(iso);

describe('working time across DST changes in Europe/Berlin (office 08:00–17:00, Mon–Fri)', () => {
  it.each`
    case                                             | from                           | hours | expected                       | utc
    ${'spring: Friday 2026-03-27 16:00 CET'}         | ${'2026-03-27T16:00:00+01:00'} | ${2}  | ${'2026-03-30T09:00:00+02:00'} | ${'2026-03-30T07:00:00.000Z'}
    ${'autumn: Friday 2026-10-23 16:00 CEST'}        | ${'2026-10-23T16:00:00+02:00'} | ${2}  | ${'2026-10-26T09:00:00+01:00'} | ${'2026-10-26T08:00:00.000Z'}
    ${'a whole week up to closing time, spring'}     | ${'2026-03-23T08:00:00+01:00'} | ${45} | ${'2026-03-27T17:00:00+01:00'} | ${'2026-03-27T16:00:00.000Z'}
    ${'one working week plus one hour, across it'}   | ${'2026-03-26T08:00:00+01:00'} | ${46} | ${'2026-04-02T09:00:00+02:00'} | ${'2026-04-02T07:00:00.000Z'}
  `('given $case, when $hours working hours are added, then it is $expected ($utc)', ({ from, hours, expected, utc }) => {
    const result = addWorkingHours(berlinOffice, at(from), hours);
    expect(result).toEqual(at(expected));
    expect(result.toISOString()).toBe(utc);
  });

  it('given the spring weekend, when the working time from Friday 16:00 to Monday 09:00 is measured, then it is 2 hours', () => {
    expect(workingMinutesBetween(berlinOffice, at('2026-03-27T15:00:00Z'), at('2026-03-30T07:00:00Z'))).toBe(120);
  });

  it('given Friday 10:00 before each change, when 1 working day is added, then it is Monday 17:00 local in the new offset', () => {
    expect(addWorkingDays(berlinOffice, at('2026-03-27T10:00:00+01:00'), 1).toISOString()).toBe('2026-03-30T15:00:00.000Z');
    expect(addWorkingDays(berlinOffice, at('2026-10-23T10:00:00+02:00'), 1).toISOString()).toBe('2026-10-26T16:00:00.000Z');
  });
});

describe('working intervals holding a DST change', () => {
  const nightDesks = { berlin: berlinWithSundayNights, newYork: newYorkNights };

  it.each`
    desk         | night                            | from                           | until                          | minutes
    ${'berlin'}  | ${'spring (one hour short)'}     | ${'2026-03-29T00:00:00+01:00'} | ${'2026-03-29T06:00:00+02:00'} | ${300}
    ${'berlin'}  | ${'autumn (one hour long)'}      | ${'2026-10-25T00:00:00+02:00'} | ${'2026-10-25T06:00:00+01:00'} | ${420}
    ${'newYork'} | ${'spring (one hour short)'}     | ${'2026-03-08T00:00:00-05:00'} | ${'2026-03-08T04:00:00-04:00'} | ${180}
    ${'newYork'} | ${'autumn (one hour long)'}      | ${'2026-11-01T00:00:00-04:00'} | ${'2026-11-01T04:00:00-05:00'} | ${300}
  `(
    'given the $desk night desk on the $night night, when measured from $from to $until, then it is $minutes real minutes',
    ({ desk, from, until, minutes }: { desk: keyof typeof nightDesks; from: string; until: string; minutes: number }) => {
      expect(workingMinutesBetween(nightDesks[desk], at(from), at(until))).toBe(minutes);
    },
  );

  it('given the Berlin spring night, when 2 working hours are added at midnight, then it is 03:00 CEST (02:00 never shows)', () => {
    expect(addWorkingMinutes(berlinWithSundayNights, at('2026-03-29T00:00:00+01:00'), 120).toISOString()).toBe(
      '2026-03-29T01:00:00.000Z',
    );
  });

  it('given the New York autumn night, when 400 minutes are added from Saturday 20:00 EDT, then they run through "24:00" and the repeated hour to 01:40 EST', () => {
    const result = addWorkingMinutes(newYorkNights, at('2026-10-31T20:00:00-04:00'), 400);
    expect(result).toEqual(at('2026-11-01T01:40:00-05:00'));
    expect(result.toISOString()).toBe('2026-11-01T06:40:00.000Z');
  });

  it('given "24:00" as an interval end, when the evening interval is used up exactly, then the result is local midnight', () => {
    expect(addWorkingMinutes(newYorkNights, at('2026-06-10T20:00:00-04:00'), 240).toISOString()).toBe('2026-06-11T04:00:00.000Z');
    expect(isWorkingTime(newYorkNights, at('2026-06-11T03:59:59.999Z'))).toBe(true);
  });
});

describe('interval ends inside a DST gap or overlap (first instant showing that time or later)', () => {
  const sundayAt = (hours: [string, string][]) =>
    parseCalendar({
      timezone: 'Europe/Berlin',
      workingHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: hours },
    });

  it('given a start in the spring gap (02:30), when the interval opens, then it opens at the jump to 03:00 CEST', () => {
    const calendar = sundayAt([['02:30', '05:00']]);
    expect(nextWorkingInstant(calendar, at('2026-03-29T00:00:00Z')).toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(workingMinutesBetween(calendar, at('2026-03-29T00:00:00Z'), at('2026-03-30T00:00:00Z'))).toBe(120);
  });

  it('given an interval wholly in the spring gap (02:00–02:45), when that Sunday comes, then it has no working time', () => {
    const calendar = sundayAt([['02:00', '02:45']]);
    expect(endOfWorkingDay(calendar, '2026-03-29')).toBeUndefined();
    expect(endOfWorkingDay(calendar, '2026-03-22')?.toISOString()).toBe('2026-03-22T01:45:00.000Z');
  });

  it('given a start in the autumn overlap (02:30), when the interval opens, then it opens at the first 02:30 (CEST)', () => {
    const calendar = sundayAt([['02:30', '05:00']]);
    expect(nextWorkingInstant(calendar, at('2026-10-24T12:00:00Z')).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(workingMinutesBetween(calendar, at('2026-10-24T12:00:00Z'), at('2026-10-26T00:00:00Z'))).toBe(210);
  });
});
