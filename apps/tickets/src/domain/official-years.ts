import type { OfficialDay, OfficialDays } from '@cs/business-calendar';

/** The official days with, for each year they hold, the data package release it was read from. */
export interface StampedOfficialDays extends OfficialDays {
  /** Year (`2027`) → release (`chinese-days@1.6.0`), for every year the days hold. */
  readonly sources: Readonly<Record<string, string>>;
  /** The years whose arrangement was published; the others hold their statutory days alone. */
  readonly published: readonly number[];
}

/** What a refresh read from the installed data package. */
export interface OfficialReading extends OfficialDays {
  readonly source: string;
  readonly published: readonly number[];
}

/** A stored year a refresh left as it was, with the release that stored it. */
export interface KeptYear {
  readonly year: number;
  readonly source: string;
}

/**
 * A stored year the reading replaced with fewer days off: holidays it does not hold, or 调休
 * Saturdays and Sundays it adds to a year published before. Days off that are working days now.
 */
export interface ThinnedYear {
  readonly year: number;
  /** The release read, whose days the year now holds. */
  readonly source: string;
  /** Holidays stored whose date the reading does not hold as a holiday. */
  readonly removed: number;
  /** Holidays the year holds now. */
  readonly left: number;
  /**
   * Weekend days the reading makes working days (调休上班) that the year, stored published, did
   * not: an arrangement replacing the statutory days alone brings its own, which are not counted.
   */
  readonly madeWorking: readonly string[];
}

/** The official days a refresh stores, and what it kept of those stored. */
export interface OfficialYearsMerge {
  readonly days: StampedOfficialDays;
  /** Years holding their statutory days alone, ascending. */
  readonly provisional: readonly number[];
  /** Years a later release stored than the one read (a release rolled back). */
  readonly kept: readonly KeptYear[];
  /**
   * Years the reading does not replace: it carries none of their days (a provisional year that
   * passed unpublished leaves the reading), or only their statutory days where an arrangement is stored.
   */
  readonly unreplaced: readonly KeptYear[];
  readonly thinned: readonly ThinnedYear[];
  /** Whether any holiday or working day differs from those stored. */
  readonly changed: boolean;
}

const RELEASE = /^(.+)@(\d+)\.(\d+)\.(\d+)$/;

/**
 * Whether `source` is an earlier release of the same package than `than` (`chinese-days@1.5.7`
 * before `chinese-days@1.6.0`). Only plain MAJOR.MINOR.PATCH releases are ordered: another
 * version (a fork's, a pre-release) is not earlier than anything, so it replaces what is stored.
 */
export function isEarlierRelease(source: string, than: string): boolean {
  const a = RELEASE.exec(source);
  const b = RELEASE.exec(than);
  if (!a || !b || a[1] !== b[1]) return false;
  for (const part of [2, 3, 4]) {
    const difference = Number(a[part]) - Number(b[part]);
    if (difference !== 0) return difference < 0;
  }
  return false;
}

const yearOf = (day: OfficialDay) => Number(day.date.slice(0, 4));
const inYear = (year: number) => (day: OfficialDay) => yearOf(day) === year;
const sameDays = (a: readonly OfficialDay[], b: readonly OfficialDay[]) =>
  a.length === b.length && a.every((day, i) => day.date === b[i]?.date && day.name === b[i]?.name);

/**
 * Whether the reading replaces the stored `year`: it carries the year, and its arrangement when
 * one is stored — statutory days alone never stand in for a published arrangement.
 */
function replaces(reading: OfficialReading, stored: StampedOfficialDays, year: number): boolean {
  const carried = [...reading.holidays, ...reading.workingDays].some(inYear(year));
  return carried && (reading.published.includes(year) || !stored.published.includes(year));
}

/**
 * The stored year replaced by the reading, when some of its holidays are not among the reading's,
 * or, published, the reading works weekend days it did not.
 */
function thinnedBy(reading: OfficialReading, stored: StampedOfficialDays, year: number): ThinnedYear | undefined {
  const now = new Set(reading.holidays.filter(inYear(year)).map((day) => day.date));
  const removed = stored.holidays.filter(inYear(year)).filter((day) => !now.has(day.date)).length;
  const worked = new Set(stored.workingDays.filter(inYear(year)).map((day) => day.date));
  const madeWorking = stored.published.includes(year)
    ? reading.workingDays.filter(inYear(year)).flatMap((day) => (worked.has(day.date) ? [] : [day.date]))
    : [];
  return removed > 0 || madeWorking.length > 0 ? { year, source: reading.source, removed, left: now.size, madeWorking } : undefined;
}

/**
 * The official days a refresh stores: what it read, except each stored year it does not replace,
 * which is kept whole. A later release stored it (a package rolled back to an earlier release
 * would otherwise put its older arrangement, or the statutory days alone, over a year published
 * since), or the reading carries none of its days, or only its statutory days where an
 * arrangement is stored: a year leaves the reading without being withdrawn (a provisional year
 * that passed unpublished), and taking it out would leave the calendars without its holidays.
 */
export function mergeOfficialYears(stored: StampedOfficialDays | undefined, reading: OfficialReading): OfficialYearsMerge {
  const storedYears = Object.entries(stored?.sources ?? {})
    .map(([year, source]) => ({ year: Number(year), source }))
    .sort((a, b) => a.year - b.year);
  const kept = storedYears.filter(({ source }) => isEarlierRelease(reading.source, source));
  const unreplaced = stored ? storedYears.filter((y) => !kept.includes(y) && !replaces(reading, stored, y.year)) : [];
  const keptFrom = new Map([...kept, ...unreplaced].map((k) => [k.year, k.source]));
  const readYears = [...reading.holidays, ...reading.workingDays].map(yearOf);
  const years = [...new Set([...readYears, ...keptFrom.keys()])].sort((a, b) => a - b);
  const from = (year: number): OfficialDays & { readonly published: readonly number[] } => (stored && keptFrom.has(year) ? stored : reading);
  const holidays = years.flatMap((year) => from(year).holidays.filter(inYear(year)));
  const workingDays = years.flatMap((year) => from(year).workingDays.filter(inYear(year)));
  const sources = Object.fromEntries(years.map((year) => [String(year), keptFrom.get(year) ?? reading.source]));
  const published = years.filter((year) => from(year).published.includes(year));
  const thinned = stored ? storedYears.filter(({ year }) => !keptFrom.has(year)).flatMap(({ year }) => thinnedBy(reading, stored, year) ?? []) : [];
  return {
    days: { holidays, workingDays, sources, published },
    provisional: years.filter((year) => !published.includes(year)),
    kept,
    unreplaced,
    thinned,
    changed: !stored || !sameDays(stored.holidays, holidays) || !sameDays(stored.workingDays, workingDays),
  };
}
