import { OFFICE_WEEK, addWorkingDays, isWorkingDay, parseCalendar, withOfficialDays } from '@cs/business-calendar';
import { mainlandChinaOfficialDays, statutoryDaysOf } from './mainland-china';

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

  it('given years the package has no arrangement for, up to two ahead, then they hold the statutory days, named as such, and no 调休', () => {
    expect(official.provisionalYears).toEqual([2027, 2028]);
    const of2027 = official.holidays.filter((d) => d.date.startsWith('2027-'));
    expect(of2027.map((d) => d.date)).toEqual([
      '2027-01-01',
      '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08',
      '2027-04-05',
      '2027-05-01', '2027-05-02',
      '2027-06-09',
      '2027-09-15',
      '2027-10-01', '2027-10-02', '2027-10-03',
    ]);
    expect(of2027[0]!.name).toBe('元旦（法定假日，放假安排未发布）');
    expect(official.workingDays.some((d) => d.date >= '2027')).toBe(false);
    // Received on New Year's Eve, one working day: New Year's Day is not it.
    expect(addWorkingDays(calendar, cst('2026-12-31T10:00:00'), 1)).toEqual(cst('2027-01-04T17:30:00'));
  });

  it('given a provisional year that passed without its arrangement reaching the package, then the reading carries it no more: it is past, and not published', () => {
    const lastPublished = official.years[official.years.length - 1]!;
    const passed = lastPublished + 1;

    const later = mainlandChinaOfficialDays(new Date(Date.UTC(passed + 1, 0, 10)));

    expect(official.provisionalYears).toContain(passed);
    expect(later.years).not.toContain(passed);
    expect(later.provisionalYears).not.toContain(passed);
    expect([...later.holidays, ...later.workingDays].some((d) => d.date.startsWith(`${passed}-`))).toBe(false);
  });

  it('given a published year, then its statutory days are among the days the arrangement gives', () => {
    const of2026 = new Set(official.holidays.filter((d) => d.date.startsWith('2026-')).map((d) => d.date));
    expect(statutoryDaysOf(2026).filter((d) => !of2026.has(d.date))).toEqual([]);
    expect(statutoryDaysOf(2026)).toHaveLength(13);
    // 2028's Mid-Autumn Festival is 10-03, a National Day holiday: one day of both names.
    expect(statutoryDaysOf(2028).filter((d) => d.date === '2028-10-03')).toEqual([{ date: '2028-10-03', name: '中秋节、国庆节（法定假日，放假安排未发布）' }]);
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
