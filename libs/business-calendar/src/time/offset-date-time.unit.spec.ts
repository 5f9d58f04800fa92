import { toOffsetDateTime } from './offset-date-time';

const at = (iso: string): Date => new Date(iso);

describe('toOffsetDateTime', () => {
  it('given a deadline in Shanghai, when formatted, then it reads as local time with +08:00', () => {
    expect(toOffsetDateTime(at('2026-10-09T09:30:00Z'), 'Asia/Shanghai')).toBe('2026-10-09T17:30:00+08:00');
  });

  it('given an instant just before midnight UTC, when formatted east of UTC, then the local date is the next day', () => {
    expect(toOffsetDateTime(at('2026-12-31T16:00:00Z'), 'Asia/Shanghai')).toBe('2027-01-01T00:00:00+08:00');
  });

  it('given milliseconds, when formatted, then they are kept; whole seconds print none', () => {
    expect(toOffsetDateTime(at('2026-10-09T09:30:00.250Z'), 'Asia/Shanghai')).toBe('2026-10-09T17:30:00.250+08:00');
    expect(toOffsetDateTime(at('2026-10-09T09:30:00.007Z'), 'Asia/Shanghai')).toBe('2026-10-09T17:30:00.007+08:00');
  });

  it('given Berlin in winter and in summer, when formatted, then the offset follows daylight saving time', () => {
    expect(toOffsetDateTime(at('2026-01-15T12:00:00Z'), 'Europe/Berlin')).toBe('2026-01-15T13:00:00+01:00');
    expect(toOffsetDateTime(at('2026-07-15T12:00:00Z'), 'Europe/Berlin')).toBe('2026-07-15T14:00:00+02:00');
  });

  it('given the instants around Berlin springing forward, when formatted, then 02:xx never shows', () => {
    expect(toOffsetDateTime(at('2026-03-29T00:59:59Z'), 'Europe/Berlin')).toBe('2026-03-29T01:59:59+01:00');
    expect(toOffsetDateTime(at('2026-03-29T01:00:00Z'), 'Europe/Berlin')).toBe('2026-03-29T03:00:00+02:00');
  });

  it('given the two instants Berlin shows 02:30 on falling back, when formatted, then the offsets tell them apart', () => {
    expect(toOffsetDateTime(at('2026-10-25T00:30:00Z'), 'Europe/Berlin')).toBe('2026-10-25T02:30:00+02:00');
    expect(toOffsetDateTime(at('2026-10-25T01:30:00Z'), 'Europe/Berlin')).toBe('2026-10-25T02:30:00+01:00');
  });

  it('given zones west of UTC and off the hour, when formatted, then the offset has its sign and minutes', () => {
    expect(toOffsetDateTime(at('2026-11-01T05:30:00Z'), 'America/New_York')).toBe('2026-11-01T01:30:00-04:00');
    expect(toOffsetDateTime(at('2026-11-01T06:30:00Z'), 'America/New_York')).toBe('2026-11-01T01:30:00-05:00');
    expect(toOffsetDateTime(at('2026-06-01T00:00:00Z'), 'Asia/Kolkata')).toBe('2026-06-01T05:30:00+05:30');
    expect(toOffsetDateTime(at('2026-06-01T00:00:00Z'), 'Asia/Kathmandu')).toBe('2026-06-01T05:45:00+05:45');
    expect(toOffsetDateTime(at('2026-06-01T00:00:00Z'), 'America/St_Johns')).toBe('2026-05-31T21:30:00-02:30');
  });

  it('given UTC itself, when formatted, then the offset is written +00:00', () => {
    expect(toOffsetDateTime(at('2026-06-01T08:00:00Z'), 'UTC')).toBe('2026-06-01T08:00:00+00:00');
  });

  it('given many instants across zones and years, when formatted and parsed back, then the same instant returns', () => {
    const zones = ['Asia/Shanghai', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/Sao_Paulo'];
    const start = Date.UTC(1950, 0, 1);
    const end = Date.UTC(2100, 0, 1);
    // A fixed linear congruential sequence: varied instants, the same ones on every run.
    let seed = 20261009;
    for (let i = 0; i < 3000; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const instant = new Date(start + Math.floor((seed / 2 ** 31) * (end - start)));
      const zone = zones[i % zones.length]!;
      const text = toOffsetDateTime(instant, zone);
      expect(text).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?[+-]\d{2}:\d{2}$/);
      expect(new Date(text).getTime()).toBe(instant.getTime());
    }
  });

  it('given local mean time with an offset in seconds, when formatted, then the exact instant is written in UTC', () => {
    // Shanghai kept +08:05:43 until 1901, which no ISO-8601 offset can express.
    expect(toOffsetDateTime(at('1900-06-01T00:00:00Z'), 'Asia/Shanghai')).toBe('1900-06-01T00:00:00.000Z');
  });

  it('given a first-century instant, when formatted, then its year keeps four digits and is not read as 19xx', () => {
    expect(toOffsetDateTime(at('0050-06-01T12:00:00Z'), 'UTC')).toBe('0050-06-01T12:00:00+00:00');
  });

  it('given an invalid Date, an unknown zone, a five-digit or a BC local year, when formatted, then it is a RangeError', () => {
    expect(() => toOffsetDateTime(new Date(Number.NaN), 'Asia/Shanghai')).toThrow(RangeError);
    expect(() => toOffsetDateTime(at('2026-10-09T09:30:00Z'), 'Mars/Olympus_Mons')).toThrow(RangeError);
    expect(() => toOffsetDateTime(at('9999-12-31T20:00:00Z'), 'Asia/Shanghai')).toThrow(RangeError);
    // ISO year 0000 is 1 BC.
    expect(() => toOffsetDateTime(at('0000-06-01T00:00:00Z'), 'UTC')).toThrow(RangeError);
  });
});
