import { OFFICE_WEEK, parseCalendar } from '@cs/business-calendar';
import { addDuration } from './sla-duration';

const berlin = parseCalendar({ timezone: 'Europe/Berlin', workingHours: OFFICE_WEEK, holidays: [], workingDays: [] });

describe('an SLA duration added to an instant', () => {
  it('given calendar days across a change to summer time, then the deadline is at the local time the clock started (a day of 23 hours)', () => {
    // Friday 27 March 2026 15:00 CET; clocks go forward on Sunday the 29th.
    const due = addDuration(berlin, new Date('2026-03-27T14:00:00Z'), { amount: 3, unit: 'days', basis: 'calendar' });
    expect(due.toISOString()).toBe('2026-03-30T13:00:00.000Z'); // Monday 15:00 CEST
  });

  it('given calendar hours across the same change, then they are elapsed hours', () => {
    const due = addDuration(berlin, new Date('2026-03-27T14:00:00Z'), { amount: 72, unit: 'hours', basis: 'calendar' });
    expect(due.toISOString()).toBe('2026-03-30T14:00:00.000Z'); // Monday 16:00 CEST
  });
});

describe('a duration due by the close of the working day', () => {
  const shanghai = parseCalendar({ timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK, holidays: [], workingDays: [] });
  const cst = (local: string) => new Date(`${local}+08:00`);
  const twoHoursSameDay = { amount: 2, unit: 'hours', basis: 'working', byCloseOfDay: true } as const;

  it('given a start in the morning, then the duration decides', () => {
    expect(addDuration(shanghai, cst('2026-11-23T09:00:00'), twoHoursSameDay)).toEqual(cst('2026-11-23T11:00:00'));
  });

  it('given a start within the duration of closing, then it is due at the close, not the next morning', () => {
    expect(addDuration(shanghai, cst('2026-11-23T16:30:00'), { ...twoHoursSameDay, byCloseOfDay: false })).toEqual(cst('2026-11-24T09:30:00'));
    expect(addDuration(shanghai, cst('2026-11-23T16:30:00'), twoHoursSameDay)).toEqual(cst('2026-11-23T17:30:00'));
  });

  it('given a start off work, then the day is the next working day, and the duration counts from its opening', () => {
    expect(addDuration(shanghai, cst('2026-11-21T15:00:00'), twoHoursSameDay)).toEqual(cst('2026-11-23T10:30:00'));
  });
});
