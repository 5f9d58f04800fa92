import fc from 'fast-check';
import { CALLBACK_OUTCOMES, SATISFACTION_LEVELS } from '@cs/contracts';
import { DomainError } from '@cs/ddd';
import { AttemptReport, CallbackCommand, decide, taskFromPolicy } from './callback-decide';
import type { CallbackPolicy } from './callback-policy';
import { CALLBACK_STATUSES, CallbackTask, callbackOwedOnResolution, evolveAll, isOpen, plannedDeadlines } from './callback-task';

/**
 * 回访 under any sequence of what happens to the ticket it follows and what agents record: the
 * ticket resolved (a callback owed, the last one's follow-ups settled), reopened (its callbacks
 * cancelled), attempts of every outcome, deadlines passing. Whatever the order, the ticket has at
 * most one open callback, and a callback that ended stays ended.
 */
const policy: CallbackPolicy = {
  id: 'repairs',
  name: 'Repairs',
  match: {},
  dueWorkingDays: 2,
  calendarId: 'default',
  method: 'phone',
  attemptsAllowed: 3,
  retrySpacingMinutes: 60,
  assignTo: 'first_contact_owner',
  required: true,
};
const start = new Date('2026-12-21T01:00:00Z');
const HOUR = 3_600_000;

type Happening =
  | { readonly kind: 'resolved'; readonly after: number }
  | { readonly kind: 'reopened'; readonly after: number }
  | { readonly kind: 'attempt'; readonly report: Reported; readonly after: number }
  | { readonly kind: 'time'; readonly after: number };

const after = fc.integer({ min: 1, max: 72 });
/** An attempt's report; a promise to a dissatisfied customer falls due some hours after it is made. */
type Reported = Omit<AttemptReport, 'nextCallbackAt' | 'departmentDeadline'> & { readonly promised?: { readonly field: 'nextCallbackAt' | 'departmentDeadline'; readonly inHours: number } };
const report: fc.Arbitrary<Reported> = fc.oneof(
  fc.record({ outcome: fc.constantFrom(...CALLBACK_OUTCOMES.filter((o) => o !== 'reached')) }),
  fc.record({ outcome: fc.constant('reached' as const), satisfaction: fc.constantFrom(...SATISFACTION_LEVELS) }),
  fc.record({
    outcome: fc.constant('reached' as const),
    satisfaction: fc.constantFrom('dissatisfied' as const, 'very_dissatisfied' as const),
    promised: fc.record({ field: fc.constantFrom('nextCallbackAt' as const, 'departmentDeadline' as const), inHours: fc.integer({ min: 1, max: 96 }) }),
  }),
);
function reportAt({ promised, ...rest }: Reported, at: Date): AttemptReport {
  return promised ? { ...rest, [promised.field]: new Date(at.getTime() + promised.inHours * HOUR) } : rest;
}
const happenings = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant('resolved' as const), after }),
    fc.record({ kind: fc.constant('reopened' as const), after }),
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('attempt' as const), report, after }) },
    fc.record({ kind: fc.constant('time' as const), after }),
  ),
  { maxLength: 30 },
);

/** A ticket's callbacks, as the callbacks service keeps them: each decided and evolved. */
class TicketCallbacks {
  tasks: CallbackTask[] = [];
  resolved = false;

  apply(index: number, command: CallbackCommand, at: Date, by = 'system'): DomainError | undefined {
    const outcome = decide(command, this.tasks[index], { at, by });
    if (outcome instanceof DomainError) return outcome;
    const after = evolveAll(this.tasks[index], outcome);
    if (after) this.tasks[index] = after;
    return undefined;
  }

  /** 办结: the follow-ups settled, and a callback scheduled when the ticket is owed one. */
  resolve(at: Date, serial: number): void {
    this.resolved = true;
    const owed = callbackOwedOnResolution(this.tasks);
    this.tasks.forEach((_, i) => expect(this.apply(i, { action: 'settle_follow_ups' }, at)).toBeUndefined());
    if (!owed) return;
    const task = taskFromPolicy(policy, { id: `cb-${serial}`, ticketId: 't-1', customerId: 'cu-1', createdAt: at, dueAt: new Date(at.getTime() + 48 * HOUR) }, 'agent-7');
    expect(this.apply(this.tasks.length, { action: 'schedule', task }, at)).toBeUndefined();
  }

