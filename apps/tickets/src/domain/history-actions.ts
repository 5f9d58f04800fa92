import type { TicketEvent } from './ticket-events';

/** Handling steps are recorded as the event they caused. */
const STEP_EVENTS = [
  'suggestion_evaluated',
  'suggestion_forwarded',
  'suggestion_implementation_recorded',
  'suggestion_rewarded',
  'opinion_requested',
  'opinion_recorded',
  'reply_approved',
] as const satisfies readonly TicketEvent['type'][];
export type StepEvent = (typeof STEP_EVENTS)[number];

/**
 * Every action a history entry can name, the closed set the API documents: a person's request
 * as asked, a handling step as the event it caused, or what the system did.
 */
export const HISTORY_ACTIONS = [
  'created',
  'follow_up',
  'decide_validity',
  'dispatch',
  'reply',
  'arrive',
  'pause',
  'resume',
  'resolve',
  'close',
  'reopen',
  'escalate',
  'extend',
  'promise',
  'amend_record',
  ...STEP_EVENTS,
  'opinion_overdue',
  'sla_timers',
  'deadlines_recomputed',
  'join_incident',
  'merge',
  'merged_into',
] as const;
export type HistoryAction = (typeof HISTORY_ACTIONS)[number];

/** Whether an event is a handling step, recorded in the history as itself. */
export function isStepEvent(event: TicketEvent): event is Extract<TicketEvent, { type: StepEvent }> {
  return (STEP_EVENTS as readonly string[]).includes(event.type);
}
