import { Type } from '@sinclair/typebox';
import { Timestamp } from './common';
import { NotifySchema, ticketEvent } from './ticket-lifecycle';

export const SUGGESTION_IMPLEMENTATION_STATUSES = ['in_progress', 'implemented', 'rejected'] as const;
export const SUGGESTION_REWARD_KINDS = ['gift', 'coupon', 'points'] as const;
export const OPINION_SOURCES = ['department', 'legal'] as const;

const Department = Type.String({ minLength: 1, maxLength: 80 });
const OpinionId = Type.String({ format: 'uuid' });
const From = Type.Union(OPINION_SOURCES.map((s) => Type.Literal(s)));

export const TicketSuggestionEvaluatedV1 = ticketEvent('ticket.suggestion_evaluated.v1', 'A suggestion (建议) was evaluated: reasonable, feasible, valuable', {
  reasonable: Type.Boolean(),
  feasible: Type.Boolean(),
  valuable: Type.Boolean(),
  comment: Type.String({ maxLength: 2000, description: 'redacted of personal data' }),
});
export const TicketSuggestionForwardedV1 = ticketEvent('ticket.suggestion_forwarded.v1', 'A valuable suggestion was forwarded to a department to implement', {
  department: Department,
});
export const TicketSuggestionImplementationRecordedV1 = ticketEvent(
  'ticket.suggestion_implementation_recorded.v1',
  'How the department’s implementation of a suggestion stands: in progress, implemented or rejected',
  {
    implementationStatus: Type.Union(SUGGESTION_IMPLEMENTATION_STATUSES.map((s) => Type.Literal(s))),
    result: Type.Optional(Type.String({ maxLength: 2000 })),
  },
);
export const TicketSuggestionRewardedV1 = ticketEvent('ticket.suggestion_rewarded.v1', 'The customer was rewarded for an implemented suggestion', {
  kind: Type.Union(SUGGESTION_REWARD_KINDS.map((k) => Type.Literal(k))),
  description: Type.String({ maxLength: 500 }),
  value: Type.Optional(Type.Number({ minimum: 0, description: 'yuan for a gift or coupon, points for points' })),
});

export const TicketOpinionRequestedV1 = ticketEvent('ticket.opinion_requested.v1', 'A department’s or legal counsel’s opinion was asked on a complaint, by a deadline', {
  opinionId: OpinionId,
  from: From,
  department: Type.Optional(Department),
  question: Type.String({ maxLength: 2000 }),
  dueAt: Timestamp,
});
export const TicketOpinionRecordedV1 = ticketEvent('ticket.opinion_recorded.v1', 'The opinion asked on a complaint was given', {
  opinionId: OpinionId,
  text: Type.String({ maxLength: 4000 }),
  late: Type.Boolean({ description: 'given after its deadline' }),
});
export const TicketOpinionOverdueV1 = ticketEvent('ticket.opinion_overdue.v1', 'An opinion asked on a complaint was not given by its deadline; published once', {
  opinionId: OpinionId,
  from: From,
  dueAt: Timestamp,
  notify: NotifySchema,
});
export const TicketReplyApprovedV1 = ticketEvent(
  'ticket.reply_approved.v1',
  'A supervisor approved the reply to a complaint no unified answer covered; a candidate unified answer',
  { text: Type.String({ maxLength: 4000 }) },
);

/** Handling beyond the lifecycle: suggestions, and the research of a complaint's answer. */
export const TICKET_HANDLING_EVENTS = [
  TicketSuggestionEvaluatedV1,
  TicketSuggestionForwardedV1,
  TicketSuggestionImplementationRecordedV1,
  TicketSuggestionRewardedV1,
  TicketOpinionRequestedV1,
  TicketOpinionRecordedV1,
  TicketOpinionOverdueV1,
  TicketReplyApprovedV1,
] as const;
