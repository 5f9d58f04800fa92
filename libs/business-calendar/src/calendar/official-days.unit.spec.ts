import { OFFICE_WEEK, weekdaysWorking } from './office-hours';
import { parseCalendar } from './parse-calendar';
import { toCalendarDocument } from './calendar-document';
import { withOfficialDays, withoutOfficialYears } from './official-days';

const official = {
  holidays: [
    { date: '2025-10-01', name: '国庆节' },
    { date: '2026-10-01', name: '国庆节' },
    { date: '2027-01-01', name: '元旦' },
  ],
  workingDays: [
    { date: '2025-09-28', name: '国庆节调休上班' },
    { date: '2026-10-10', name: '国庆节调休上班' },
  ],
};
const company = { timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK, holidays: [], workingDays: [] };

describe('withOfficialDays', () => {
  it('given a company document without dates, then every official day is added, sorted by date', () => {
    const merged = withOfficialDays(company, official);
    expect(merged.holidays.map((d) => d.date)).toEqual(['2025-10-01', '2026-10-01', '2027-01-01']);
    expect(merged.workingDays.map((d) => d.date)).toEqual(['2025-09-28', '2026-10-10']);
  });

  it('given a company that lists its own 2026, then 2026 is the company list alone and other years stay official', () => {
    const own = { ...company, holidays: [{ date: '2026-06-01', name: '公司周年' }] };
    const merged = withOfficialDays(own, official);
    expect(merged.holidays).toEqual([
      { date: '2025-10-01', name: '国庆节' },
      { date: '2026-06-01', name: '公司周年' },
      { date: '2027-01-01', name: '元旦' },
    ]);
    expect(merged.workingDays).toEqual([{ date: '2025-09-28', name: '国庆节调休上班' }]);
  });

  it('given a week without Monday hours, then official working days are left out: they would work no hours', () => {
    const noMonday = { ...company, workingHours: { ...weekdaysWorking([['08:30', '17:30']]), mon: [] } };
    expect(withOfficialDays(noMonday, official).workingDays).toEqual([]);
  });
});

describe('withoutOfficialYears', () => {
  /** 2027 not published yet: its statutory days alone, as the tickets service provisions them. */
  const provisional = {
    holidays: [...official.holidays.filter((d) => d.date < '2027'), { date: '2027-01-01', name: '元旦（法定假日，放假安排未发布）' }],
    workingDays: official.workingDays,
  };
  const shown = (document: typeof company) => toCalendarDocument(parseCalendar(withOfficialDays(document, provisional)));

  it('given the merged document put back as shown, then no year is the company’s: every year keeps following the official data', () => {
    expect(withoutOfficialYears(shown(company), provisional)).toEqual({ ...company, holidays: [], workingDays: [] });
  });

  it('given the merged document put back with a typhoon day in 2026, then 2026 is the company’s whole list and the unpublished 2027 takes its arrangement once published', () => {
    const edited = shown(company);
    const withTyphoon = { ...edited, holidays: [...edited.holidays, { date: '2026-09-15', name: '台风停工' }] };
    const own = withoutOfficialYears(withTyphoon, provisional);
    expect(own.holidays.map((d) => d.date)).toEqual(['2026-10-01', '2026-09-15']);
    expect(own.workingDays.map((d) => d.date)).toEqual(['2026-10-10']);
    const published = { holidays: official.holidays, workingDays: [...official.workingDays, { date: '2027-01-09', name: '元旦调休上班' }] };
    const merged = withOfficialDays(own, published);
    expect(merged.workingDays.map((d) => d.date)).toContain('2027-01-09');
    expect(merged.holidays).toContainEqual({ date: '2027-01-01', name: '元旦' });
  });

  it('given a year that leaves out an official day or names one otherwise, then it is the company’s: it differs from the official data', () => {
    const worksNationalDay = { ...company, holidays: [], workingDays: [{ date: '2026-10-10', name: '国庆节调休上班' }] };
    expect(withoutOfficialYears(worksNationalDay, official)).toEqual(worksNationalDay);
    const renamed = { ...company, holidays: [{ date: '2026-10-01', name: '国庆' }], workingDays: [{ date: '2026-10-10', name: '国庆节调休上班' }] };
    expect(withoutOfficialYears(renamed, official)).toEqual(renamed);
  });
});
