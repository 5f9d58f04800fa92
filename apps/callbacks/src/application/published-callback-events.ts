import {
  CallbackAttemptedV1,
  CallbackCancelledV1,
  CallbackCompletedV1,
  CallbackDueRecomputedV1,
  CallbackFailedV1,
  CallbackOverdueV1,
  CallbackScheduledV1,
  EventData,
  EventDefinition,
} from '@cs/contracts';
import { presentProps } from '@cs/ddd';
import type { CallbackEvent, CallbackTask, CancelReason } from '../domain/callback-task';

export interface Published<D extends EventDefinition = EventDefinition> {
  readonly definition: D;
  readonly data: EventData<D>;
}

const iso = (d: Date | undefined) => d?.toISOString();

/** What every callback event carries: who, where, which ticket, when due — all reporting needs. */
function baseOf(task: CallbackTask, e: { at: Date; by: string }) {
  return {
    callbackId: task.id,
    kind: task.kind,
    method: task.method,
    customerId: task.customerId,
    dueAt: task.dueAt.toISOString(),
    at: e.at.toISOString(),
    by: e.by,
    ...presentProps({
      ticketId: task.ticketId,
      projectCode: task.projectCode,
      sectionCode: task.sectionCode,
      itemCode: task.itemCode,
      assignee: task.assignee,
      planId: task.planId,
    }),
  };
}

/** The contract's reasons are those subscribers of earlier releases know (ADR 0084): the newer ones are `manual` with a field of their own. */
function cancelledFor(reason: CancelReason): Pick<EventData<typeof CallbackCancelledV1>, 'reason' | 'customerErased' | 'customerMerged'> {
  if (reason === 'customer_erased') return { reason: 'manual', customerErased: true };
  if (reason === 'customer_merged') return { reason: 'manual', customerMerged: true };
  return { reason };
}

function of<D extends EventDefinition>(definition: D, data: EventData<D>): Published {
  return { definition, data } as Published;
}

/**
 * The contract events a task's domain events publish, given the task after them. Completion of
 * a callback with no ticket (plans, care) has no ticket to reopen: it is told by callback.attempted.
 */
export function publishedEvents(events: readonly CallbackEvent[], after: CallbackTask, questionnaire?: { url: string; expiresAt: Date }): Published[] {
  const out: Published[] = [];
  for (const e of events) {
    const base = baseOf(after, e);
    switch (e.type) {
      case 'scheduled':
        out.push(
          of(CallbackScheduledV1, {
            ...base,
            attemptsAllowed: after.attemptsAllowed,
            ...presentProps({
              policyId: after.policyId,
              previousCallbackId: after.previousCallbackId,
              questionnaire: questionnaire && { url: questionnaire.url, expiresAt: questionnaire.expiresAt.toISOString() },
            }),
          }),
        );
        break;
      case 'attempted': {
        const r = e.record;
        out.push(
          of(CallbackAttemptedV1, {
            ...base,
            attempt: r.attempt,
            outcome: r.outcome,
            ...presentProps({ satisfaction: r.satisfaction, score: r.score, serviceScore: r.serviceScore, comment: r.comment, newNeeds: r.newNeeds, nextAttemptAt: iso(r.nextAttemptAt) }),
          }),
        );
        break;
      }
      case 'completed':
        // Of a ticket only, whose callback always records the customer's verdict (ADR 0073).
        if (after.ticketId === undefined || e.satisfied === undefined) break;
        out.push(
          of(CallbackCompletedV1, {
            callbackId: after.id,
            ticketId: after.ticketId,
            customerId: after.customerId,
            satisfied: e.satisfied,
            completedAt: e.at.toISOString(),
            by: e.by,
            kind: after.kind,
            method: after.method,
            attempts: after.attempts,
            dueAt: after.dueAt.toISOString(),
            onTime: e.at.getTime() <= after.dueAt.getTime(),
            ...presentProps({
              satisfactionScore: e.score,
              satisfaction: e.satisfaction,
              serviceScore: e.serviceScore,
              comment: e.comment,
              projectCode: after.projectCode,
              sectionCode: after.sectionCode,
              itemCode: after.itemCode,
              assignee: after.assignee,
              planId: after.planId,
              nextCallbackAt: iso(e.nextCallbackAt),
              departmentDeadline: iso(e.departmentDeadline),
            }),
          }),
        );
        break;
      case 'failed':
        out.push(of(CallbackFailedV1, { ...base, attempts: after.attempts, lastOutcome: e.lastOutcome }));
        break;
      case 'overdue':
        out.push(of(CallbackOverdueV1, { ...base, deadline: e.deadline, deadlineAt: e.deadlineAt.toISOString(), ...(e.followUp ? { followUp: true } : {}) }));
        break;
      case 'cancelled':
        out.push(of(CallbackCancelledV1, { ...base, ...cancelledFor(e.reason) }));
        break;
      case 'due_recomputed':
        out.push(
          of(CallbackDueRecomputedV1, {
            ...base,
            dueAt: e.dueAt.toISOString(),
            previousDueAt: e.previousDueAt.toISOString(),
            calendarId: e.basis.calendarId,
            calendarVersion: e.basis.calendarVersion,
          }),
        );
        break;
      case 'follow_ups_settled':
        break;
    }
  }
  return out;
}
