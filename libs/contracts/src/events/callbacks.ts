import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { TOPICS } from '../topics';
import { Id, Timestamp } from './common';

/** 回访完成 — the outcome of a follow-up call; a dissatisfied customer reopens the ticket. */
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
      satisfactionScore: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
      comment: Type.Optional(Type.String({ maxLength: 1000 })),
      completedAt: Timestamp,
      by: Type.String({ minLength: 1, maxLength: 64 }),
    },
    { additionalProperties: false },
  ),
});
