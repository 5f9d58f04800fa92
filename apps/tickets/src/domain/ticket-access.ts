import { DomainError } from '@cs/ddd';
import type { ComplaintResearchAction } from './complaint-research';
import type { SuggestionAction } from './suggestion';
import { Ticket, sectionOf } from './ticket';
import type { RecordAmendment } from './ticket-request';
import { LifecycleCommand, escalationTarget } from './ticket-lifecycle';
import { validityWasJudged } from './ticket-validity';

/** Who is asking, in the terms access rules need; mirrors the token's claims. */
export interface Actor {
  readonly sub: string;
  readonly roles: readonly string[];
  readonly department?: string;
  /** Absent: all projects. */
  readonly projects?: readonly string[];
}

export type TicketAction =
  | 'decide_validity'
  | 'dispatch'
  | 'reply'
  /** 上门 — the handler arrived on site. */
  | 'arrive'
  | 'pause'
  | 'resume'
  | 'resolve'
  | 'close'
  | 'reopen'
  | 'extend'
  | 'escalate'
  | 'promise'
  /** 工单合并 — fold a duplicate of the same customer's matter into this ticket. */
  | 'merge'
  /** 补录 — complete or correct the record: its item, building, room. */
  | 'amend_record'
  | SuggestionAction
  | ComplaintResearchAction;

/** What is asked of a ticket: an action, or a lifecycle command or record amendment whose details narrow who may ask it. */
export type TicketAct = TicketAction | LifecycleCommand | RecordAmendment;

const AGENT_ACTIONS: readonly TicketAction[] = [
  'decide_validity', 'dispatch', 'reply', 'arrive', 'pause', 'resume', 'resolve', 'close', 'reopen', 'extend', 'escalate', 'promise', 'merge', 'amend_record',
];
const HANDLER_ACTIONS: readonly TicketAction[] = ['reply', 'arrive', 'pause', 'resume', 'resolve', 'extend'];
/** 建议: the desk evaluates, forwards and rewards; the department's handler reports how implementation goes. */
const SUGGESTION_ACTIONS: readonly TicketAction[] = ['evaluate_suggestion', 'forward_suggestion', 'record_implementation', 'reward_suggestion'];
const RESEARCH_ACTIONS: readonly TicketAction[] = ['request_opinion', 'record_opinion'];
/** The reply to a complaint no unified answer covers is the supervisor's to approve (domain.md, Complaint). */
const SUPERVISOR_ACTIONS: readonly TicketAction[] = [...AGENT_ACTIONS, ...SUGGESTION_ACTIONS, ...RESEARCH_ACTIONS, 'approve_reply'];

const ACTIONS_BY_ROLE: Readonly<Record<string, readonly TicketAction[]>> = {
  agent: [...AGENT_ACTIONS, ...SUGGESTION_ACTIONS, ...RESEARCH_ACTIONS],
  supervisor: SUPERVISOR_ACTIONS,
  admin: SUPERVISOR_ACTIONS,
  handler: [...HANDLER_ACTIONS, 'record_implementation'],
  manager: ['escalate'],
  quality: [],
};

/**
 * Whether the role may take the action on some ticket it can see (its narrowings aside): what the
 * contract publishes as the operation's roles, read from the table `canDo` applies.
 */
export function roleMayTake(role: string, action: TicketAction): boolean {
  return ACTIONS_BY_ROLE[role]?.includes(action) ?? false;
}

/** An agent escalates to the supervisor (level 1); taking a matter to the leaders is for those who answer for it. */
export const ESCALATE_TO_LEADERS: readonly string[] = ['supervisor', 'manager', 'admin'];
/** A closed matter was accepted by the customer; re-opening it is a supervisor's decision, not the agent's. */
export const REOPEN_CLOSED: readonly string[] = ['supervisor', 'admin'];
/**
 * A matter judged (its validity decided by a judgement, or resolved) was handled by its section's rules: a
 * complaint's reply approved by the supervisor, a consultation's reply cap. Moving it to another
 * section would take it out of them, so it is the supervisor's decision.
 */
export const RECLASSIFY_JUDGED: readonly string[] = ['supervisor', 'admin'];

/** Whether an amendment moves a matter already judged to another section; classifying an unclassified one moves nothing. */
function movesJudgedMatter(ticket: Ticket, amendment: RecordAmendment): boolean {
  if (amendment.itemCode === undefined || ticket.sectionCode === undefined || sectionOf(amendment.itemCode) === ticket.sectionCode) return false;
  // Reopened, it was resolved once: re-processing does not undo that it was handled as its section.
  return validityWasJudged(ticket) || ticket.status === 'resolved' || ticket.status === 'closed' || ticket.reopenCount > 0;
}

interface Narrowing {
  readonly roles: readonly string[];
  readonly refusal: string;
}

