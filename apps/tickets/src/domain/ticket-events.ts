import type { Channel, PromiseTier } from '@cs/contracts';
import type { ItemPlace } from './catalogue';
import type { OpinionSource } from './complaint-research';
import type { ClockExtension, SlaClock } from './sla-clock';
import type { ClockKind } from './sla-policy';
import type { Ticket } from './ticket';
import type { CapException } from './ticket-sla';
import type { Notify } from './ticket-notify';
import type { Grade, TicketStatus, Validity } from './ticket-lifecycle';
import type { ImplementationStatus, RewardKind } from './suggestion';

/** When it happened and who did it (a user id, or "system" for timers and the intake feed). */
interface Stamp {
  readonly at: Date;
  readonly by: string;
}

export type EscalationReason = 'major_complaint' | 'sla_breached' | 'breach_unresolved' | 'manual';
export type FollowUpReason = 'ticket_named' | 'same_item_open_ticket';

export type TicketOpened = Stamp & { readonly type: 'ticket_opened'; readonly ticket: Ticket };
export type ValidityDecided = Stamp & {
  readonly type: 'validity_decided';
  readonly decision: Exclude<Validity, 'pending'>;
  readonly reason?: string;
  readonly answerId?: string;
  readonly answerVersion?: number;
  readonly redirectTo?: string;
  readonly grade?: Grade;
};
/**
 * `breached`: whether the dispatch clock this met missed its deadline; absent when it met none.
 * `takenAsValid`: whether the dispatch is the matter's judged valid decision: a repair or complaint a
 * caller brought, its validity pending (ADR 0081, 0163). The desk takes any pending matter dispatched as valid.
 */
export type Dispatched = Stamp & {
  readonly type: 'dispatched';
  readonly department: string;
  readonly handler?: string;
  readonly breached?: boolean;
  readonly takenAsValid: boolean;
};
export type Replied = Stamp & { readonly type: 'replied'; readonly answerId?: string; readonly answerVersion?: number; readonly firstReply: boolean };
/** `breached`: whether the on-site clock this met missed its deadline; absent when it met none. */
export type ArrivedOnSite = Stamp & { readonly type: 'arrived_on_site'; readonly arrivedAt: Date; readonly breached?: boolean };
export type Paused = Stamp & { readonly type: 'paused'; readonly reason: string };
export type Resumed = Stamp & { readonly type: 'resumed' };
export type Resolved = Stamp & { readonly type: 'resolved'; readonly resolution: string; readonly breached: boolean };
export type Closed = Stamp & { readonly type: 'closed' };
/** 补录 — the record completed or corrected: each field given is its new value, `previous` what it replaced. */
export type RecordAmended = Stamp & {
  readonly type: 'record_amended';
  readonly itemCode?: string;
  readonly building?: string;
  readonly room?: string;
  /** With a new item: where the catalogue asks its record to place the matter. */
  readonly recordPlace?: ItemPlace;
  readonly previous: { readonly itemCode?: string; readonly building?: string; readonly room?: string };
  /** Whether the new item makes the dispatch that took the matter as valid its judged decision (ADR 0166). */
  readonly takenAsValid: boolean;
};
export type Reopened = Stamp & {
  readonly type: 'reopened';
  readonly reason: string;
  readonly reopenCount: number;
  /** Whether the reopening withdrew an invalid or out-of-scope judgement: the matter is pending again (ADR 0081, 0166). */
  readonly validityWithdrawn: boolean;
  /** The resolution clock re-processing is owed by; absent when the ticket never had a resolution target. */
  readonly resolutionClock?: SlaClock;
};
export type DeadlineExtended = Stamp & {
  readonly type: 'deadline_extended';
  readonly clock: ClockKind;
  readonly extension: ClockExtension;
  readonly newDueAt: Date;
  /** The clock's thresholds still passed at the later deadline: the others are warned of again. */
  readonly warned: readonly number[];
  readonly extensionCount: number;
  /** Present when the new deadline is beyond the reply cap a supervisor waived. */
  readonly capException?: CapException;
};
export type ReplyPromised = Stamp & {
  readonly type: 'reply_promised';
  readonly tier: PromiseTier;
  readonly dueAt: Date;
  readonly capException?: CapException;
};
export type Escalated = Stamp & {
  readonly type: 'escalated';
  readonly level: 1 | 2;
  readonly reason: EscalationReason;
  readonly note?: string;
  readonly notify: Notify;
};
export type SlaWarned = Stamp & { readonly type: 'sla_warned'; readonly clock: ClockKind; readonly threshold: number; readonly dueAt: Date; readonly notify: Notify };
export type SlaBreached = Stamp & { readonly type: 'sla_breached'; readonly clock: ClockKind; readonly dueAt: Date; readonly notify: Notify };
/** 催办 — a contact intake routed to this ticket; `ticketStatus` shows whether it came after the matter was handled. */
export type FollowUpLinked = Stamp & {
  readonly type: 'follow_up_linked';
  readonly contactId: string;
  readonly channel: Channel;
  readonly reason: FollowUpReason;
  readonly ticketStatus: TicketStatus;
};

