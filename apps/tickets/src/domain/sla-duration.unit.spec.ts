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
