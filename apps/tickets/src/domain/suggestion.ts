import type { SUGGESTION_IMPLEMENTATION_STATUSES, SUGGESTION_REWARD_KINDS } from '@cs/contracts';
import { DomainError } from '@cs/ddd';
import type { Ticket } from './ticket';
import type { TicketEvent } from './ticket-events';
import { ALLOWED_FROM, TicketStatus, isOpen } from './ticket-lifecycle';
import { dispatchIsValidDecision } from './ticket-validity';

export type ImplementationStatus = (typeof SUGGESTION_IMPLEMENTATION_STATUSES)[number];
export type RewardKind = (typeof SUGGESTION_REWARD_KINDS)[number];

/** Whether a suggestion is worth acting on (合理性、可行性评估), with the evaluator's comment. */
export interface SuggestionEvaluation {
  readonly reasonable: boolean;
  readonly feasible: boolean;
  readonly valuable: boolean;
  readonly comment: string;
  readonly at: Date;
  readonly by: string;
}

export interface SuggestionImplementation {
  readonly status: ImplementationStatus;
  readonly result?: string;
  readonly at: Date;
  readonly by: string;
}

/** 奖励 — what the customer was given for a suggestion that was implemented. */
export interface SuggestionReward {
  readonly kind: RewardKind;
  readonly description: string;
  /** Yuan for a gift or coupon, points for points. */
  readonly value?: number;
  readonly at: Date;
  readonly by: string;
}

/** 建议 — how a suggestion was handled: evaluated, forwarded to a department, implemented, rewarded. */
export interface SuggestionHandling {
  readonly evaluation?: SuggestionEvaluation;
  readonly forwardedTo?: { readonly department: string; readonly at: Date; readonly by: string };
  readonly implementation?: SuggestionImplementation;
  readonly reward?: SuggestionReward;
}

/** What a person asks of a suggestion ticket; free text is redacted before it gets here. */
export type SuggestionCommand =
  | { readonly action: 'evaluate_suggestion'; readonly reasonable: boolean; readonly feasible: boolean; readonly valuable: boolean; readonly comment: string }
  | { readonly action: 'forward_suggestion'; readonly department: string }
  | { readonly action: 'record_implementation'; readonly status: ImplementationStatus; readonly result?: string }
  | { readonly action: 'reward_suggestion'; readonly kind: RewardKind; readonly description: string; readonly value?: number };

export type SuggestionAction = SuggestionCommand['action'];

type Stamp = { readonly at: Date; readonly by: string };
type Of<A extends SuggestionAction> = Extract<SuggestionCommand, { readonly action: A }>;

/** The order of the steps is the rule: refused with 409 like any other illegal transition. */
function outOfOrder(ticket: Ticket, action: SuggestionAction, why: string): DomainError {
  return new DomainError('TICKET.ILLEGAL_TRANSITION', 'conflict', why, undefined, { currentStatus: ticket.status, command: action });
}

function assertStatus(ticket: Ticket, action: SuggestionAction, allowed: (status: TicketStatus) => boolean): void {
  if (!allowed(ticket.status)) throw outOfOrder(ticket, action, `cannot ${action.replace('_', ' ')} on a ticket that is ${ticket.status.replace('_', ' ')}`);
}

function evaluate(ticket: Ticket, c: Of<'evaluate_suggestion'>, stamp: Stamp): TicketEvent[] {
  assertStatus(ticket, c.action, isOpen);
  if (ticket.suggestion?.forwardedTo) throw outOfOrder(ticket, c.action, 'the suggestion was already forwarded on its evaluation');
  return [{ type: 'suggestion_evaluated', ...stamp, reasonable: c.reasonable, feasible: c.feasible, valuable: c.valuable, comment: c.comment }];
}

/** Forwarding hands the suggestion to the department, so it is dispatched there too: its handlers see and work it. */
function forward(ticket: Ticket, c: Of<'forward_suggestion'>, stamp: Stamp): TicketEvent[] {
  assertStatus(ticket, c.action, (s) => ALLOWED_FROM.dispatch.includes(s));
  const evaluation = ticket.suggestion?.evaluation;
  if (!evaluation) throw outOfOrder(ticket, c.action, 'evaluate the suggestion before forwarding it');
  if (!evaluation.valuable) throw outOfOrder(ticket, c.action, 'only a suggestion evaluated as valuable is forwarded');
  if (ticket.suggestion?.forwardedTo) throw outOfOrder(ticket, c.action, `the suggestion was already forwarded to ${ticket.suggestion.forwardedTo.department}`);
  return [
    { type: 'suggestion_forwarded', ...stamp, department: c.department },
    { type: 'dispatched', ...stamp, department: c.department, takenAsValid: dispatchIsValidDecision(ticket) },
  ];
}

function recordImplementation(ticket: Ticket, c: Of<'record_implementation'>, stamp: Stamp): TicketEvent[] {
  assertStatus(ticket, c.action, isOpen);
  if (!ticket.suggestion?.forwardedTo) throw outOfOrder(ticket, c.action, 'forward the suggestion to a department before tracking its implementation');
  const current = ticket.suggestion.implementation?.status;
  if (current === 'implemented' || current === 'rejected') throw outOfOrder(ticket, c.action, `the implementation already ended: ${current}`);
  if (c.status !== 'in_progress' && !c.result) {
    throw new DomainError('TICKET.RESULT_REQUIRED', 'invalid', `say what came of it when the suggestion is ${c.status}`, 'result');
  }
  return [{ type: 'suggestion_implementation_recorded', ...stamp, status: c.status, ...(c.result ? { result: c.result } : {}) }];
}

function reward(ticket: Ticket, c: Of<'reward_suggestion'>, stamp: Stamp): TicketEvent[] {
  assertStatus(ticket, c.action, (s) => s !== 'closed');
  if (ticket.suggestion?.implementation?.status !== 'implemented') throw outOfOrder(ticket, c.action, 'only a suggestion that was implemented earns a reward');
  if (ticket.suggestion.reward) throw outOfOrder(ticket, c.action, 'the customer was already rewarded for this suggestion');
  return [{ type: 'suggestion_rewarded', ...stamp, kind: c.kind, description: c.description, ...(c.value !== undefined ? { value: c.value } : {}) }];
}

/** Each step of handling a suggestion, in its order: evaluate → forward (if valuable) → implementation → reward (if implemented). */
export function decideSuggestion(ticket: Ticket, command: SuggestionCommand, stamp: Stamp): TicketEvent[] {
  if (ticket.sectionCode !== 'suggestion') {
    throw new DomainError('TICKET.NOT_A_SUGGESTION', 'invalid', `ticket ${ticket.number} is not a suggestion (section ${ticket.sectionCode ?? 'none'})`);
  }
  switch (command.action) {
    case 'evaluate_suggestion':
      return evaluate(ticket, command, stamp);
    case 'forward_suggestion':
      return forward(ticket, command, stamp);
    case 'record_implementation':
      return recordImplementation(ticket, command, stamp);
    case 'reward_suggestion':
      return reward(ticket, command, stamp);
  }
}
