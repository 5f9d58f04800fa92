import {
  type CallbackAttemptedV1,
  type CallbackCancelledV1,
  type CallbackCompletedV1,
  type CallbackDueRecomputedV1,
  type CallbackFailedV1,
  type CallbackOverdueV1,
  type CallbackScheduledV1,
  type EventData,
  isSatisfiedLevel,
} from '@cs/contracts';
import type { CallbackChange, CallbackIdentity } from './projection-changes';

type Data<D> = EventData<D>;
type Change = { readonly identity: CallbackIdentity; readonly change: CallbackChange; readonly at: string };

/** The fields of the task every callback event may carry. */
interface TaskFields {
  readonly callbackId: string;
  readonly ticketId?: string;
  readonly kind?: string;
  readonly projectCode?: string;
  readonly sectionCode?: string;
  readonly itemCode?: string;
  readonly assignee?: string;
  readonly dueAt?: string;
}

function identityOf(e: TaskFields): CallbackIdentity {
  return {
    callbackId: e.callbackId,
    ...(e.ticketId === undefined ? {} : { ticketId: e.ticketId }),
    ...(e.kind === undefined ? {} : { kind: e.kind }),
    ...(e.projectCode === undefined ? {} : { projectCode: e.projectCode }),
    ...(e.sectionCode === undefined ? {} : { sectionCode: e.sectionCode }),
    ...(e.itemCode === undefined ? {} : { itemCode: e.itemCode }),
    ...(e.assignee === undefined ? {} : { assignee: e.assignee }),
    ...(e.dueAt === undefined ? {} : { dueAt: e.dueAt }),
  };
}

/** 满意 — the first two of the five levels, or the event's own verdict. */
export const callbackChanges = {
  scheduled: (e: Data<typeof CallbackScheduledV1>): Change => ({ identity: identityOf(e), change: { status: 'scheduled' }, at: e.at }),
  attempted: (e: Data<typeof CallbackAttemptedV1>): Change => ({
    identity: identityOf(e),
    change: { attempts: e.attempt, ...(e.outcome === 'reached' && e.ticketId === undefined ? reachedWithoutTicket(e) : {}) },
    at: e.at,
  }),
  completed: (e: Data<typeof CallbackCompletedV1>): Change => ({
    identity: identityOf(e),
    change: {
      status: 'completed',
      completedAt: e.completedAt,
      satisfied: e.satisfied,
      ...(e.satisfaction === undefined ? {} : { satisfaction: e.satisfaction }),
      // Without the callbacks service's verdict, on time means completed by the due time.
      ...(e.onTime !== undefined ? { onTime: e.onTime } : e.dueAt !== undefined ? { onTime: Date.parse(e.completedAt) <= Date.parse(e.dueAt) } : {}),
      ...(e.attempts === undefined ? {} : { attempts: e.attempts }),
    },
    at: e.completedAt,
  }),
  failed: (e: Data<typeof CallbackFailedV1>): Change => ({ identity: identityOf(e), change: { status: 'failed', attempts: e.attempts }, at: e.at }),
  /**
   * 逾期 is the callback's own due time passed. A missed promise of a callback already done (the
   * next callback a dissatisfied customer was promised) is not: it is told by `followUp`, and in
   * events from before that field by a deadline other than the callback's due time.
   */
  overdue: (e: Data<typeof CallbackOverdueV1>): Change => ({
    identity: identityOf(e),
    change: { overdue: e.deadline === 'callback' && e.followUp !== true && Date.parse(e.deadlineAt) === Date.parse(e.dueAt) },
    at: e.at,
  }),
  cancelled: (e: Data<typeof CallbackCancelledV1>): Change => ({ identity: identityOf(e), change: { status: 'cancelled' }, at: e.at }),
  /** Its calendar changed: the new due time (in the identity) is what on time is judged by. */
  dueRecomputed: (e: Data<typeof CallbackDueRecomputedV1>): Change => ({ identity: identityOf(e), change: {}, at: e.at }),
};

/**
 * A callback of no ticket (a key customer's plan, a care call) is completed by the attempt that
 * reaches the customer, in the same transaction; `callback.completed.v1` names a ticket, so none
 * is published for it (ADR 0073). Satisfied only by a verdict the customer gave: a care call may
 * record none.
 */
function reachedWithoutTicket(e: Data<typeof CallbackAttemptedV1>): CallbackChange {
  return {
    status: 'completed',
    completedAt: e.at,
    onTime: Date.parse(e.at) <= Date.parse(e.dueAt),
    ...(e.satisfaction === undefined ? {} : { satisfaction: e.satisfaction, satisfied: isSatisfiedLevel(e.satisfaction) }),
  };
}
