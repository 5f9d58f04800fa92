import { CHINA_2026_DOCUMENT } from '../testing/calendars';
import { hasWorkingTime } from './business-calendar';
import { toCalendarDocument } from './calendar-document';
import { CalendarValidationError, type CalendarProblem } from './calendar-validation-error';
import { parseCalendar } from './parse-calendar';

const validDocument = (): Record<string, unknown> => structuredClone(CHINA_2026_DOCUMENT);

function problemsOf(input: unknown): readonly CalendarProblem[] {
  try {
    parseCalendar(input);
  } catch (error) {
    if (error instanceof CalendarValidationError) return error.problems;
    throw error;
  }
  throw new Error('the calendar was accepted');
}

describe('parseCalendar with a valid document', () => {
  it('given the 2026 China calendar, when parsed and written back, then the document is unchanged', () => {
    expect(toCalendarDocument(parseCalendar(validDocument()))).toEqual(CHINA_2026_DOCUMENT);
  });

  it('given a 调休 day with its own hours, when parsed and written back, then its hours come back as given', () => {
    const document = {
      ...validDocument(),
      workingDays: [{ date: '2026-10-10', name: '国庆节调休', hours: [['09:00', '12:00'], ['13:00', '24:00']] }],
    };
    expect(toCalendarDocument(parseCalendar(document)).workingDays).toEqual(document.workingDays);
  });

  it('given no holidays and no workingDays lists and extra fields of the exporting system, when parsed, then the lists are empty and the extras ignored', () => {
    const { holidays: _h, workingDays: _w, ...rest } = validDocument();
    const document = { ...rest, version: 3, exportedBy: 'HR system' };
    const written = toCalendarDocument(parseCalendar(document));
    expect(written.holidays).toEqual([]);
    expect(written.workingDays).toEqual([]);
    expect(written).not.toHaveProperty('version');
  });

  it('given touching intervals and a day running to "24:00", when parsed, then they are accepted', () => {
    const document = validDocument();
    document.workingHours = {
      ...CHINA_2026_DOCUMENT.workingHours,
      sat: [['08:00', '12:00'], ['12:00', '24:00']],
    };
    expect(toCalendarDocument(parseCalendar(document)).workingHours.sat).toEqual([['08:00', '12:00'], ['12:00', '24:00']]);
  });

  it('given a parsed calendar, when code tries to change it, then it cannot (calendars are shared and cached against)', () => {
    const calendar = parseCalendar(validDocument());
    expect(Object.isFrozen(calendar)).toBe(true);
    expect(Object.isFrozen(calendar.workingHours.mon)).toBe(true);
    expect(Object.isFrozen(calendar.workingHours.mon[0])).toBe(true);
    expect(Object.isFrozen(calendar.holidays[0])).toBe(true);
  });
});