  /** 重新处理: the ticket is not ready to be called back about. */
  reopen(at: Date): void {
    this.resolved = false;
    this.tasks.forEach((_, i) => expect(this.apply(i, { action: 'cancel', reason: 'ticket_reopened' }, at)).toBeUndefined());
  }

  /** Every durable timer due by `at` fires, once. */
  fireDue(from: Date, at: Date): void {
    this.tasks.forEach((task, i) => {
      for (const { deadline, fireAt } of plannedDeadlines(task)) {
        if (fireAt > from && fireAt <= at) expect(this.apply(i, { action: 'fire_deadline', deadline }, fireAt)).toBeUndefined();
      }
    });
  }
}

describe('a ticket’s callbacks, for any sequence of resolutions, reopenings, attempts and time', () => {
  it('has at most one open callback, owes one after each resolution, and never reopens one that ended', () => {
    const outcomes = new Set<string>();
    const statuses = new Set<string>();
    fc.assert(
      fc.property(happenings, (plan: Happening[]) => {
        const ticket = new TicketCallbacks();
        let now = start;
        plan.forEach((h, serial) => {
          const before = now;
          now = new Date(now.getTime() + h.after * HOUR);
          ticket.fireDue(before, now);
          const ended = new Set(ticket.tasks.filter((t) => !isOpen(t)).map((t) => t.id));
          // Resolutions come whether or not a reopening came between: the callbacks service does not
          // rely on the tickets service's order for the one open callback (a second resolution finds it open).
          if (h.kind === 'resolved') {
            ticket.resolve(now, serial);
            // Right after a resolution the customer is owed exactly one callback, with nothing left pending from before.
            expect(ticket.tasks.filter(isOpen)).toHaveLength(1);
            expect(ticket.tasks.flatMap((t) => t.followUps).every((f) => f.state !== 'pending')).toBe(true);
          }
          if (h.kind === 'reopened' && ticket.resolved) {
            ticket.reopen(now);
            expect(ticket.tasks.filter(isOpen)).toHaveLength(0);
          }
          if (h.kind === 'attempt') {
            const open = ticket.tasks.findIndex(isOpen);
            const target = open >= 0 ? open : ticket.tasks.length - 1;
            const refused = target >= 0 ? ticket.apply(target, { action: 'record_attempt', report: reportAt(h.report, now) }, now, 'agent-7') : undefined;
            // An attempt is refused only on a callback that is not open.
            if (refused) expect({ code: refused.code, open }).toEqual({ code: 'CALLBACK.NOT_OPEN', open: -1 });
            if (!refused && target >= 0) outcomes.add(`${h.report.outcome}:${ticket.tasks[target]?.status}`);
          }
          expect(ticket.tasks.filter(isOpen).length).toBeLessThanOrEqual(1);
          for (const task of ticket.tasks) {
            statuses.add(task.status);
            if (ended.has(task.id)) expect(isOpen(task)).toBe(false);
            expect(task.attempts).toBeLessThanOrEqual(task.attemptsAllowed);
            if (task.status === 'done') expect(task.satisfied).toBeDefined();
            // Only a finished callback with a dissatisfied customer carries follow-ups.
            if (task.followUps.length > 0) expect(task.status === 'done' && task.satisfied === false).toBe(true);
          }
        });
      }),
      { numRuns: 300, seed: 20261203 },
    );
    // The sequences reached a completed callback, a failed one and one still due after an attempt.
    expect([...outcomes]).toEqual(expect.arrayContaining(['reached:done', 'no_answer:due', 'wrong_number:failed']));
    expect([...statuses].sort()).toEqual([...CALLBACK_STATUSES].sort());
  });
});
