import { getDayDetail, getHolidaysInRange, getSolarDateFromLunar, getSolarTermDate, getWorkdaysInRange, isInLieu } from 'chinese-days';
import { version } from 'chinese-days/package.json';
import type { OfficialDay, OfficialDays } from '@cs/business-calendar';

/** The official days of mainland China, with what they were read from. */
export interface PublishedOfficialDays extends OfficialDays {
  /** The years the State Council's arrangements are published for, ascending. */
  readonly years: readonly number[];
  /**
   * Later years, up to two ahead, whose arrangement the package does not carry yet: they hold
   * the statutory days alone (`statutoryDaysOf`) until an upgraded package brings the arrangement.
   * One that passes before then is in neither list, nor are its days: the refresh keeps it as
   * stored (`mergeOfficialYears`).
   */
  readonly provisionalYears: readonly number[];
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

const UNPUBLISHED = '（法定假日，放假安排未发布）';

/** `YYYY-MM-DD` `days` after `date`. */
function dayAfter(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/**
 * 全体公民放假的节日 as the holiday regulations fix them (全国年节及纪念日放假办法, as amended from
 * 2025): 元旦 1 day, 春节 4 (除夕 to 初三), 清明 1, 劳动节 2, 端午 1, 中秋 1, 国庆 3. A year's
 * arrangement (bridging days and 调休) is the State Council's, published each autumn; until the
 * package carries it, these keep New Year's Day and the Spring Festival from counting as working
 * days. A statutory day on a weekend is listed all the same: the arrangement will say what is
 * made up for it.
 */
export function statutoryDaysOf(year: number): OfficialDay[] {
  const lunar = (monthDay: string) => getSolarDateFromLunar(`${year}-${monthDay}`).date;
  const springFestival = lunar('01-01');
  const days: [string, string][] = [
    [`${year}-01-01`, '元旦'],
    ...[-1, 0, 1, 2].map((offset): [string, string] => [dayAfter(springFestival, offset), '春节']),
    [getSolarTermDate(year, 4, 'pure_brightness'), '清明节'],
    [`${year}-05-01`, '劳动节'],
    [`${year}-05-02`, '劳动节'],
    [lunar('05-05'), '端午节'],
    [lunar('08-15'), '中秋节'],
    [`${year}-10-01`, '国庆节'],
    [`${year}-10-02`, '国庆节'],
    [`${year}-10-03`, '国庆节'],
  ];
  // 中秋 can fall in the National Day days (2028-10-03): one day, both names.
  const names = new Map<string, string[]>();
  for (const [date, name] of days) names.set(date, [...(names.get(date) ?? []), name]);
  return [...names]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, named]) => ({ date, name: `${named.join('、')}${UNPUBLISHED}` }));
}

/**
 * Mainland China's public holidays and adjusted working days for every year the installed
 * `chinese-days` package has published, read through its API, and the statutory days of the
 * later years up to two ahead, which it has not. Upgrading the package and refreshing is how a
 * newly published year arrives.
 */
export function mainlandChinaOfficialDays(today = new Date()): PublishedOfficialDays {
  const years: number[] = [];
  const provisionalYears: number[] = [];
  const holidays: OfficialDay[] = [];
  const workingDays: OfficialDay[] = [];
  for (let year = FIRST_YEAR; year <= today.getUTCFullYear() + YEARS_AHEAD; year++) {
    const yearHolidays = holidaysOf(year);
    if (yearHolidays.length > 0) {
      years.push(year);
      holidays.push(...yearHolidays);
      workingDays.push(...adjustedWorkingDaysOf(year));
    } else if (years.length > 0 && year >= today.getUTCFullYear()) {
      provisionalYears.push(year);
      holidays.push(...statutoryDaysOf(year));
    }
  }
  return { years, provisionalYears, holidays, workingDays, source: `chinese-days@${version}` };
}
