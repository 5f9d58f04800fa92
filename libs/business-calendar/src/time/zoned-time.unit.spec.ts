import { addCalendarDays, addCalendarMonths, instantOfWallClock, isKnownTimeZone, localDayOf, offsetAt, wallClockAt } from './zoned-time';
import { parseIsoDate } from './civil-date';

const wall = (local: string): number => Date.parse(`${local}Z`);
const iso = (ms: number): string => new Date(ms).toISOString();

describe('zone names', () => {
  it.each`
    name                    | known
    ${'Asia/Shanghai'}      | ${true}
    ${'Europe/Berlin'}      | ${true}
    ${'America/New_York'}   | ${true}
    ${'UTC'}                | ${true}
    ${'Mars/Olympus_Mons'}  | ${false}
    ${'+08:00'}             | ${false}
    ${''}                   | ${false}
  `('given "$name", when checked with Intl, then known is $known', ({ name, known }) => {
    expect(isKnownTimeZone(name)).toBe(known);
  });
});

describe('UTC → local wall-clock time', () => {
  it('given Shanghai (no DST), when read at any time of year, then the offset is +08:00', () => {
    expect(offsetAt('Asia/Shanghai', Date.parse('2026-01-15T00:00:00Z'))).toBe(8 * 3_600_000);
    expect(offsetAt('Asia/Shanghai', Date.parse('2026-07-15T00:00:00Z'))).toBe(8 * 3_600_000);
  });

  it('given Berlin, when read a millisecond either side of the spring change, then the offset goes from +01:00 to +02:00', () => {
    const change = Date.parse('2026-03-29T01:00:00Z');
    expect(iso(wallClockAt('Europe/Berlin', change - 1))).toBe('2026-03-29T01:59:59.999Z');
    expect(iso(wallClockAt('Europe/Berlin', change))).toBe('2026-03-29T03:00:00.000Z');
  });

  it('given an instant late in the UTC day, when its local date is asked, then it is the local (next) date', () => {
    expect(localDayOf('Asia/Shanghai', Date.parse('2026-09-30T17:00:00Z'))).toBe(parseIsoDate('2026-10-01'));
  });
});

describe('local wall-clock time → UTC (first instant showing that time or later)', () => {
  it.each`
    zone                  | local                        | utc                           | why
    ${'Asia/Shanghai'}    | ${'2026-10-01T08:30:00'}     | ${'2026-10-01T00:30:00.000Z'} | ${'fixed offset'}
    ${'Europe/Berlin'}    | ${'2026-03-29T01:59:00'}     | ${'2026-03-29T00:59:00.000Z'} | ${'just before the spring gap'}
    ${'Europe/Berlin'}    | ${'2026-03-29T02:00:00'}     | ${'2026-03-29T01:00:00.000Z'} | ${'the gap start maps to the jump'}
    ${'Europe/Berlin'}    | ${'2026-03-29T02:30:00'}     | ${'2026-03-29T01:00:00.000Z'} | ${'inside the gap maps to the jump'}
    ${'Europe/Berlin'}    | ${'2026-03-29T03:00:00'}     | ${'2026-03-29T01:00:00.000Z'} | ${'the first time after the gap'}
    ${'Europe/Berlin'}    | ${'2026-10-25T02:30:00'}     | ${'2026-10-25T00:30:00.000Z'} | ${'the overlap takes the first (CEST) 02:30'}
    ${'Europe/Berlin'}    | ${'2026-10-25T03:00:00'}     | ${'2026-10-25T02:00:00.000Z'} | ${'after the overlap, CET'}
    ${'America/New_York'} | ${'2026-03-08T02:15:00'}     | ${'2026-03-08T07:00:00.000Z'} | ${'inside the spring gap maps to the jump'}
    ${'America/New_York'} | ${'2026-11-01T01:30:00'}     | ${'2026-11-01T05:30:00.000Z'} | ${'the overlap takes the first (EDT) 01:30'}
    ${'America/New_York'} | ${'2026-11-02T00:00:00'}     | ${'2026-11-02T05:00:00.000Z'} | ${'"24:00" of the change day, EST'}
  `('given $local in $zone ($why), when converted, then it is $utc', ({ zone, local, utc }) => {
    expect(iso(instantOfWallClock(zone, wall(local)))).toBe(utc);
  });
});

describe('calendar days added in a zone', () => {
  const at = (text: string) => new Date(text);
  it('given Shanghai (no DST), then a day is 24 hours, and 0 days is the instant itself', () => {
    expect(addCalendarDays('Asia/Shanghai', at('2026-10-01T02:00:00Z'), 3).toISOString()).toBe('2026-10-04T02:00:00.000Z');
    expect(addCalendarDays('Asia/Shanghai', at('2026-10-01T02:00:00Z'), 0).toISOString()).toBe('2026-10-01T02:00:00.000Z');
  });

  it('given Berlin across the spring and autumn changes, then the days end at the local time they began (23 and 25 hours)', () => {
    // Saturday 28 March 2026 10:00 CET (+01:00) → Sunday 29 March 10:00 CEST (+02:00).
    expect(addCalendarDays('Europe/Berlin', at('2026-03-28T09:00:00Z'), 1).toISOString()).toBe('2026-03-29T08:00:00.000Z');
    // Saturday 24 October 2026 10:00 CEST → Sunday 25 October 10:00 CET.
    expect(addCalendarDays('Europe/Berlin', at('2026-10-24T08:00:00Z'), 1).toISOString()).toBe('2026-10-25T09:00:00.000Z');
  });

  it('given a local time the spring change skips, then the first instant after the gap', () => {
    // Saturday 28 March 2026 02:30 CET; on the 29th clocks go from 02:00 straight to 03:00.
    expect(addCalendarDays('Europe/Berlin', at('2026-03-28T01:30:00Z'), 1).toISOString()).toBe('2026-03-29T01:00:00.000Z');
  });
});

describe('calendar months in a zone', () => {
  const at = (instant: string): Date => new Date(instant);

  it('given Shanghai just after local midnight (the UTC date is the day before), then the local day of the month is kept', () => {
    // 31 January 00:30 local is 30 January 16:30Z; counted in UTC days it would become 1 March 00:30 local.
    expect(addCalendarMonths('Asia/Shanghai', at('2026-01-30T16:30:00Z'), 1).toISOString()).toBe('2026-02-27T16:30:00.000Z');
  });

  it('given the 31st, then a shorter month ends on its last day and a later month on the 31st again, counted from the start', () => {
    expect(addCalendarMonths('Asia/Shanghai', at('2026-01-31T02:00:00Z'), 3).toISOString()).toBe('2026-04-30T02:00:00.000Z');
    expect(addCalendarMonths('Asia/Shanghai', at('2026-01-31T02:00:00Z'), 2).toISOString()).toBe('2026-03-31T02:00:00.000Z');
    expect(addCalendarMonths('Asia/Shanghai', at('2027-12-31T02:00:00Z'), 2).toISOString()).toBe('2028-02-29T02:00:00.000Z');
    expect(addCalendarMonths('Asia/Shanghai', at('2026-01-31T02:00:00Z'), 0).toISOString()).toBe('2026-01-31T02:00:00.000Z');
  });

  it('given Berlin across the spring change, then the month ends at the local time it began', () => {
    // 15 March 2026 10:00 CET (+01:00) → 15 April 10:00 CEST (+02:00).
    expect(addCalendarMonths('Europe/Berlin', at('2026-03-15T09:00:00Z'), 1).toISOString()).toBe('2026-04-15T08:00:00.000Z');
  });
});
