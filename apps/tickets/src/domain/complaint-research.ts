import type { OPINION_SOURCES } from '@cs/contracts';
import { DomainError } from '@cs/ddd';
import type { Ticket } from './ticket';
import type { TicketEvent } from './ticket-events';
import { notifyFor } from './ticket-notify';

export type OpinionSource = (typeof OPINION_SOURCES)[number];

/** 征求意见 — a department's or legal counsel's opinion asked for a complaint no unified answer covers. */
export interface RequestedOpinion {
  readonly id: string;
  readonly from: OpinionSource;
  readonly department?: string;
  readonly question: string;
  readonly dueAt: Date;
  readonly requestedAt: Date;
  readonly requestedBy: string;
  readonly answer?: { readonly text: string; readonly at: Date; readonly by: string };
  /** Set once, when the deadline passed without an answer. */
  readonly overdueAt?: Date;
}

/** The reply a supervisor approved for a complaint without a unified answer (审批后的答复口径). */
export interface ApprovedReply {
  readonly text: string;
  readonly at: Date;
  readonly by: string;
}

/** What a person asks while researching a complaint's answer; free text is redacted before it gets here. */
export type ComplaintResearchCommand =
  | {
      readonly action: 'request_opinion';
      /** Chosen by the caller, so the decision stays pure. */
      readonly opinionId: string;
      readonly from: OpinionSource;
      readonly department?: string;
      readonly question: string;
      readonly dueAt: Date;
    }
  | { readonly action: 'record_opinion'; readonly opinionId: string; readonly text: string }
  | { readonly action: 'approve_reply'; readonly text: string };

export type ComplaintResearchAction = ComplaintResearchCommand['action'];

type Stamp = { readonly at: Date; readonly by: string };
type Of<A extends ComplaintResearchAction> = Extract<ComplaintResearchCommand, { readonly action: A }>;

function conflict(ticket: Ticket, action: string, why: string): DomainError {
  return new DomainError('TICKET.ILLEGAL_TRANSITION', 'conflict', why, undefined, { currentStatus: ticket.status, command: action });
}

function requestOpinion(ticket: Ticket, c: Of<'request_opinion'>, stamp: Stamp): TicketEvent[] {
  if (c.from === 'department' && !c.department) {
    throw new DomainError('TICKET.DEPARTMENT_REQUIRED', 'invalid', 'name the department whose opinion is asked', 'department');
  }
  if (c.dueAt.getTime() <= stamp.at.getTime()) throw new DomainError('TICKET.DUE_IN_PAST', 'invalid', 'the deadline for the opinion must be in the future', 'dueAt');
  if (ticket.opinions?.some((o) => o.id === c.opinionId)) return [];
  return [
    {
      type: 'opinion_requested',
      ...stamp,
      opinionId: c.opinionId,
      from: c.from,
      ...(c.from === 'department' && c.department ? { department: c.department } : {}),
      question: c.question,
      dueAt: c.dueAt,
    },
  ];
}

function opinionOf(ticket: Ticket, opinionId: string): RequestedOpinion {
  const opinion = ticket.opinions?.find((o) => o.id === opinionId);
  if (!opinion) throw new DomainError('TICKET.OPINION_NOT_FOUND', 'not_found', `no opinion ${opinionId} was requested on this ticket`);
  return opinion;
}

function recordOpinion(ticket: Ticket, c: Of<'record_opinion'>, stamp: Stamp): TicketEvent[] {
  const opinion = opinionOf(ticket, c.opinionId);
  if (opinion.answer) throw conflict(ticket, c.action, `the opinion was already recorded at ${opinion.answer.at.toISOString()}`);
  return [{ type: 'opinion_recorded', ...stamp, opinionId: opinion.id, text: c.text, late: stamp.at.getTime() > opinion.dueAt.getTime() }];
}

/**
 * The research steps of a complaint no unified answer covers (domain.md, Complaint): ask a
 * department or legal counsel by a deadline, record what they said, and have the supervisor
 * approve the reply. Only a complaint still open to change is researched.
 */
export function decideComplaintResearch(ticket: Ticket, command: ComplaintResearchCommand, stamp: Stamp): TicketEvent[] {
  if (ticket.sectionCode !== 'complaint') {
    throw new DomainError('TICKET.NOT_A_COMPLAINT', 'invalid', `ticket ${ticket.number} is not a complaint (section ${ticket.sectionCode ?? 'none'})`);
  }
  if (ticket.status === 'closed') throw conflict(ticket, command.action, 'the complaint is closed');
  switch (command.action) {
    case 'request_opinion':
      return requestOpinion(ticket, command, stamp);
    case 'record_opinion':
      return recordOpinion(ticket, command, stamp);
    case 'approve_reply':
      return [{ type: 'reply_approved', ...stamp, text: command.text }];
  }
}

/**
 * Deadlines that passed: each unanswered opinion is reported overdue once, to the supervisor and
 * the owner. A closed complaint takes no opinion any more (409): chasing one would ask for what
 * cannot be recorded.
 */
export function opinionsOverdue(ticket: Ticket, opinionIds: readonly string[], at: Date): TicketEvent[] {
  if (ticket.status === 'closed') return [];
  return (ticket.opinions ?? [])
    .filter((o) => opinionIds.includes(o.id) && !o.answer && !o.overdueAt && o.dueAt.getTime() <= at.getTime())
    .map((o) => {
      const notify = notifyFor(ticket, 1);
      return {
        type: 'opinion_overdue',
        at,
        by: 'system',
        opinionId: o.id,
        from: o.from,
        dueAt: o.dueAt,
        notify: o.department ? { ...notify, department: o.department } : notify,
      };
    });
}

/**
 * An invalid complaint is closed with the answer given. When no unified answer covered it, that
 * answer was researched, and only a reply the supervisor approved may close it.
 */
export function assertReplyApprovedToClose(ticket: Ticket): void {
  if (ticket.sectionCode !== 'complaint' || ticket.validity !== 'invalid' || ticket.unifiedAnswerId || ticket.approvedReply) return;
  throw new DomainError(
    'TICKET.REPLY_APPROVAL_REQUIRED',
    'invalid',
    'an invalid complaint answered without a unified answer is closed only with a reply a supervisor approved (POST reply-approval)',
  );
}