/** The roles an act is narrowed to by what it would do to this ticket, beyond its action's own table. */
function narrowing(ticket: Ticket, act: TicketAct): Narrowing | undefined {
  if (typeof act === 'string') return undefined;
  if ('action' in act) {
    return movesJudgedMatter(ticket, act) ? { roles: RECLASSIFY_JUDGED, refusal: 'your role may not move a judged matter to another section' } : undefined;
  }
  if (act.type === 'escalate') {
    const level = escalationTarget(ticket, act);
    if (level >= 2) return { roles: ESCALATE_TO_LEADERS, refusal: `your role may not escalate this ticket to level ${level}` };
  }
  if (act.type === 'reopen' && ticket.status === 'closed') return { roles: REOPEN_CLOSED, refusal: 'your role may not reopen a closed ticket' };
  return undefined;
}

/** What a refusal names, in words a desk can show (an action's code read aloud missed its object: "decide validity this ticket"). */
const REFUSED_ACT: Readonly<Record<TicketAction, string>> = {
  decide_validity: 'judge the validity of this ticket',
  dispatch: 'dispatch this ticket',
  reply: 'reply on this ticket',
  arrive: 'record an arrival on site for this ticket',
  pause: 'pause this ticket',
  resume: 'resume this ticket',
  resolve: 'resolve this ticket',
  close: 'close this ticket',
  reopen: 'reopen this ticket',
  extend: 'extend this ticket',
  escalate: 'escalate this ticket',
  promise: 'promise this ticket',
  merge: 'merge into this ticket',
  amend_record: 'amend the record of this ticket',
  evaluate_suggestion: 'evaluate this suggestion',
  forward_suggestion: 'forward this suggestion',
  record_implementation: 'record how this suggestion is implemented',
  reward_suggestion: 'reward this suggestion',
  request_opinion: 'ask a department’s opinion on this complaint',
  record_opinion: 'record a department’s opinion on this complaint',
  approve_reply: 'approve the reply to this complaint',
};

const actionOf = (act: TicketAct): TicketAction => (typeof act === 'string' ? act : 'action' in act ? act.action : act.type);

function servesProject(actor: Actor, ticket: Ticket): boolean {
  const project = ticket.unit.projectCode;
  return !actor.projects || project === undefined || actor.projects.includes(project);
}

/** Dispatched to the handler's department, in a project they serve: the department's work narrows, never widens, their projects. */
function handles(actor: Actor, ticket: Ticket): boolean {
  return actor.department !== undefined && ticket.department === actor.department && servesProject(actor, ticket);
}

/**
 * Agents and supervisors see the tickets of their projects; handlers those of their projects
 * dispatched to their department; managers and quality staff read those of their projects.
 * Anything else is reported as not found, so a ticket's existence does not leak.
 */
export function canSee(actor: Actor, ticket: Ticket): boolean {
  if (actor.roles.some((r) => r !== 'handler') && servesProject(actor, ticket)) return true;
  return actor.roles.includes('handler') && handles(actor, ticket);
}

/**
 * What a list shows: the tickets or incidents of the projects (absent: all), and with a
 * department only those dispatched to it.
 */
export interface Visibility {
  readonly department?: string;
  readonly projects?: readonly string[];
}

/**
 * What a list shows the actor (the SQL twin of `canSee`, so pages and counts are complete): the
 * tickets or incidents of their projects, and to someone who is only a handler, only those
 * dispatched to their department.
 */
export function visibilityOf(actor: Actor): Visibility {
  const onlyHandler = actor.roles.every((r) => r === 'handler');
  return { ...(actor.projects ? { projects: actor.projects } : {}), ...(onlyHandler ? { department: actor.department ?? '' } : {}) };
}

export function canDo(actor: Actor, ticket: Ticket, act: TicketAct): boolean {
  const action = actionOf(act);
  const narrowed = narrowing(ticket, act);
  return actor.roles.some((role) => {
    if (!roleMayTake(role, action)) return false;
    if (narrowed && !narrowed.roles.includes(role)) return false;
    return role === 'handler' ? handles(actor, ticket) : servesProject(actor, ticket);
  });
}

/** Refuses (403 `TICKET.NOT_ALLOWED`) an act the actor's roles do not allow on this ticket. */
export function assertMayDo(actor: Actor, ticket: Ticket, act: TicketAct): void {
  if (canDo(actor, ticket, act)) return;
  const refusal = narrowing(ticket, act)?.refusal ?? `your role may not ${REFUSED_ACT[actionOf(act)]}`;
  throw new DomainError('TICKET.NOT_ALLOWED', 'forbidden', refusal);
}

/** 客服主管 — waiving a reply cap is the supervisor's decision (the regulations' "unless approved"). */
export const APPROVE_CAP_EXCEPTION: readonly string[] = ['supervisor', 'admin'];

/** Refuses (403 `TICKET.NOT_ALLOWED`, naming `exception`) an exception to a reply cap from anyone else. */
export function assertMayApproveCapException(actor: Actor): void {
  if (actor.roles.some((role) => APPROVE_CAP_EXCEPTION.includes(role))) return;
  throw new DomainError('TICKET.NOT_ALLOWED', 'forbidden', 'only a supervisor may approve an exception to a reply cap', 'exception');
}
