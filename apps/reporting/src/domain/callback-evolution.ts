import type { CallbackChange, CallbackIdentity } from './projection-changes';
import type { CallbackRecord } from './ticket-record';

/** 回访 — a callback task's row in the read model: its own assignee, none of its ticket's fields. */
export type CallbackFact = Omit<CallbackRecord, 'agent' | 'channel' | 'department'> & { readonly assignee: string | null };

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
