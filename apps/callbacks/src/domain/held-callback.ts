import { type BusinessCalendar, isCalendarRefusal } from '@cs/business-calendar';
import { type DueBasis, type NewCallbackTask, countedDue } from './callback-task';

/** A callback owed, all but its due time. */
export type UncountedCallback = Omit<NewCallbackTask, 'dueAt' | 'dueBasis'>;

/** How its due time is to be counted: so many working days from `from` by calendar `calendarId`. */
export type DueCount = Pick<DueBasis, 'calendarId' | 'from' | 'workingDays'>;

/**
 * A callback owed whose due time its calendar refused to count (422 `CALENDAR.*`): held, not
 * scheduled, until a version of the calendar newer than `calendarVersion` counts it (ADR 0116).
 */
export interface HeldCallback {
  readonly task: UncountedCallback;
  readonly count: DueCount;
  readonly calendarVersion: number;
  /** The refusal's code, e.g. `CALENDAR.NO_WORKING_TIME`. */
  readonly refusal: string;
}

/** A hold as the desk lists it: since when it waits. */
export interface ListedHold extends HeldCallback {
  readonly heldAt: Date;
}

/** The callback with its due time, or held when the calendar refuses to count it; any other failure is passed on. */
export function countOrHold(
  task: UncountedCallback,
  count: DueCount,
  held: { readonly version: number; readonly calendar: BusinessCalendar },
): { readonly scheduled: NewCallbackTask } | { readonly held: HeldCallback } {
  try {
    return { scheduled: { ...task, ...countedDue(held, count.calendarId, count.from, count.workingDays) } };
  } catch (error) {
    if (!isCalendarRefusal(error)) throw error;
    return { held: { task, count, calendarVersion: held.version, refusal: error.code } };
  }
}

/** A followed ticket's status, and when its current resolution was made (none since it was reopened). */
export interface TicketResolution {
  readonly status: string;
  readonly resolvedAt?: Date;
}

/**
 * Whether the callback a resolution's hold waits to schedule is still owed: the ticket is still
 * resolved or closed by that resolution, the one the hold counts from. A reopening or a merge
 * (which only an open ticket undergoes) ends it, even one a replica of the release before handled
 * without dropping the hold (ADR 0124). A ticket never followed here has nothing to judge by, and
 * keeps what its resolution owed; a plan's greeting owes nothing to a ticket.
 */
export function resolutionStillOwes(held: HeldCallback, ticket: TicketResolution | undefined): boolean {
  if (held.task.planId !== undefined || held.task.ticketId === undefined || ticket === undefined) return true;
  return (ticket.status === 'resolved' || ticket.status === 'closed') && ticket.resolvedAt?.getTime() === held.count.from.getTime();
}
