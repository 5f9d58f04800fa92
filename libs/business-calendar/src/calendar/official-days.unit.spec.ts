import { OFFICE_WEEK, weekdaysWorking } from './office-hours';
import { withOfficialDays } from './official-days';

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
