import { DomainError, presentProps } from '@cs/ddd';
import type { CallbackPolicy } from './callback-policy';
import {
  AttemptOutcome,
  AttemptRecord,
  CallbackEvent,
  CallbackOutcome,
  CallbackState,
  CallbackTask,
  CancelReason,
  FollowUp,
  NewCallbackTask,
  isOpen,
  isSatisfied,
} from './callback-task';

/** What an agent (or the customer, on a questionnaire) reports of one attempt. */
export interface AttemptReport extends AttemptOutcome {
  readonly nextCallbackAt?: Date;
  readonly departmentDeadline?: Date;
}

export type CallbackCommand =
  | { readonly action: 'schedule'; readonly task: NewCallbackTask }
  | { readonly action: 'record_attempt'; readonly report: AttemptReport }
  | { readonly action: 'cancel'; readonly reason: CancelReason }
  | { readonly action: 'fire_deadline'; readonly deadline: FollowUp['deadline'] }
  | { readonly action: 'settle_follow_ups' }
  /** The due time counted again by a newer version of its calendar (the caller counts). */
  | { readonly action: 'recompute_due'; readonly calendarVersion: number; readonly dueAt: Date };

export interface CommandMetadata {
  readonly at: Date;
  readonly by: string;
}

/** Outcomes after which calling the same number again is pointless: the task fails at once. */
const FINAL_UNREACHED: readonly CallbackOutcome[] = ['wrong_number', 'refused'];

const notOpen = (task: CallbackTask) =>
  new DomainError('CALLBACK.NOT_OPEN', 'conflict', `the callback is ${task.status}; attempts are recorded only on an open callback`, undefined, { status: task.status });
const invalid = (field: string, message: string) => new DomainError('CALLBACK.INVALID_ATTEMPT', 'invalid', message, field);

/** The task a policy gives a resolved ticket: due N working days after resolution (the caller counts them, before or after). */
export function taskFromPolicy<T extends Pick<NewCallbackTask, 'id' | 'ticketId' | 'customerId' | 'projectCode' | 'sectionCode' | 'itemCode' | 'createdAt'>>(
  policy: CallbackPolicy,
  ticket: T,
  ownerId: string | undefined,
): T & Pick<NewCallbackTask, 'kind' | 'method' | 'policyId' | 'attemptsAllowed' | 'retrySpacingMinutes' | 'assignee'> {
  return {
    ...ticket,
    kind: 'ticket',
    method: policy.method,
    policyId: policy.id,
    attemptsAllowed: policy.attemptsAllowed,
    retrySpacingMinutes: policy.retrySpacingMinutes,
    ...presentProps({ assignee: policy.assignTo === 'first_contact_owner' ? ownerId : undefined }),
  };
}

function checkReport(report: AttemptReport, task: CallbackTask, at: Date): DomainError | undefined {
  const reached = report.outcome === 'reached';
  if (!reached && (report.satisfaction || report.score || report.serviceScore)) {
    return invalid('satisfaction', 'satisfaction and scores are given only when the customer was reached');
  }
  if (reached && !report.satisfaction && task.kind === 'ticket') {
    return invalid('satisfaction', 'a callback about a ticket that reached the customer records their satisfaction');
  }
  const dissatisfied = reached && report.satisfaction !== undefined && !isSatisfied(report.satisfaction);
  for (const field of ['nextCallbackAt', 'departmentDeadline'] as const) {
    const when = report[field];
    if (!when) continue;
    if (!dissatisfied) return invalid(field, `${field} is set only when the customer is not satisfied`);
    // What settles the promise is the ticket resolved again: a callback of no ticket has nothing that would.
    if (task.kind !== 'ticket') return invalid(field, `${field} is set only on a callback about a ticket; schedule another callback for this customer instead`);
    if (when.getTime() <= at.getTime()) return invalid(field, `${field} must be in the future`);
  }
  if (report.newNeeds && !reached) return invalid('newNeeds', 'new needs come from a customer who was reached');
  return undefined;
}

