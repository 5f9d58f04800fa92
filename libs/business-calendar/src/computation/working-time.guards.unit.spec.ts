import { parseCalendar } from '../calendar/parse-calendar';
import { shanghai } from '../testing/calendars';
import { NoWorkingTimeError } from './errors';
import { addWorkingMinutes, workingMinutesBetween } from './working-time';

const noWeeklyHours = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };

describe('calendars with little or no working time', () => {
  const empty = parseCalendar({ timezone: 'Asia/Shanghai', workingHours: noWeeklyHours });
  const oneDay = parseCalendar({
    timezone: 'Asia/Shanghai',
    workingHours: noWeeklyHours,
    workingDays: [{ date: '2026-09-27', name: '特别工作日', hours: [['09:00', '10:00']] }],
  });

  it('given no working time at all, when minutes are added, then NoWorkingTimeError is thrown after a bounded search', () => {
    // An unbounded search would never return; the error is what a bounded one ends with.
    expect(() => addWorkingMinutes(empty, shanghai('2026-09-15 09:00'), 10)).toThrow(NoWorkingTimeError);
  });

  it('given no working time at all, when time is measured, then it is 0 (the range bounds the search)', () => {
    expect(workingMinutesBetween(empty, shanghai('2026-01-01 00:00'), shanghai('2036-01-01 00:00'))).toBe(0);
  });

  it('given a single working day, when minutes are added before it, then they run on it; after it, there is no working time left', () => {
    expect(addWorkingMinutes(oneDay, shanghai('2025-01-01 00:00'), 30)).toEqual(shanghai('2026-09-27 09:30'));
    expect(() => addWorkingMinutes(oneDay, shanghai('2026-09-27 09:30'), 60)).toThrow(NoWorkingTimeError);
  });
});
