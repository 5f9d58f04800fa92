import { formatTimeOfDay, parseTimeOfDay, type MinuteOfDay } from '../time/time-of-day';
import { WEEKDAYS, byWeekday, type DayHours, type Weekday, type WorkingInterval } from './business-calendar';
import { MAX_INTERVALS_PER_DAY } from './calendar-document';
import { isRecord, pathTo, type Problems } from './problems';

/** Reads `workingHours`: all seven weekdays, each a list of intervals (`[]` for a day off). */
export function readWeeklyHours(value: unknown, path: string, problems: Problems): Record<Weekday, DayHours> | undefined {
  if (!isRecord(value)) return problems.add(path, 'must be an object with the keys mon, tue, wed, thu, fri, sat, sun');
  for (const key of Object.keys(value)) {
    if (!(WEEKDAYS as readonly string[]).includes(key)) {
      problems.add(pathTo(path, key), `is not a weekday; expected one of ${WEEKDAYS.join(', ')}`);
    }
  }
  const week = byWeekday((weekday) =>
    Object.hasOwn(value, weekday)
      ? readDayHours(value[weekday], pathTo(path, weekday), problems)
      : problems.add(pathTo(path, weekday), 'is required (use [] for a day without working hours)'),
  );
  return isComplete(week) ? week : undefined;
}

function isComplete(week: Record<Weekday, DayHours | undefined>): week is Record<Weekday, DayHours> {
  return WEEKDAYS.every((weekday) => week[weekday] !== undefined);
}

/** Reads one day's intervals: `[["08:30","12:00"], ["13:30","17:30"]]`, sorted, not overlapping. */
export function readDayHours(value: unknown, path: string, problems: Problems): DayHours | undefined {
  if (!Array.isArray(value)) return problems.add(path, 'must be an array of ["HH:MM", "HH:MM"] intervals');
  const items: readonly unknown[] = value;
  if (items.length > MAX_INTERVALS_PER_DAY) return problems.add(path, `must hold at most ${MAX_INTERVALS_PER_DAY} intervals (got ${items.length})`);
  const intervals: WorkingInterval[] = [];
  let valid = true;
  items.forEach((item, index) => {
    const itemPath = pathTo(path, index);
    const interval = readInterval(item, itemPath, problems);
    if (!interval) {
      valid = false;
      return;
    }
    const previous = intervals.at(-1);
    if (previous && interval.start < previous.end) {
      problems.add(
        itemPath,
        `must start at or after ${formatTimeOfDay(previous.end)}, where the interval before it ends (intervals are sorted and must not overlap)`,
      );
      valid = false;
    }
    intervals.push(interval);
  });
  return valid ? intervals : undefined;
}

function readInterval(value: unknown, path: string, problems: Problems): WorkingInterval | undefined {
  if (!Array.isArray(value) || value.length !== 2) {
    return problems.add(path, 'must be a pair ["HH:MM", "HH:MM"] of start and end');
  }
  const pair: readonly unknown[] = value;
  const start = readTime(pair[0], pathTo(path, 0), 'start', problems);
  const end = readTime(pair[1], pathTo(path, 1), 'end', problems);
  if (start === undefined || end === undefined) return undefined;
  if (start >= end) {
    return problems.add(
      path,
      `must start before it ends (${formatTimeOfDay(start)} is not before ${formatTimeOfDay(end)}); an interval cannot cross midnight, split it at "24:00"`,
    );
  }
  return { start, end };
}

function readTime(value: unknown, path: string, role: 'start' | 'end', problems: Problems): MinuteOfDay | undefined {
  const minute = typeof value === 'string' ? parseTimeOfDay(value, role) : undefined;
  if (minute !== undefined) return minute;
  return problems.add(
    path,
    role === 'start'
      ? 'must be a time "HH:MM" from "00:00" to "23:59"'
      : 'must be a time "HH:MM" from "00:00" to "24:00"',
  );
}
