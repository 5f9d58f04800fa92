import { DomainError } from '@cs/ddd';

/** Where a ticket is in its lifecycle; the state machine below says how it moves. */
export type TicketStatus = 'new' | 'dispatched' | 'in_progress' | 'awaiting_customer' | 'resolved' | 'closed';

export type Validity = 'pending' | 'valid' | 'invalid' | 'out_of_scope';
export type Grade = 'general' | 'major';
export type Priority = 'low' | 'normal' | 'high' | 'urgent';
/** 0: none; 1: supervisor / leaders; 2: manager. */
export type EscalationLevel = 0 | 1 | 2;

/** The part of a ticket its lifecycle rules read and change. */
export interface Lifecycle {
  readonly status: TicketStatus;
  readonly validity: Validity;
  readonly grade: Grade;
  readonly department?: string;
  readonly handler?: string;
  readonly reopenCount: number;
  readonly extensionCount: number;
  readonly escalationLevel: EscalationLevel;
  readonly firstRepliedAt?: Date;
  readonly dispatchedAt?: Date;
  /** 上门 — when the handler first arrived on site. */
  readonly onSiteAt?: Date;
  readonly resolution?: string;
  readonly resolvedAt?: Date;
  readonly closedAt?: Date;
}

export type LifecycleCommand =
  | {
      readonly type: 'decide_validity';
      readonly decision: Exclude<Validity, 'pending'>;
      readonly reason?: string;
      readonly answerId?: string;
      /** The version of the cited answer in force, stamped by the service, never sent by the caller. */
      readonly answerVersion?: number;
      readonly redirectTo?: string;
    }
  | { readonly type: 'dispatch'; readonly department: string; readonly handler?: string }
  | { readonly type: 'reply'; readonly message: string; readonly answerId?: string; readonly answerVersion?: number }
  /** 上门 — the handler arrived on site, at `arrivedAt` (the time of the request unless earlier). */
  | { readonly type: 'arrive'; readonly arrivedAt?: Date }
  | { readonly type: 'pause'; readonly reason: string }
  | { readonly type: 'resume' }
  | { readonly type: 'resolve'; readonly resolution: string }
  | { readonly type: 'close' }
  | { readonly type: 'reopen'; readonly reason: string }
  | { readonly type: 'extend' }
  /** Without a level: one level up from where the ticket is. */
  | { readonly type: 'escalate'; readonly level?: 1 | 2 };

/** Tickets still being worked on: a follow-up contact about the same item joins one of these. */
export const OPEN_STATUSES: readonly TicketStatus[] = ['new', 'dispatched', 'in_progress', 'awaiting_customer'];
const OPEN = OPEN_STATUSES;

/** Which statuses each command may start from: the ticket state machine in one table. */
export const ALLOWED_FROM: Readonly<Record<LifecycleCommand['type'], readonly TicketStatus[]>> = {
  // While the validity is pending (decide refuses a second judgement): a matter answered before
  // it was judged, or one reopened after an invalid or out-of-scope judgement, is judged in progress.
  decide_validity: OPEN,
  dispatch: ['new', 'dispatched', 'in_progress'],
  reply: OPEN,
  arrive: ['dispatched', 'in_progress'],
  pause: ['dispatched', 'in_progress'],
  resume: ['awaiting_customer'],
  resolve: OPEN,
  close: ['resolved'],
  reopen: ['resolved', 'closed'],
  extend: OPEN,
  escalate: OPEN,
};

/** The level an escalation asks for: the one named, else one above where the ticket is. */
export function escalationTarget(state: Pick<Lifecycle, 'escalationLevel'>, command: { readonly level?: 1 | 2 }): 1 | 2 {
  return command.level ?? (state.escalationLevel >= 1 ? 2 : 1);
}

export function isOpen(status: TicketStatus): boolean {
  return OPEN.includes(status);
}

/** Refuses (409 `TICKET.ILLEGAL_TRANSITION`) a command the state machine does not allow from the ticket's status. */
export function illegal(from: TicketStatus, command: LifecycleCommand['type'], why?: string): DomainError {
  return new DomainError(
    'TICKET.ILLEGAL_TRANSITION',
    'conflict',
    why ?? `cannot ${command.replace('_', ' ')} a ticket that is ${from.replace('_', ' ')}`,
    undefined,
    { currentStatus: from, command, allowedFrom: ALLOWED_FROM[command] },
  );
}

export function assertAllowed(from: TicketStatus, command: LifecycleCommand['type']): void {
  if (!ALLOWED_FROM[command].includes(from)) throw illegal(from, command);
}
