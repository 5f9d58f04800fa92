import type { EntityManager } from 'typeorm';
import type { CallbackCompletedV1, EventData } from '@cs/contracts';
import type { DomainEvent } from '@cs/messaging';
import { redactPersonalData } from '@cs/privacy';
import { holdToFollow } from '../infrastructure/customer-copies';
import { rememberCallback } from '../infrastructure/known-callbacks';

/** Intake's copy of completed callbacks (回访), which the caller desk shows; what the customer said is redacted first. */
export async function rememberCompletedCallback(event: DomainEvent<EventData<typeof CallbackCompletedV1>>, tx: EntityManager): Promise<void> {
  const c = event.data;
  await holdToFollow(tx);
  await rememberCallback(tx, {
    callbackId: c.callbackId,
    ticketId: c.ticketId,
    customerId: c.customerId,
    satisfied: c.satisfied,
    ...(c.satisfactionScore !== undefined ? { score: c.satisfactionScore } : {}),
    ...(c.comment ? { comment: redactPersonalData(c.comment) } : {}),
    completedAt: new Date(c.completedAt),
    completedBy: c.by,
  });
}
