import { isBirthdayOn, isValidBirthDate, localDate, maskBirthDate, monthDayOf, monthDaysCelebratedOn } from './birthday';

describe('birthdays', () => {
  it('matches on month and day, whatever the year', () => {
    expect(isBirthdayOn('1985-11-30', '2026-11-30')).toBe(true);
    expect(isBirthdayOn('1985-11-30', '2026-11-29')).toBe(false);
    expect(isBirthdayOn('1985-12-30', '2026-11-30')).toBe(false);
    expect(monthDayOf('1985-03-07')).toBe('03-07');
  });

  it('greets a Feb-29 birthday on Feb 28 of a year without Feb 29, and on Feb 29 in a leap year', () => {
    expect(monthDaysCelebratedOn('2027-02-28')).toEqual(['02-28', '02-29']);
    expect(isBirthdayOn('1992-02-29', '2027-02-28')).toBe(true);
    expect(isBirthdayOn('1992-02-29', '2027-03-01')).toBe(false);
    expect(monthDaysCelebratedOn('2028-02-28')).toEqual(['02-28']);
    expect(isBirthdayOn('1992-02-29', '2028-02-28')).toBe(false);
    expect(isBirthdayOn('1992-02-29', '2028-02-29')).toBe(true);
    expect(isBirthdayOn('1990-02-28', '2028-02-28')).toBe(true);
    // 2100 is not a leap year (divisible by 100), 2000 was (divisible by 400).
    expect(monthDaysCelebratedOn('2100-02-28')).toEqual(['02-28', '02-29']);
    expect(monthDaysCelebratedOn('2000-02-28')).toEqual(['02-28']);
  });

  it('accepts only real past dates', () => {
    const today = new Date('2026-11-30T00:00:00Z');
    expect(isValidBirthDate('1992-02-29', today)).toBe(true);
    expect(isValidBirthDate('1991-02-29', today)).toBe(false);
    expect(isValidBirthDate('1990-13-01', today)).toBe(false);
    expect(isValidBirthDate('1990-1-01', today)).toBe(false);
    expect(isValidBirthDate('2027-01-01', today)).toBe(false);
    expect(isValidBirthDate('1899-12-31', today)).toBe(false);
  });

  it('takes the day in the company timezone', () => {
    expect(localDate(new Date('2026-11-29T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-11-30');
    expect(localDate(new Date('2026-11-29T15:30:00Z'), 'Asia/Shanghai')).toBe('2026-11-29');
  });

  it('masks the whole date', () => {
    expect(maskBirthDate('1985-11-30')).toBe('****-**-**');
  });
});
