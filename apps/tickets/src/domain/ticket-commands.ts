import type { Channel, PromiseTier, TicketChannel } from '@cs/contracts';
import type { ItemPlace } from './catalogue';
import type { PlannedTimer } from './sla-clock';
import type { ClockKind, SlaPolicy } from './sla-policy';
import type { ScheduledOrigin, TicketUnit } from './ticket';
import type { FollowUpReason } from './ticket-events';
import type { Grade, Priority } from './ticket-lifecycle';
import type { TicketRequest } from './ticket-request';
import type { CalendarLookup } from './ticket-sla';

/**
 * The contact that raised a new matter, as intake announced it (the customer's name already
 * masked); or a recurring schedule's occurrence (channel `schedule`, with its `origin`).
 */
export interface NewMatter {
  readonly contactId: string;
  readonly customerId: string;
  readonly customerName: string;
  readonly channel: TicketChannel;
  readonly itemCode?: string;
  /** Where the catalogue asks the item's record to place the matter, read by the service. */
  readonly recordPlace?: ItemPlace;
  readonly unit: TicketUnit;
  readonly ownerId: string;
  readonly grade?: Grade;
  readonly priority?: Priority;
  readonly promisedReply?: PromiseTier;
  readonly occurredAt: Date;
  readonly origin?: ScheduledOrigin;
}

/** What the system, not a person, asks of a ticket. */
export type SystemCommand =
  | {
      readonly action: 'open_from_contact';
      readonly ticketId: string;
      readonly number: string;
      readonly contact: NewMatter;
      /** Every SLA policy, in order: the ticket is timed by the one that fits it best. */
      readonly policies: readonly SlaPolicy[];
    }
  | {
      readonly action: 'link_follow_up';
      readonly contactId: string;
      readonly channel: Channel;
      readonly reason: FollowUpReason;
      /** The contact is already on a ticket: a redelivered follow-up counts once. */
      readonly alreadyLinked: boolean;
    }
  | {
      /** 回访 — the customer's verdict at the callback; the comment is already redacted. */
      readonly action: 'reopen_on_callback';
      readonly satisfied: boolean;
      readonly comment?: string;
    }
  | {
      readonly action: 'fire_sla_timers';
      readonly timers: readonly PlannedTimer[];
      /** The calendars changed since the ticket's timers were planned, whose walk (ADR 0018) has not reached it yet. */
      readonly calendarsChanging?: readonly string[];
    }
  | RecomputeDeadlines
  /** Opinion deadlines that came due; each unanswered one is reported overdue once. */
  | { readonly action: 'fire_opinion_deadlines'; readonly opinionIds: readonly string[] }
  | JoinIncident;

/** 群发事件 — the ticket becomes a child of an incident an agent or supervisor linked it to. */
export interface JoinIncident {
  readonly action: 'join_incident';
  readonly incidentId: string;
  readonly incidentNumber: string;
}


/** When a clock's deadline was planned for: its unfired breach timer, set at the last change. */
export interface PlannedDeadline {
  readonly clock: ClockKind;
  readonly dueAt: Date;
}

/** A business calendar changed (an upload or the official refresh): the clocks it times are due again. */
export interface RecomputeDeadlines {
  readonly action: 'recompute_deadlines';
  readonly calendarId: string;
  readonly calendarVersion: number;
  readonly planned: readonly PlannedDeadline[];
}

export type TicketCommandData = TicketRequest | SystemCommand;

/** When and by whom, and what the use case loaded for the decision: calendars and the ticket's SLA policy. */
export interface CommandMetadata {
  readonly at: Date;
  readonly by: string;
  readonly calendars: CalendarLookup;
  readonly policy?: SlaPolicy;
}

export interface TicketCommand {
  readonly data: TicketCommandData;
  readonly metadata: CommandMetadata;
}
