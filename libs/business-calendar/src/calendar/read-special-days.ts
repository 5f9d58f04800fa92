import { parseIsoDate, type DayNumber, type IsoDate } from '../time/civil-date';
import type { AdjustedWorkingDay, DayHours, Holiday } from './business-calendar';
import { MAX_DAY_NAME_LENGTH } from './calendar-document';
import { isRecord, pathTo, type Problems } from './problems';
import { readDayHours } from './read-hours';

export interface DatedEntries<T> {
  /** The entries read without problems. */
  readonly entries: readonly T[];
  /** Where each date was first listed, to report duplicates and holiday/working-day clashes by path. */
  readonly pathByDay: ReadonlyMap<DayNumber, string>;
}

interface Dated {
  readonly date: IsoDate;
  readonly day: DayNumber;
}

/**
 * Reads one entry's fields other than `date`; `dated` is undefined when the date itself is
 * invalid, so that the entry's other problems are still reported.
 */
type EntryReader<T> = (
  entry: Readonly<Record<string, unknown>>,
  entryPath: string,
  dated: Dated | undefined,
) => T | undefined;

/** Reads `holidays`; an absent list means no holidays. */
export function readHolidays(value: unknown, path: string, problems: Problems): DatedEntries<Holiday> {
  return readDatedList(value, path, problems, (entry, entryPath, dated) => {
    const name = readName(entry.name, pathTo(entryPath, 'name'), problems);
    return name === undefined || dated === undefined ? undefined : { date: dated.date, name };
  });
}

/**
 * Reads `workingDays` (调休). Each must really work: it needs its own non-empty `hours` when
 * Monday, its default, has none. A date cannot also be a holiday.
 */
export function readWorkingDays(
  value: unknown,
  path: string,
  context: { readonly monday: DayHours | undefined; readonly holidays: DatedEntries<Holiday> },
  problems: Problems,
): DatedEntries<AdjustedWorkingDay> {
  return readDatedList(value, path, problems, (entry, entryPath, dated) => {
    const holidayPath = dated && context.holidays.pathByDay.get(dated.day);
    if (dated && holidayPath !== undefined) {
      problems.add(pathTo(entryPath, 'date'), `${dated.date} is also a holiday (${holidayPath}); a date cannot be both`);
    }
    const name = readName(entry.name, pathTo(entryPath, 'name'), problems);
    const hours = readOwnHours(entry, pathTo(entryPath, 'hours'), context.monday, problems);
    if (!dated || holidayPath !== undefined || name === undefined || hours === null) return undefined;
    return hours === undefined ? { date: dated.date, name } : { date: dated.date, name, hours };
  });
}

/** `undefined`: no own hours (Monday's apply); `null`: invalid. */
function readOwnHours(
  entry: Readonly<Record<string, unknown>>,
  path: string,
  monday: DayHours | undefined,
  problems: Problems,
): DayHours | undefined | null {
  if (!Object.hasOwn(entry, 'hours')) {
    if (monday?.length === 0) {
      problems.add(path, 'is required: Monday, whose hours an adjusted working day otherwise works, has none');
      return null;
    }
    return undefined;
  }
  const hours = readDayHours(entry.hours, path, problems);
  if (hours === undefined) return null;
  if (hours.length === 0) {
    problems.add(path, "must not be empty: an adjusted working day works; omit hours to work Monday's");
    return null;
  }
  return hours;
}

function readDatedList<T>(value: unknown, path: string, problems: Problems, readEntry: EntryReader<T>): DatedEntries<T> {
  const entries: T[] = [];
  const pathByDay = new Map<DayNumber, string>();
  if (value === undefined) return { entries, pathByDay };
  if (!Array.isArray(value)) {
    problems.add(path, 'must be an array of { "date": "YYYY-MM-DD", "name": "…" }');
    return { entries, pathByDay };
  }
  const items: readonly unknown[] = value;
  items.forEach((item, index) => {
    const entryPath = pathTo(path, index);
    if (!isRecord(item)) {
      problems.add(entryPath, 'must be an object { "date": "YYYY-MM-DD", "name": "…" }');
      return;
    }
    const dated = readDate(item.date, pathTo(entryPath, 'date'), pathByDay, problems);
    if (dated && !pathByDay.has(dated.day)) pathByDay.set(dated.day, entryPath);
    const entry = readEntry(item, entryPath, dated);
    if (entry !== undefined && dated) entries.push(entry);
  });
  return { entries, pathByDay };
}

/** A valid date not listed before in the same list, or undefined (problem reported). */
function readDate(
  value: unknown,
  path: string,
  seen: ReadonlyMap<DayNumber, string>,
  problems: Problems,
): Dated | undefined {
  const day = typeof value === 'string' ? parseIsoDate(value) : undefined;
  if (typeof value !== 'string' || day === undefined) {
    return problems.add(path, 'must be a date "YYYY-MM-DD" that exists (years 1900–9999)');
  }
  const earlier = seen.get(day);
  if (earlier !== undefined) return problems.add(path, `${value} is listed twice (also at ${earlier})`);
  return { date: value, day };
}

/** Counted in characters (code points), as JSON Schema's maxLength counts them. */
function readName(value: unknown, path: string, problems: Problems): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return problems.add(path, 'must be a non-empty string');
  if (Array.from(value).length > MAX_DAY_NAME_LENGTH) return problems.add(path, `must be at most ${MAX_DAY_NAME_LENGTH} characters`);
  return value;
}
