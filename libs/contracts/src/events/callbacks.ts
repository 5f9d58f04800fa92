import { TObject, TProperties, Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { TOPICS } from '../topics';
import { CatalogueItemCode, Id, Timestamp } from './common';

/** Why a callback exists: after a ticket's resolution, a key customer's plan, or a care campaign (客户关怀). */
export const CALLBACK_KINDS = ['ticket', 'key_customer', 'care'] as const;
/** How the customer is called back. */
export const CALLBACK_METHODS = ['phone', 'sms', 'email', 'questionnaire'] as const;
/** What one attempt came to. */
export const CALLBACK_OUTCOMES = ['reached', 'no_answer', 'busy', 'wrong_number', 'refused'] as const;
/** The customer's verdict, from 非常满意 to 非常不满意; the first two count as satisfied. */
export const SATISFACTION_LEVELS = ['very_satisfied', 'satisfied', 'neutral', 'dissatisfied', 'very_dissatisfied'] as const;

export type SatisfactionLevel = (typeof SATISFACTION_LEVELS)[number];

/** 满意 — only the top two levels count as satisfied; neutral sends the matter back too. */
export function isSatisfiedLevel(level: SatisfactionLevel): boolean {
  return level === 'very_satisfied' || level === 'satisfied';
}

const Satisfaction = Type.Union(SATISFACTION_LEVELS.map((s) => Type.Literal(s)));
const Score = Type.Integer({ minimum: 1, maximum: 5 });
const By = Type.String({ minLength: 1, maxLength: 64, description: 'user id, "system" for timers, "customer" for a questionnaire answer' });

/**
 * What every callback event carries, so reporting (回访客户月统计表) and other subscribers need
 * no other source: the task, its ticket and customer, where it belongs and who does it.
 */
const base = {
  callbackId: Id,
  kind: Type.Union(CALLBACK_KINDS.map((k) => Type.Literal(k))),
  method: Type.Union(CALLBACK_METHODS.map((m) => Type.Literal(m))),
  ticketId: Type.Optional(Id),
  customerId: Id,
  projectCode: Type.Optional(Type.String({ maxLength: 40 })),
  sectionCode: Type.Optional(Type.String({ maxLength: 40 })),
  itemCode: Type.Optional(CatalogueItemCode),
  assignee: Type.Optional(Type.String({ maxLength: 64, description: 'the user who does it, when one is named' })),
  planId: Type.Optional(Id),
  dueAt: Timestamp,
  at: Timestamp,
  by: By,
};

function callbackEvent<T extends string, P extends TProperties>(type: T, summary: string, extra: P) {
  return defineEvent({
    type,
    topic: TOPICS.callbacks,
    aggregate: 'callback',
    summary,
    schema: Type.Object({ ...base, ...extra }, { additionalProperties: false }) as TObject<typeof base & P>,
  });
}

export const CallbackScheduledV1 = callbackEvent('callback.scheduled.v1', 'A callback (回访) was scheduled, due at dueAt', {
  attemptsAllowed: Type.Integer({ minimum: 1, maximum: 20 }),
  policyId: Type.Optional(Id),
  /** A follow-up callback set after a dissatisfied answer that could not be solved at once. */
  previousCallbackId: Type.Optional(Id),
  questionnaire: Type.Optional(
    Type.Object(
      {
        url: Type.String({ format: 'uri', maxLength: 2000, description: 'signed, single-use link to the questionnaire page; it names the callback only, no personal data' }),
        expiresAt: Timestamp,
      },
      { additionalProperties: false, description: 'present for a questionnaire callback: the link to send the customer' },
    ),
  ),
});

export const CallbackAttemptedV1 = callbackEvent('callback.attempted.v1', 'One attempt to reach the customer, and what it came to', {
  attempt: Type.Integer({ minimum: 1 }),
  outcome: Type.Union(CALLBACK_OUTCOMES.map((o) => Type.Literal(o))),
  satisfaction: Type.Optional(Satisfaction),
  score: Type.Optional(Score),
  serviceScore: Type.Optional(Score),
  comment: Type.Optional(Type.String({ maxLength: 1000, description: 'personal data redacted' })),
  newNeeds: Type.Optional(Type.String({ maxLength: 2000, description: 'needs the customer raised, personal data redacted; intake records them as a new contact' })),
  nextAttemptAt: Type.Optional(Timestamp),
});

/** 回访完成 — the customer was reached and gave a verdict; a dissatisfied one reopens the ticket. */
export const CallbackCompletedV1 = defineEvent({
  type: 'callback.completed.v1',
  topic: TOPICS.callbacks,
  aggregate: 'callback',
  summary: 'A callback reached the customer and recorded their satisfaction',
  schema: Type.Object(
    {
      callbackId: Id,
      ticketId: Id,
      customerId: Id,
      satisfied: Type.Boolean(),
      satisfactionScore: Type.Optional(Score),
      comment: Type.Optional(Type.String({ maxLength: 1000 })),
      completedAt: Timestamp,
      by: By,
      kind: Type.Optional(Type.Union(CALLBACK_KINDS.map((k) => Type.Literal(k)))),
      method: Type.Optional(Type.Union(CALLBACK_METHODS.map((m) => Type.Literal(m)))),
      satisfaction: Type.Optional(Satisfaction),
      serviceScore: Type.Optional(Score),
      attempts: Type.Optional(Type.Integer({ minimum: 1 })),
      dueAt: Type.Optional(Timestamp),
      onTime: Type.Optional(Type.Boolean({ description: 'completed no later than dueAt' })),
      projectCode: Type.Optional(Type.String({ maxLength: 40 })),
      sectionCode: Type.Optional(Type.String({ maxLength: 40 })),
      itemCode: Type.Optional(CatalogueItemCode),
      assignee: Type.Optional(Type.String({ maxLength: 64 })),
      planId: Type.Optional(Id),
      /** Dissatisfied and not solvable at once: when to call again, and the department's rectification deadline. */
      nextCallbackAt: Type.Optional(Timestamp),
      departmentDeadline: Type.Optional(Timestamp),
    },
    { additionalProperties: false },
  ),
});

export const CallbackFailedV1 = callbackEvent('callback.failed.v1', 'Every attempt allowed went unanswered or was refused', {
  attempts: Type.Integer({ minimum: 1 }),
  lastOutcome: Type.Union(CALLBACK_OUTCOMES.filter((o) => o !== 'reached').map((o) => Type.Literal(o))),
});

export const CallbackOverdueV1 = callbackEvent(
  'callback.overdue.v1',
  'A callback passed its due time, or a promise a dissatisfied callback made (the next callback, the rectification) passed its deadline',
  {
    deadline: Type.Union([Type.Literal('callback'), Type.Literal('rectification')]),
    deadlineAt: Timestamp,
    followUp: Type.Optional(
      Type.Literal(true, {
        description:
          'present when the deadline missed is a promise made as this callback completed: with `deadline: callback`, the next callback the dissatisfied customer was promised (nextCallbackAt), not this callback, which was done. Events before this field: such a promise has deadlineAt ≠ dueAt',
      }),
    ),
  },
);

export const CallbackCancelledV1 = callbackEvent(
  'callback.cancelled.v1',
  'A pending callback was cancelled (the ticket reopened or was merged into another, a plan stopped, the customer erased, a merge leaving the customer two of one plan, or by hand)',
  {
    // The example is the one reason customerErased goes with, so the documented event is one that can happen.
    reason: Type.Union([Type.Literal('ticket_reopened'), Type.Literal('ticket_merged'), Type.Literal('plan_stopped'), Type.Literal('manual')], { examples: ['manual'] }),
    customerErased: Type.Optional(
      Type.Literal(true, {
        description:
          'present when the callback was cancelled because its customer’s personal data was erased on request (PIPL, customer.erased), with `reason: manual`: a person asked for it and nobody is left to call. A field of its own, not a reason, so subscribers of the release before read the event (ADR 0084)',
      }),
    ),
    customerMerged: Type.Optional(
      Type.Literal(true, {
        description:
          'present when the callback was cancelled because its customer was merged with another who had an open callback of the same plan (customer.merged), with `reason: manual`: the person keeps the one scheduled first. A field of its own, not a reason, as customerErased (ADR 0103)',
      }),
    ),
  },
);

export const CallbackDueRecomputedV1 = callbackEvent(
  'callback.due_recomputed.v1',
  'The business calendar a callback is due by changed (holidays, 调休, hours): counted again from the same start, its due time (dueAt) moved from previousDueAt',
  {
    previousDueAt: Timestamp,
    calendarId: Type.String({ maxLength: 63 }),
    calendarVersion: Type.Integer({ minimum: 1 }),
  },
);

export const CALLBACK_EVENTS = [
  CallbackScheduledV1,
  CallbackAttemptedV1,
  CallbackCompletedV1,
  CallbackFailedV1,
  CallbackOverdueV1,
  CallbackCancelledV1,
  CallbackDueRecomputedV1,
] as const;
