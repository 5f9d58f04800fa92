import fc from 'fast-check';
import { formattedWallClockAt, instantOfWallClock, wallClockAt } from './zoned-time';

/**
 * Zones whose histories hold what an offset cache could get wrong: DST both ways (Dublin's is
 * negative in winter), half-hour changes (Lord Howe), changes off the hour (Shanghai's local mean
 * time until 1901), a skipped day (Apia, 2011), DST suspended for Ramadan (Casablanca), odd
 * offsets (Kathmandu +05:45, St John's −03:30) and a two-hour change (Troll).
 */
const ZONES = [
  'Asia/Shanghai',
  'Europe/Berlin',
  'Europe/Dublin',
  'America/New_York',
  'America/St_Johns',
  'Australia/Lord_Howe',
  'Pacific/Apia',
  'Africa/Casablanca',
  'Asia/Kathmandu',
  'Antarctica/Troll',
  'UTC',
];

/** Changes the instants below are drawn near: on the hour, on the half hour and off both. */
const CHANGES = [
  '2026-03-29T01:00:00Z', // Berlin and Dublin, spring
  '2026-10-25T01:00:00Z', // Berlin and Dublin, autumn
  '2026-03-08T07:00:00Z', // New York, spring
  '2026-04-04T15:00:00Z', // Lord Howe, 30 minutes back
  '2026-10-03T15:30:00Z', // Lord Howe, 30 minutes forward
  '2011-12-30T10:00:00Z', // Apia skips 30 December
  '1900-12-31T15:54:17Z', // Shanghai leaves local mean time (+08:05:43)
  '1991-09-14T15:00:00Z', // Shanghai's last DST ends
  '1985-12-31T18:30:00Z', // Kathmandu from +05:30 to +05:45
  '2010-11-07T02:31:00Z', // St John's falls back at 00:01 local, off the hour (until 2011)
  '2026-02-15T02:00:00Z', // Casablanca suspends its +01:00 for Ramadan
].map((iso) => Date.parse(iso));

const HOUR = 3_600_000;
const YEAR = 365 * 24 * HOUR;
const zone = fc.constantFrom(...ZONES);
const anywhere = fc.integer({ min: Date.parse('1850-01-01T00:00:00Z'), max: Date.parse('2200-01-01T00:00:00Z') });
const nearAChange = fc
  .record({ change: fc.constantFrom(...CHANGES), by: fc.integer({ min: -3 * HOUR, max: 3 * HOUR }) })
  .map(({ change, by }) => change + by);
const nearAnHour = fc
  .record({ hour: fc.integer({ min: -200 * 24 * 365, max: 200 * 24 * 365 }), nudge: fc.constantFrom(-1000, -1, 0, 1, 999, 1000) })
  .map(({ hour, nudge }) => hour * HOUR + nudge);
const instant = fc.oneof(anywhere, nearAChange, nearAnHour, fc.integer({ min: -YEAR * 30, max: YEAR * 30 }));

describe('UTC → local wall-clock time through the offset cache', () => {
  it('given any zone and instant, asked in any order, when read, then it is what Intl formats for that instant', () => {
    fc.assert(
      fc.property(zone, fc.array(instant, { minLength: 1, maxLength: 20 }), (timeZone, instants) => {
        for (const utcMs of instants) expect(wallClockAt(timeZone, utcMs)).toBe(formattedWallClockAt(timeZone, utcMs));
      }),
      { numRuns: 2_000 },
    );
  });

  it('given each change, when read every minute of the six hours around it in every zone, then each reading is what Intl formats', () => {
    for (const timeZone of ZONES) {
      for (const change of CHANGES) {
        for (let utcMs = change - 3 * HOUR; utcMs <= change + 3 * HOUR; utcMs += 60_000) {
          expect(wallClockAt(timeZone, utcMs)).toBe(formattedWallClockAt(timeZone, utcMs));
          expect(wallClockAt(timeZone, utcMs - 1)).toBe(formattedWallClockAt(timeZone, utcMs - 1));
        }
      }
    }
  });

  it('given a half-hour change, when the wall-clock times around it are placed, then each maps to the first instant showing it or later', () => {
    // Lord Howe goes from +11:00 to +10:30 at 02:00 local: 01:30–02:00 shows twice, the first time at +11:00.
    expect(new Date(instantOfWallClock('Australia/Lord_Howe', Date.parse('2026-04-05T01:45:00Z'))).toISOString()).toBe('2026-04-04T14:45:00.000Z');
    expect(new Date(instantOfWallClock('Australia/Lord_Howe', Date.parse('2026-04-05T02:00:00Z'))).toISOString()).toBe('2026-04-04T15:30:00.000Z');
  });

  it('given a zone Intl does not know, when read, then it throws every time', () => {
    expect(() => wallClockAt('Mars/Olympus_Mons', 0)).toThrow(RangeError);
    expect(() => wallClockAt('Mars/Olympus_Mons', 0)).toThrow(RangeError);
  });

  it('given an instant no Date holds, when read, then it throws as Intl does', () => {
    for (const utcMs of [Number.NaN, Number.POSITIVE_INFINITY, 8.64e15 + 1000]) expect(() => wallClockAt('Asia/Shanghai', utcMs)).toThrow(RangeError);
    expect(wallClockAt('UTC', 8.64e15)).toBe(8.64e15);
    expect(wallClockAt('UTC', -8.64e15)).toBe(-8.64e15);
  });
});
