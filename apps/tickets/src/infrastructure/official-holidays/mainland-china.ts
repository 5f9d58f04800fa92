import { getDayDetail, getHolidaysInRange, getWorkdaysInRange, isInLieu } from 'chinese-days';
import { version } from 'chinese-days/package.json';
import type { OfficialDay, OfficialDays } from '@cs/business-calendar';

/** The official days of mainland China, with what they were read from. */
export interface PublishedOfficialDays extends OfficialDays {
  /** The years the State Council's arrangements are published for, ascending. */
  readonly years: readonly number[];
  /** The data package and its version, e.g. `chinese-days@1.5.7`: what an upgrade changes. */
  readonly source: string;
}

/** The package has no arrangement before 2004 (the State Council's notices before it are irregular). */
const FIRST_YEAR = 2000;
/** The State Council publishes the next year's arrangement in the autumn; look one year further. */
const YEARS_AHEAD = 2;

/** `National Day,国庆节,3` → 国庆节: the package names a day in English, Chinese and a length. */
function chineseName(date: string): string {
  const parts = getDayDetail(date).name.split(',');
  return parts[1] ?? parts[0] ?? date;
}

function isWeekend(date: string): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

function holidaysOf(year: number): OfficialDay[] {
  // includeWeekends=false: only the days the arrangement names, not every Saturday and Sunday.
  return getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).map((date) => ({
    date,
    name: isInLieu(date) ? `${chineseName(date)}（调休）` : chineseName(date),
  }));
}

/** 调休上班 — the Saturdays and Sundays worked to bridge a holiday. */
function adjustedWorkingDaysOf(year: number): OfficialDay[] {
  return getWorkdaysInRange(`${year}-01-01`, `${year}-12-31`, true)
    .filter(isWeekend)
    .map((date) => ({ date, name: `${chineseName(date)}调休上班` }));
}

/**
 * Mainland China's public holidays and adjusted working days for every year the installed
 * `chinese-days` package has published, read through its API. Upgrading the package and
 * refreshing is how a newly published year arrives.
 */
export function mainlandChinaOfficialDays(today = new Date()): PublishedOfficialDays {
  const years: number[] = [];
  const holidays: OfficialDay[] = [];
  const workingDays: OfficialDay[] = [];
  for (let year = FIRST_YEAR; year <= today.getUTCFullYear() + YEARS_AHEAD; year++) {
    const yearHolidays = holidaysOf(year);
    if (yearHolidays.length === 0) continue;
    years.push(year);
    holidays.push(...yearHolidays);
    workingDays.push(...adjustedWorkingDaysOf(year));
  }
  return { years, holidays, workingDays, source: `chinese-days@${version}` };
}
