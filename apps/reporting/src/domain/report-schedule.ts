import { formatIsoDate, localDayOf } from '@cs/business-calendar';
import { monthOf, previousMonth, previousWeek, weekOf } from './period';
import type { ReportKind } from './monthly-report';

export interface DueReport {
  readonly kind: ReportKind;
  readonly period: string;
}

const DAY_MS = 86_400_000;

/**
 * The reports due at `now`, one of each kind: the last month's (week's) from the first working day
 * of the month (week) after it — a holiday-long break (春节, 国庆) moves it to the first day back —
 * and, before that day, the one before it. Due until generated, not on that day alone: a report a
 * day without a pass (an outage, a release) left behind is generated at the next pass. The caller
 * generates each once (`generated_reports`).
 */
export function reportsDue(now: Date, timeZone: string, isWorkingDay: (isoDate: string) => boolean): DueReport[] {
  const today = formatIsoDate(localDayOf(timeZone, now.getTime()));
  /** Whether a working day of the period has come: from the period's first day to today, any. */
  const reached = (inPeriod: (isoDate: string) => boolean): boolean => {
    for (let d = Date.parse(`${today}T00:00:00Z`); ; d -= DAY_MS) {
      const day = new Date(d).toISOString().slice(0, 10);
      if (!inPeriod(day)) return false;
      if (isWorkingDay(day)) return true;
    }
  };
  const month = monthOf(now, timeZone);
  const week = weekOf(now, timeZone);
  const weekOfDay = (iso: string) => weekOf(new Date(`${iso}T12:00:00Z`), 'UTC');
  const lastMonth = previousMonth(month);
  const lastWeek = previousWeek(week);
  return [
    { kind: 'monthly', period: reached((d) => d.slice(0, 7) === month) ? lastMonth : previousMonth(lastMonth) },
    { kind: 'weekly', period: reached((d) => weekOfDay(d) === week) ? lastWeek : previousWeek(lastWeek) },
  ];
}
