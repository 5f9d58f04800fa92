import { OFFICE_WEEK, addWorkingDays, isWorkingDay, parseCalendar, withOfficialDays } from '@cs/business-calendar';
import { mainlandChinaOfficialDays } from './mainland-china';

/** The default calendar as a fresh install builds it: office hours plus the package's data. */
const official = mainlandChinaOfficialDays(new Date('2026-11-30T00:00:00Z'));
const calendar = parseCalendar(withOfficialDays({ timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK, holidays: [], workingDays: [] }, official));
const cst = (local: string) => new Date(`${local}+08:00`);
const noon = (date: string) => cst(`${date}T12:00:00`);

describe('mainland China official days from chinese-days', () => {
  it('covers every published year from 2004 to 2026, the source naming the package version', () => {
    expect(official.years[0]).toBe(2004);
    expect(official.years).toContain(2026);
    expect(official.years).toHaveLength(official.years[official.years.length - 1]! - 2004 + 1);
    expect(official.source).toMatch(/^chinese-days@\d+\.\d+\.\d+/);
  });

  it('names National Day 2026 in Chinese and marks the days taken in lieu', () => {
    expect(official.holidays).toContainEqual({ date: '2026-10-01', name: '国庆节' });
    expect(official.holidays).toContainEqual({ date: '2026-10-07', name: '国庆节（调休）' });
  });

  it('lists only weekend days as adjusted working days, as the data gives them for National Day and Spring Festival 2026', () => {
    const of2026 = official.workingDays.filter((d) => d.date.startsWith('2026-'));
    expect(of2026).toEqual(
      expect.arrayContaining([
        { date: '2026-02-14', name: '春节调休上班' },
        { date: '2026-02-28', name: '春节调休上班' },
        { date: '2026-09-20', name: '国庆节调休上班' },
        { date: '2026-10-10', name: '国庆节调休上班' },
      ]),
    );
    expect(of2026.every((d) => [0, 6].includes(new Date(`${d.date}T00:00:00Z`).getUTCDay()))).toBe(true);
  });

  it('given a fresh default calendar, then 2026-10-01 + 1 working day skips the whole holiday week', () => {
    // The day counted from is never counted, worked or not: the first working day is Thursday 10-08.
    expect(addWorkingDays(calendar, cst('2026-10-01T10:00:00'), 1)).toEqual(cst('2026-10-08T17:30:00'));
    expect(addWorkingDays(calendar, cst('2026-09-30T10:00:00'), 1)).toEqual(cst('2026-10-08T17:30:00'));
    expect(addWorkingDays(calendar, cst('2026-09-30T10:00:00'), 2)).toEqual(cst('2026-10-09T17:30:00'));
  });

  it('given a fresh default calendar, then the 调休 Sunday before and Saturday after National Day 2026 are working days', () => {
    expect(isWorkingDay(calendar, noon('2026-09-20'))).toBe(true);
    expect(isWorkingDay(calendar, noon('2026-10-10'))).toBe(true);
    expect(addWorkingDays(calendar, cst('2026-10-09T10:00:00'), 1)).toEqual(cst('2026-10-10T17:30:00'));
  });

  it('given a fresh default calendar, then the Spring Festival 2026 调休 Saturdays work and the festival week rests', () => {
    expect(isWorkingDay(calendar, noon('2026-02-14'))).toBe(true);
    expect(isWorkingDay(calendar, noon('2026-02-28'))).toBe(true);
    expect(isWorkingDay(calendar, noon('2026-02-16'))).toBe(false);
    expect(addWorkingDays(calendar, cst('2026-02-13T10:00:00'), 1)).toEqual(cst('2026-02-14T17:30:00'));
  });
});
