import { OFFICE_WEEK, parseCalendar } from '@cs/business-calendar';
import { DomainError } from '@cs/ddd';
import { assertWorkingTime } from './calendar-limits';

/** 08:30–12:00 and 13:30–17:30, Monday to Friday: 5 working days and 37.5 working hours a week. */
const office = parseCalendar({ timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK });
const closed = parseCalendar({
  timezone: 'Asia/Shanghai',
  workingHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
});

function refusal(run: () => void): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('a calendar that works', () => {
  it('given a calendar with no working time, when checked, then it is refused naming the field given', () => {
    expect(assertWorkingTime('office', office, 'workingHours')).toBe(office);
    expect(refusal(() => assertWorkingTime('closed', closed, 'policies[2].calendarId'))).toMatchObject({
      code: 'CALENDAR.NO_WORKING_TIME',
      field: 'policies[2].calendarId',
      details: { calendarId: 'closed' },
    });
  });
});
