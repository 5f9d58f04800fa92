import { OFFICE_WEEK, parseCalendar } from '@cs/business-calendar';
import { DomainError } from '@cs/ddd';
import { Occurrence, ScheduleProgress, TicketSchedule, assertValidSchedule, nextOccurrence } from './ticket-schedule';

/** 国庆 2026-10-01…07 off; 调休 Sunday 09-27 and Saturday 10-10 worked; 元旦 2027-01-01 off. */
const china2026 = parseCalendar({
  timezone: 'Asia/Shanghai',
  workingHours: OFFICE_WEEK,
  holidays: ['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ date: `2026-10-${d}`, name: '国庆节' })).concat([{ date: '2027-01-01', name: '元旦' }]),
  workingDays: [
    { date: '2026-09-27', name: '国庆节调休' },
    { date: '2026-10-10', name: '国庆节调休' },
  ],
});

const weeklyInspection: TicketSchedule = {
  id: 's-1',
  projectCode: 'P001',
  name: '3栋消防设施周检',
  itemCode: 'repair.public_area',
  department: 'engineering',
  priority: 'normal',
  recurrence: { every: 'week', interval: 1, weekdays: [4] },
  timeOfDay: '09:00',
  calendarId: 'default',
  onNonWorkingDay: 'next_working_day',
  startsOn: '2026-09-17',
  ownerId: 'sup-1',
};

/** Every occurrence from the start, each after the one before, up to `count`. */
function occurrences(schedule: TicketSchedule, count: number): Occurrence[] {
  const found: Occurrence[] = [];
  let progress: ScheduleProgress = {};
  for (let i = 0; i < count; i += 1) {
    const next = nextOccurrence(schedule, china2026, progress);
    if (!next) break;
    found.push(next);
    progress = { lastOccurrenceOn: next.occurrenceOn, lastOpensOn: next.opensOn };
  }
  return found;
}

const days = (list: readonly Occurrence[]) => list.map((o) => `${o.occurrenceOn}→${o.opensOn}`);

describe('a weekly inspection (every Thursday, 09:00)', () => {
  it('given the National Day week, when its Thursday is a holiday, then it opens on the next working day, 09:00 Shanghai', () => {
    const list = occurrences(weeklyInspection, 4);
    expect(days(list)).toEqual(['2026-09-17→2026-09-17', '2026-09-24→2026-09-24', '2026-10-01→2026-10-08', '2026-10-15→2026-10-15']);
    expect(list[2]!.opensAt.toISOString()).toBe('2026-10-08T01:00:00.000Z');
  });

  it('given the moved occurrence lands on the next one’s day, then that day opens one ticket, not two', () => {
    const list = occurrences(weeklyInspection, 4);
    expect(list.filter((o) => o.opensOn === '2026-10-08')).toHaveLength(1);
  });

  it('given the rule "skip", when its Thursday is a holiday, then that week has none', () => {
    expect(days(occurrences({ ...weeklyInspection, onNonWorkingDay: 'skip' }, 3))).toEqual([
      '2026-09-17→2026-09-17',
      '2026-09-24→2026-09-24',
      '2026-10-08→2026-10-08',
    ]);
  });

  it('given a 调休 Saturday, when the schedule names Saturdays, then it opens that day (it is a working day)', () => {
    const saturdays = { ...weeklyInspection, recurrence: { every: 'week', interval: 1, weekdays: [6] }, startsOn: '2026-10-01', onNonWorkingDay: 'skip' } as const;
    expect(days(occurrences(saturdays, 1))).toEqual(['2026-10-10→2026-10-10']);
  });

  it('given every second week on Monday and Thursday, then the weeks in between have none', () => {
    const fortnightly = { ...weeklyInspection, recurrence: { every: 'week', interval: 2, weekdays: [1, 4] }, startsOn: '2026-11-02' } as const;
    expect(days(occurrences(fortnightly, 4)).map((d) => d.slice(0, 10))).toEqual(['2026-11-02', '2026-11-05', '2026-11-16', '2026-11-19']);
  });

  it('given an end date, then nothing opens after it', () => {
    expect(occurrences({ ...weeklyInspection, endsOn: '2026-09-30' }, 10)).toHaveLength(2);
  });
});

describe('daily and monthly schedules', () => {
  it('given a daily meter reading with "next working day", then a weekend does not pile up on Monday', () => {
    const daily = { ...weeklyInspection, recurrence: { every: 'day', interval: 1 }, startsOn: '2026-11-27' } as const;
    expect(days(occurrences(daily, 3))).toEqual(['2026-11-27→2026-11-27', '2026-11-28→2026-11-30', '2026-12-01→2026-12-01']);
  });

  it('given a monthly check on the 31st, then a 30-day month takes its last day, moved off a weekend', () => {
    const monthly = { ...weeklyInspection, recurrence: { every: 'month', interval: 1, dayOfMonth: 31 }, startsOn: '2026-10-01' } as const;
    // 10-31 is a Saturday → Monday 11-02; 11-30 (Monday); 12-31 (Thursday); 01-31 2027 is a Sunday → Monday 02-01.
    expect(days(occurrences(monthly, 4))).toEqual(['2026-10-31→2026-11-02', '2026-11-30→2026-11-30', '2026-12-31→2026-12-31', '2027-01-31→2027-02-01']);
  });

  it('given a quarterly pre-holiday safety check, then the months between are skipped', () => {
    const quarterly = { ...weeklyInspection, recurrence: { every: 'month', interval: 3, dayOfMonth: 25 }, startsOn: '2026-09-01' } as const;
    expect(days(occurrences(quarterly, 3)).map((d) => d.slice(0, 10))).toEqual(['2026-09-25', '2026-12-25', '2027-03-25']);
  });
});

describe('a schedule at the end of the years a calendar counts', () => {
  it('given a daily schedule from the last days of 9999, then its occurrences stop at the last day instead of failing', () => {
    const lastDays = { ...weeklyInspection, recurrence: { every: 'day', interval: 1 }, startsOn: '9999-12-30', onNonWorkingDay: 'skip' } as const;
    const always = parseCalendar({ timezone: 'Asia/Shanghai', workingHours: { ...OFFICE_WEEK, sat: OFFICE_WEEK.mon, sun: OFFICE_WEEK.mon }, holidays: [], workingDays: [] });
    expect(() => assertValidSchedule(lastDays)).not.toThrow();
    const found: Occurrence[] = [];
    let progress: ScheduleProgress = {};
    for (let next = nextOccurrence(lastDays, always, progress); next; next = nextOccurrence(lastDays, always, progress)) {
      found.push(next);
      progress = { lastOccurrenceOn: next.occurrenceOn, lastOpensOn: next.opensOn };
    }
    expect(days(found)).toEqual(['9999-12-30→9999-12-30', '9999-12-31→9999-12-31']);
    // Mondays only: the next working day after Thursday the 30th would be in the year 10000.
    const mondays = parseCalendar({ timezone: 'Asia/Shanghai', workingHours: { ...OFFICE_WEEK, tue: [], wed: [], thu: [], fri: [] }, holidays: [], workingDays: [] });
    expect(nextOccurrence({ ...lastDays, onNonWorkingDay: 'next_working_day' }, mondays, {})).toBeUndefined();
  });
});

describe('a schedule that cannot work', () => {
  it.each([
    ['no weekday', { ...weeklyInspection, recurrence: { every: 'week', interval: 1, weekdays: [] } }, 'recurrence.weekdays'],
    ['a weekday 8', { ...weeklyInspection, recurrence: { every: 'week', interval: 1, weekdays: [8] } }, 'recurrence.weekdays'],
    ['an interval of 0', { ...weeklyInspection, recurrence: { every: 'day', interval: 0 } }, 'recurrence.interval'],
    ['every 13 months', { ...weeklyInspection, recurrence: { every: 'month', interval: 13, dayOfMonth: 1 } }, 'recurrence.interval'],
    ['a 32nd day', { ...weeklyInspection, recurrence: { every: 'month', interval: 1, dayOfMonth: 32 } }, 'recurrence.dayOfMonth'],
    ['a time 24:00', { ...weeklyInspection, timeOfDay: '24:00' }, 'timeOfDay'],
    ['an end before its start', { ...weeklyInspection, endsOn: '2026-09-01' }, 'endsOn'],
    ['a start in the year 339', { ...weeklyInspection, startsOn: '0339-04-03', endsOn: '0539-12-26' }, 'startsOn'],
    ['a start on the 30th of February', { ...weeklyInspection, startsOn: '2027-02-30' }, 'startsOn'],
    ['an end on the 31st of April', { ...weeklyInspection, endsOn: '2027-04-31' }, 'endsOn'],
  ])('given %s, when it is checked, then it is refused naming the field', (_case, schedule, field) => {
    expect(() => assertValidSchedule(schedule as TicketSchedule)).toThrow(expect.objectContaining({ code: 'TICKET_SCHEDULE.INVALID', field }) as DomainError);
  });
});