describe('parseCalendar with an invalid document', () => {
  type Edit = (document: Record<string, unknown>) => void;
  const week = (edit: (hours: Record<string, unknown>) => void): Edit => (document) => {
    const hours = { ...CHINA_2026_DOCUMENT.workingHours } as Record<string, unknown>;
    edit(hours);
    document.workingHours = hours;
  };

  it.each<[string, Edit, string, RegExp]>([
    ['an unknown time zone', (d) => (d.timezone = 'Mars/Olympus_Mons'), 'timezone', /IANA time zone/],
    ['an offset instead of a zone', (d) => (d.timezone = '+08:00'), 'timezone', /IANA time zone/],
    ['no time zone', (d) => delete d.timezone, 'timezone', /IANA time zone/],
    ['no working hours', (d) => delete d.workingHours, 'workingHours', /must be an object/],
    ['a weekday missing', week((h) => delete h.sat), 'workingHours.sat', /is required \(use \[\]/],
    ['a misspelt weekday', week((h) => (h.monday = [])), 'workingHours.monday', /is not a weekday/],
    ['a day that is not a list', week((h) => (h.wed = '08:30-17:30')), 'workingHours.wed', /must be an array/],
    ['an interval that is not a pair', week((h) => (h.wed = [['08:30']])), 'workingHours.wed[0]', /must be a pair/],
    ['a time without two-digit minutes', week((h) => (h.mon = [['08:30', '12:00'], ['13:3', '17:30']])), 'workingHours.mon[1][0]', /"HH:MM"/],
    ['an hour out of range', week((h) => (h.mon = [['08:30', '25:00']])), 'workingHours.mon[0][1]', /"HH:MM"/],
    ['"24:00" as a start', week((h) => (h.mon = [['24:00', '24:00']])), 'workingHours.mon[0][0]', /"23:59"/],
    ['a time that is a number', week((h) => (h.mon = [[830, '12:00']])), 'workingHours.mon[0][0]', /"HH:MM"/],
    ['an interval ending before it starts', week((h) => (h.tue = [['17:30', '08:30']])), 'workingHours.tue[0]', /cannot cross midnight/],
    ['an empty interval', week((h) => (h.tue = [['09:00', '09:00']])), 'workingHours.tue[0]', /must start before it ends/],
    ['overlapping intervals', week((h) => (h.mon = [['08:30', '12:00'], ['11:00', '17:30']])), 'workingHours.mon[1]', /must start at or after 12:00/],
    ['unsorted intervals', week((h) => (h.mon = [['13:30', '17:30'], ['08:30', '12:00']])), 'workingHours.mon[1]', /sorted/],
    ['holidays that are not a list', (d) => (d.holidays = { date: '2026-10-01' }), 'holidays', /must be an array/],
    ['a holiday that is not an object', (d) => (d.holidays = ['2026-10-01']), 'holidays[0]', /must be an object/],
    ['a date that does not exist', (d) => (d.holidays = [{ date: '2026-02-29', name: 'x' }]), 'holidays[0].date', /that exists/],
    ['a date not in ISO form', (d) => (d.holidays = [{ date: '2026/10/01', name: 'x' }]), 'holidays[0].date', /YYYY-MM-DD/],
    ['a holiday without a name', (d) => (d.holidays = [{ date: '2026-10-01', name: ' ' }]), 'holidays[0].name', /non-empty string/],
    [
      'a holiday listed twice',
      (d) => (d.holidays = [...CHINA_2026_DOCUMENT.holidays, { date: '2026-10-03', name: '重复' }]),
      'holidays[8].date',
      /2026-10-03 is listed twice \(also at holidays\[2\]\)/,
    ],
    [
      'a working day listed twice',
      (d) => (d.workingDays = [{ date: '2026-09-27', name: 'a' }, { date: '2026-09-27', name: 'b' }]),
      'workingDays[1].date',
      /listed twice/,
    ],
    [
      'a date both holiday and working day',
      (d) => (d.workingDays = [{ date: '2026-10-01', name: '国庆节调休' }]),
      'workingDays[0].date',
      /also a holiday \(holidays\[0\]\)/,
    ],
    ['a working day with empty hours', (d) => (d.workingDays = [{ date: '2026-10-10', name: 'x', hours: [] }]), 'workingDays[0].hours', /must not be empty/],
    [
      'a working day with a bad time',
      (d) => (d.workingDays = [{ date: '2026-10-10', name: 'x', hours: [['09:00', '12:60']] }]),
      'workingDays[0].hours[0][1]',
      /"HH:MM"/,
    ],
    [
      'a working day without hours when Monday has none',
      (d) => {
        week((h) => (h.mon = []))(d);
        d.workingDays = [{ date: '2026-10-10', name: 'x' }];
      },
      'workingDays[0].hours',
      /is required: Monday/,
    ],
  ])('given %s, when parsed, then the problem is reported at its path', (_case, edit, path, message) => {
    const document = validDocument();
    edit(document);
    expect(problemsOf(document)).toEqual([{ path, message: expect.stringMatching(message) }]);
  });

  it.each([null, [], 'calendar', 42])('given %p instead of a document, when parsed, then the whole document is reported', (input) => {
    expect(problemsOf(input)).toEqual([{ path: '', message: expect.stringMatching(/must be an object/) }]);
  });

  it('given several problems, when parsed, then all of them are reported at once, with their paths in the message', () => {
    const document = {
      timezone: 'Nowhere/Land',
      workingHours: { ...CHINA_2026_DOCUMENT.workingHours, sun: [['18:00', '09:00']] },
      holidays: [{ date: '2026-13-01', name: '' }],
    };
    let caught: unknown;
    try {
      parseCalendar(document);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CalendarValidationError);
    expect(caught).toBeInstanceOf(Error);
    const { problems, message } = caught as CalendarValidationError;
    expect(problems.map((problem) => problem.path)).toEqual(['timezone', 'workingHours.sun[0]', 'holidays[0].date', 'holidays[0].name']);
    expect(message).toContain('holidays[0].date must be a date');
  });
});

describe('hasWorkingTime', () => {
  const closed = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };

  it.each<[string, Record<string, unknown>, boolean]>([
    ['an office week', {}, true],
    ['no weekday with hours, no 调休 day', { workingHours: closed, workingDays: [] }, false],
    ['no weekday with hours, no 调休 day, holidays only', { workingHours: closed, holidays: [{ date: '2026-10-01', name: '国庆节' }], workingDays: [] }, false],
    ['Saturday mornings only', { workingHours: { ...closed, sat: [['09:00', '12:00']] }, workingDays: [] }, true],
    ['no weekday with hours, one 调休 day with its own hours', { workingHours: closed, workingDays: [{ date: '2026-10-10', name: '国庆节调休', hours: [['09:00', '12:00']] }] }, true],
  ])('given %s, when asked, then it says %p', (_case, edit, expected) => {
    expect(hasWorkingTime(parseCalendar({ ...validDocument(), ...edit }))).toBe(expected);
  });
});