/** One clock's deadline as a calendar change moved it. */
export interface DeadlineChange {
  readonly clock: ClockKind;
  /** Absent for a clock held until now, its calendar refusing to count it when the ticket opened (ADR 0130). */
  readonly previousDueAt?: Date;
  readonly dueAt: Date;
}
/** The calendar a clock counts by changed (holidays, 调休, hours), and with it the deadlines. */
export type DeadlinesRecomputed = Stamp & {
  readonly type: 'deadlines_recomputed';
  readonly calendarId: string;
  readonly calendarVersion: number;
  readonly changes: readonly DeadlineChange[];
};
/** 建议 — the steps of handling a suggestion. */
export type SuggestionEvaluated = Stamp & {
  readonly type: 'suggestion_evaluated';
  readonly reasonable: boolean;
  readonly feasible: boolean;
  readonly valuable: boolean;
  readonly comment: string;
};
export type SuggestionForwarded = Stamp & { readonly type: 'suggestion_forwarded'; readonly department: string };
export type SuggestionImplementationRecorded = Stamp & {
  readonly type: 'suggestion_implementation_recorded';
  readonly status: ImplementationStatus;
  readonly result?: string;
};
export type SuggestionRewarded = Stamp & { readonly type: 'suggestion_rewarded'; readonly kind: RewardKind; readonly description: string; readonly value?: number };

/** Researching the answer to a complaint no unified answer covers. */
export type OpinionRequested = Stamp & {
  readonly type: 'opinion_requested';
  readonly opinionId: string;
  readonly from: OpinionSource;
  readonly department?: string;
  readonly question: string;
  readonly dueAt: Date;
};
/** `late`: recorded after its deadline. */
export type OpinionRecorded = Stamp & { readonly type: 'opinion_recorded'; readonly opinionId: string; readonly text: string; readonly late: boolean };
export type OpinionOverdue = Stamp & {
  readonly type: 'opinion_overdue';
  readonly opinionId: string;
  readonly from: OpinionSource;
  readonly dueAt: Date;
  readonly notify: Notify;
};
export type ReplyApproved = Stamp & { readonly type: 'reply_approved'; readonly text: string };
/** 群发事件 — the caller's matter is one of many about the same fault, handled as the incident. */
export type IncidentJoined = Stamp & { readonly type: 'incident_joined'; readonly incidentId: string; readonly incidentNumber: string };

/** 工单合并 — on the survivor: a duplicate's contacts joined it (the opening one and its follow-ups). */
export type MergedIn = Stamp & {
  readonly type: 'merged_in';
  readonly mergedTicketId: string;
  readonly mergedNumber: string;
  readonly contacts: number;
  readonly reason?: string;
};
/** On the duplicate: closed as merged, read-only from now on, its clocks stopped (the survivor's carry the matter). */
export type MergedInto = Stamp & {
  readonly type: 'merged_into';
  readonly survivorId: string;
  readonly survivorNumber: string;
  readonly contacts: number;
  readonly reason?: string;
};

/** Everything that can happen to a ticket, in the ticket's own terms; published events are mapped from these. */
export type TicketEvent =
  | TicketOpened
  | ValidityDecided
  | Dispatched
  | Replied
  | ArrivedOnSite
  | Paused
  | Resumed
  | Resolved
  | Closed
  | RecordAmended
  | Reopened
  | DeadlineExtended
  | ReplyPromised
  | Escalated
  | SlaWarned
  | SlaBreached
  | FollowUpLinked
  | DeadlinesRecomputed
  | SuggestionEvaluated
  | SuggestionForwarded
  | SuggestionImplementationRecorded
  | SuggestionRewarded
  | OpinionRequested
  | OpinionRecorded
  | OpinionOverdue
  | ReplyApproved
  | IncidentJoined
  | MergedIn
  | MergedInto;