function recordAttempt(task: CallbackTask, report: AttemptReport, m: CommandMetadata): CallbackEvent[] | DomainError {
  if (!isOpen(task)) return notOpen(task);
  const problem = checkReport(report, task, m.at);
  if (problem) return problem;
  const attempt = task.attempts + 1;
  const stamp = { at: m.at, by: m.by };
  const said = presentProps({
    satisfaction: report.satisfaction,
    score: report.score,
    serviceScore: report.serviceScore,
    comment: report.comment,
  });
  if (report.outcome === 'reached') {
    const record: AttemptRecord = { attempt, outcome: 'reached', ...said, ...presentProps({ newNeeds: report.newNeeds }) };
    return [
      { type: 'attempted', ...stamp, record },
      {
        type: 'completed',
        ...stamp,
        ...(report.satisfaction === undefined ? {} : { satisfied: isSatisfied(report.satisfaction) }),
        ...said,
        ...presentProps({ nextCallbackAt: report.nextCallbackAt, departmentDeadline: report.departmentDeadline }),
      },
    ];
  }
  const exhausted = attempt >= task.attemptsAllowed || FINAL_UNREACHED.includes(report.outcome);
  if (exhausted) {
    return [
      { type: 'attempted', ...stamp, record: { attempt, outcome: report.outcome, ...presentProps({ comment: report.comment }) } },
      { type: 'failed', ...stamp, lastOutcome: report.outcome },
    ];
  }
  const nextAttemptAt = new Date(m.at.getTime() + task.retrySpacingMinutes * 60_000);
  return [{ type: 'attempted', ...stamp, record: { attempt, outcome: report.outcome, nextAttemptAt, ...presentProps({ comment: report.comment }) } }];
}

function fireDeadline(task: CallbackTask, deadline: FollowUp['deadline'], m: CommandMetadata): CallbackEvent[] {
  if (deadline === 'callback' && task.status === 'due') return [{ type: 'overdue', ...m, deadline, deadlineAt: task.dueAt }];
  const pending = task.followUps.find((f) => f.deadline === deadline && f.state === 'pending');
  // A timer left from a plan that has since changed fires nothing.
  return pending && task.status === 'done' ? [{ type: 'overdue', ...m, deadline, deadlineAt: pending.at, followUp: true }] : [];
}

/**
 * Only a callback still waiting for its due time moves with its calendar: one already overdue
 * stays overdue (it was announced, as a breached ticket clock stays breached), an ended one is
 * history, and a due time not counted by a calendar has nothing to count again.
 */
function recomputeDue(task: CallbackTask, calendarVersion: number, dueAt: Date, m: CommandMetadata): CallbackEvent[] {
  const basis = task.dueBasis;
  if (task.status !== 'due' || !basis || calendarVersion <= basis.calendarVersion || dueAt.getTime() === task.dueAt.getTime()) return [];
  return [{ type: 'due_recomputed', ...m, previousDueAt: task.dueAt, dueAt, basis: { ...basis, calendarVersion } }];
}

/** The callback's rules: which events a command produces on a task, or why it may not. */
export function decide(command: CallbackCommand, state: CallbackState, m: CommandMetadata): CallbackEvent[] | DomainError {
  if (command.action === 'schedule') {
    if (state) return new DomainError('CALLBACK.ALREADY_SCHEDULED', 'conflict', 'this callback is already scheduled');
    return [{ type: 'scheduled', at: m.at, by: m.by, task: command.task }];
  }
  if (!state) return new DomainError('CALLBACK.NOT_FOUND', 'not_found', 'callback not found');
  switch (command.action) {
    case 'record_attempt':
      return recordAttempt(state, command.report, m);
    case 'cancel':
      return isOpen(state) ? [{ type: 'cancelled', ...m, reason: command.reason }] : [];
    case 'fire_deadline':
      return fireDeadline(state, command.deadline, m);
    case 'settle_follow_ups':
      return state.followUps.some((f) => f.state === 'pending') ? [{ type: 'follow_ups_settled', ...m }] : [];
    case 'recompute_due':
      return recomputeDue(state, command.calendarVersion, command.dueAt, m);
  }
}
