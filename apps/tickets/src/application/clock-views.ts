import type { Queryable } from '@cs/persistence';
import { ClockView, SlaClock, viewClock, viewClockAsPlanned } from '../domain/sla-clock';
import { unlessCalendarRefuses } from '../domain/ticket-sla';
import type { SlaTimerRepository } from '../infrastructure/sla-timer.repository';
import { CalendarSource, loadCalendars } from './calendar-source';

/** A ticket or an incident: what has clocks and timers planned for them. */
export interface Clocked {
  readonly id: string;
  readonly clocks: readonly SlaClock[];
}

/** Where the deadlines last planned for tickets' or incidents' clocks are read. */
export type PlannedDeadlines = Pick<SlaTimerRepository, 'lastPlannedDeadlines'>;

/**
 * The clocks of each subject as a reader sees them, in the order given. A clock whose calendar
 * cannot be counted by — stored before the rules it now breaks, or without working time before
 * such were refused — is shown as last planned and marked, rather than the whole page being
 * refused until an admin corrects the calendar; its timers are read for those subjects alone
 * (none in the common case).
 */
export async function viewClocksOf(
  source: CalendarSource,
  planned: PlannedDeadlines,
  db: Queryable,
  subjects: readonly Clocked[],
  now: Date,
): Promise<ClockView[][]> {
  const calendars = await loadCalendars(source, subjects.flatMap((s) => s.clocks.map((c) => c.calendarId)));
  const counted = subjects.map((s) => s.clocks.map((c) => unlessCalendarRefuses(() => viewClock(calendars(c.calendarId), c, now))));
  const uncounted = subjects.filter((_, i) => counted[i]!.includes(undefined));
  const deadlines = await planned.lastPlannedDeadlines(db, uncounted.map((s) => s.id));
  return subjects.map((s, i) => s.clocks.map((c, j) => counted[i]![j] ?? viewClockAsPlanned(c, deadlines.get(s.id)?.get(c.kind), now)));
}
