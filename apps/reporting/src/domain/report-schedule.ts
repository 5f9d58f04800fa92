import { formatIsoDate, localDayOf } from '@cs/business-calendar';
import { monthOf, previousMonth, previousWeek, weekOf } from './period';
import type { ReportKind } from './monthly-report';

export interface DueReport {
  readonly kind: ReportKind;
  readonly period: string;
}

const DAY_MS = 86_400_000;

/**
 * The reports due at `now`: on the first working day of a month the previous month's, on the
 * first working day of an ISO week the previous week's. A holiday-long break (春节, 国庆) moves
 * the report to the first day back.
 */
export function reportsDue(now: Date, timeZone: string, isWorkingDay: (isoDate: string) => boolean): DueReport[] {
  const today = formatIsoDate(localDayOf(timeZone, now.getTime()));
  if (!isWorkingDay(today)) return [];
  const earlierDays = (stop: (day: string) => boolean): string[] => {
    const days: string[] = [];
    for (let d = new Date(Date.parse(`${today}T00:00:00Z`) - DAY_MS); ; d = new Date(d.getTime() - DAY_MS)) {
      const iso = d.toISOString().slice(0, 10);
      if (stop(iso)) return days;
      days.push(iso);
    }
  };
  const month = today.slice(0, 7);
  const week = weekOf(now, timeZone);
  const weekOfDay = (iso: string) => weekOf(new Date(`${iso}T12:00:00Z`), 'UTC');
  const firstOfMonth = earlierDays((d) => d.slice(0, 7) !== month).every((d) => !isWorkingDay(d));
  const firstOfWeek = earlierDays((d) => weekOfDay(d) !== week).every((d) => !isWorkingDay(d));
  return [
    ...(firstOfMonth ? [{ kind: 'monthly' as const, period: previousMonth(monthOf(now, timeZone)) }] : []),
    ...(firstOfWeek ? [{ kind: 'weekly' as const, period: previousWeek(week) }] : []),
  ];
}
