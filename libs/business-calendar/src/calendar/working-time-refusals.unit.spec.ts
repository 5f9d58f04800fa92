import { DomainError } from '@cs/ddd';
import { addWorkingDays } from '../computation/working-days';
import { parseCalendar } from './parse-calendar';
import { countedBy, hasWorkingTimeFrom, isCalendarRefusal, noWorkingTime } from './working-time-refusals';

const closed = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
const calendar = (edit: Record<string, unknown>) => parseCalendar({ timezone: 'Asia/Shanghai', workingHours: closed, holidays: [], workingDays: [], ...edit });
const adjusted = (date: string, hours: [string, string][]) => ({ workingDays: [{ date, name: '调休', hours }] });
/** 2026-10-10 00:30 in Shanghai, still the 9th in UTC. */
const justAfterMidnight = new Date('2026-10-09T16:30:00.000Z');

describe('hasWorkingTimeFrom', () => {
  it.each<[string, Record<string, unknown>, boolean]>([
    ['Saturday mornings only', { workingHours: { ...closed, sat: [['09:00', '12:00']] } }, true],
    ['no weekday with hours, a 调休 day later with its own hours', adjusted('2026-10-11', [['09:00', '12:00']]), true],
    ['no weekday with hours, a 调休 day that is today in the calendar’s zone', adjusted('2026-10-10', [['09:00', '12:00']]), true],
    ['no weekday with hours, its 调休 day yesterday in the calendar’s zone (today in UTC)', adjusted('2026-10-09', [['09:00', '12:00']]), false],
  ])('given %s, when asked, then it says %p', (_case, edit, expected) => {
    expect(hasWorkingTimeFrom(calendar(edit), justAfterMidnight)).toBe(expected);
  });

  /** 2026-10-10 13:00 in Shanghai, 05:00 in UTC: the same date in both. */
  const afterLunch = new Date('2026-10-10T05:00:00.000Z');
  it.each<[string, boolean, [string, string][]]>([
    ['its only hours ended this morning', false, [['09:00', '12:00']]],
    ['its hours ending at 13:00, now', false, [['09:00', '13:00']]],
    ['its afternoon hours still to come', true, [['09:00', '12:00'], ['14:00', '17:00']]],
    ['its hours under way', true, [['12:00', '18:00']]],
  ])('given no weekday with hours and a 调休 day today in the calendar’s zone, %s, when asked after lunch, then it says %p', (_case, expected, hours) => {
    expect(hasWorkingTimeFrom(calendar(adjusted('2026-10-10', hours)), afterLunch)).toBe(expected);
  });
});

describe('isCalendarRefusal', () => {
  it('given a calendar’s refusals, then they are; given another rule’s refusal or any other error, then they are not', () => {
    expect(isCalendarRefusal(noWorkingTime('pier', 'calendarId'))).toBe(true);
    expect(isCalendarRefusal(new DomainError('CALENDAR.NEEDS_CORRECTION', 'invalid', 'stored before the limits it breaks', 'calendarId'))).toBe(true);
    expect(isCalendarRefusal(new DomainError('CALLBACK.NOT_FOUND', 'not_found', 'no such callback'))).toBe(false);
    expect(isCalendarRefusal(new RangeError('Invalid time zone specified: Nowhere/Faulty'))).toBe(false);
  });
});

describe('countedBy', () => {
  it('given a count past the end of the calendar’s working time, then it is refused 422 naming the calendar and the field', () => {
    const ranOut = calendar(adjusted('2024-02-04', [['09:00', '17:30']]));
    expect(() => countedBy('pier', () => addWorkingDays(ranOut, justAfterMidnight, 2), 'policies[0].calendarId')).toThrow(
      expect.objectContaining({ code: 'CALENDAR.NO_WORKING_TIME', kind: 'invalid', field: 'policies[0].calendarId', details: { calendarId: 'pier' } }) as DomainError,
    );
  });

  it('given any other failure, then it is passed on as it is', () => {
    const failure = new RangeError('not a calendar matter');
    expect(() =>
      countedBy('pier', () => {
        throw failure;
      }),
    ).toThrow(failure);
  });
});
