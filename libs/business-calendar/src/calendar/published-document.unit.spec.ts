import fc from 'fast-check';
import { CalendarPublishedV1, validateEventData } from '@cs/contracts';
import { OFFICE_WEEK } from './office-hours';
import { toCalendarDocument } from './calendar-document';
import { CalendarValidationError } from './calendar-validation-error';
import { parseCalendar } from './parse-calendar';

// The tickets service stores what parseCalendar accepts and announces it to the other services
// as calendar.published.v1; a document the contract refuses is never announced, and every
// calendar queued behind it waits with it.

/** A day of `count` half-hour intervals from 06:00, an hour apart. */
const intervals = (count: number): [string, string][] =>
  Array.from({ length: count }, (_, i) => {
    const hour = String(6 + i).padStart(2, '0');
    return [`${hour}:00`, `${hour}:30`];
  });

/** calendar.published.v1's problems with the calendar's document, written back as the tickets service announces it. */
const publishedProblems = (input: unknown) =>
  validateEventData(CalendarPublishedV1, { calendarId: 'default', version: 1, document: toCalendarDocument(parseCalendar(input)), at: '2026-11-24T08:30:00.000Z' });

const accepted = (input: unknown): boolean => {
  try {
    parseCalendar(input);
    return true;
  } catch (error) {
    if (error instanceof CalendarValidationError) return false;
    throw error;
  }
};

describe('a calendar document parseCalendar accepts, as calendar.published.v1 carries it', () => {
  it('given any number of intervals a day and any names, when accepted, then the event announcing it is valid', () => {
    const name = fc.string({ unit: fc.constantFrom('国', '庆', 'a', '🎉'), minLength: 1, maxLength: 120 });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 1, max: 12 }), name, name, (weekday, special, holiday, working) => {
        const document = {
          timezone: 'Asia/Shanghai',
          workingHours: { ...OFFICE_WEEK, sat: intervals(weekday) },
          holidays: [{ date: '2026-10-01', name: holiday }],
          workingDays: [{ date: '2026-10-10', name: working, hours: intervals(special) }],
        };
        if (accepted(document)) expect(publishedProblems(document)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('given a day of 9 intervals or a name of 101 characters, when parsed, then each is refused at its path', () => {
    let caught: unknown;
    try {
      parseCalendar({
        timezone: 'Asia/Shanghai',
        workingHours: { ...OFFICE_WEEK, sat: intervals(9) },
        holidays: [{ date: '2026-10-01', name: '国'.repeat(101) }],
        workingDays: [{ date: '2026-10-10', name: '国庆节调休', hours: intervals(9) }],
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CalendarValidationError);
    expect((caught as CalendarValidationError).problems).toEqual([
      { path: 'workingHours.sat', message: expect.stringMatching(/at most 8 intervals/) },
      { path: 'holidays[0].name', message: expect.stringMatching(/at most 100 characters/) },
      { path: 'workingDays[0].hours', message: expect.stringMatching(/at most 8 intervals/) },
    ]);
  });

  it('given 8 intervals a day and a name of 100 characters, emoji among them, when parsed, then it is accepted and announced', () => {
    const document = {
      timezone: 'Asia/Shanghai',
      workingHours: { ...OFFICE_WEEK, sat: intervals(8) },
      holidays: [{ date: '2026-10-01', name: '🎉'.repeat(100) }],
    };
    expect(publishedProblems(document)).toEqual([]);
  });
});
