import type { CallbackChange, CallbackIdentity } from './projection-changes';

/** 回访 — a callback task's row in the read model. */
export interface CallbackFact {
  readonly callbackId: string;
  readonly ticketId: string | null;
  readonly kind: string;
  readonly projectCode: string | null;
  readonly sectionCode: string | null;
  readonly itemCode: string | null;
  readonly assignee: string | null;
  readonly dueAt: Date;
  readonly status: 'scheduled' | 'completed' | 'failed' | 'cancelled';
  readonly completedAt: Date | null;
  readonly satisfied: boolean | null;
  readonly satisfaction: string | null;
  readonly onTime: boolean | null;
  readonly attempts: number;
  readonly overdue: boolean;
}

const dateOf = (iso: string | undefined): Date | null => (iso === undefined ? null : new Date(iso));

/**
 * The callback after one more of its events. Its row is created by its first event, whichever
 * arrives first; identity fields an event lacks keep what an earlier one said; a final status
 * (completed, failed, cancelled) is never undone by `scheduled`.
 */
export function evolveCallback(current: CallbackFact | undefined, id: CallbackIdentity, change: CallbackChange, at: string): CallbackFact {
  if (!current) {
    return {
      callbackId: id.callbackId,
      ticketId: id.ticketId ?? null,
      kind: id.kind ?? 'ticket',
      projectCode: id.projectCode ?? null,
      sectionCode: id.sectionCode ?? null,
      itemCode: id.itemCode ?? null,
      assignee: id.assignee ?? null,
      dueAt: new Date(id.dueAt ?? at),
      status: change.status ?? 'scheduled',
      completedAt: dateOf(change.completedAt),
      satisfied: change.satisfied ?? null,
      satisfaction: change.satisfaction ?? null,
      onTime: change.onTime ?? null,
      attempts: change.attempts ?? 0,
      overdue: change.overdue ?? false,
    };
  }
  const keepStatus = change.status === undefined || (change.status === 'scheduled' && current.status !== 'scheduled');
  return {
    callbackId: current.callbackId,
    ticketId: id.ticketId ?? current.ticketId,
    kind: id.kind ?? current.kind,
    projectCode: id.projectCode ?? current.projectCode,
    sectionCode: id.sectionCode ?? current.sectionCode,
    itemCode: id.itemCode ?? current.itemCode,
    assignee: id.assignee ?? current.assignee,
    dueAt: id.dueAt === undefined ? current.dueAt : new Date(id.dueAt),
    status: keepStatus ? current.status : (change.status ?? current.status),
    completedAt: dateOf(change.completedAt) ?? current.completedAt,
    satisfied: change.satisfied ?? current.satisfied,
    satisfaction: change.satisfaction ?? current.satisfaction,
    onTime: change.onTime ?? current.onTime,
    attempts: Math.max(current.attempts, change.attempts ?? 0),
    overdue: current.overdue || change.overdue === true,
  };
}
