import { parseCalendar } from '@cs/business-calendar';
import { DomainError } from '@cs/ddd';
import { AttemptReport, CallbackCommand, decide } from './callback-decide';
import { selectCallbackPolicy, type CallbackPolicy } from './callback-policy';
import { CallbackEvent, CallbackState, CallbackTask, NewCallbackTask, evolveAll, legacyDueBasis, plannedDeadlines } from './callback-task';

const cst = (local: string) => new Date(`${local}+08:00`);
const resolvedAt = cst('2026-11-23T10:00:00');
const dueAt = cst('2026-11-26T17:30:00');
const later = cst('2026-11-24T09:00:00');

const newTask: NewCallbackTask = {
  id: 'c-1',
  kind: 'ticket',
  method: 'phone',
  ticketId: 't-1',
  customerId: 'cu-1',
  projectCode: 'P001',
  sectionCode: 'complaint',
  itemCode: 'complaint.service_quality',
  assignee: 'agent-7',
  policyId: 'complaints',
  dueAt,
  attemptsAllowed: 3,
  retrySpacingMinutes: 60,
  createdAt: resolvedAt,
};

function given(...commands: CallbackCommand[]): CallbackTask {
  let state: CallbackState = undefined;
  for (const command of commands) state = evolveAll(state, events(decide(command, state, { at: later, by: 'agent-7' })));
  return state!;
}
function events(result: CallbackEvent[] | DomainError): CallbackEvent[] {
  if (result instanceof DomainError) throw result;
  return result;
}
const schedule: CallbackCommand = { action: 'schedule', task: newTask };
const attempt = (report: AttemptReport): CallbackCommand => ({ action: 'record_attempt', report });
const noAnswer = attempt({ outcome: 'no_answer' });
const when = (command: CallbackCommand, state: CallbackState, at = later) => decide(command, state, { at, by: 'agent-7' });
const types = (result: CallbackEvent[] | DomainError) => events(result).map((e) => e.type);

describe('a callback task', () => {
  it('Given a scheduled callback, Then it is due with a timer at its due time', () => {
    const task = given(schedule);
    expect(task.status).toBe('due');
    expect(plannedDeadlines(task)).toEqual([{ deadline: 'callback', fireAt: dueAt, followUp: false }]);
  });

  it('Given two unanswered attempts of three, When the customer does not answer again, Then the callback fails', () => {
    const task = given(schedule, noAnswer, attempt({ outcome: 'busy' }));
    expect(task.attempts).toBe(2);
    expect(task.nextAttemptAt).toEqual(new Date(later.getTime() + 60 * 60_000));
    const result = events(when(noAnswer, task));
    expect(result.map((e) => e.type)).toEqual(['attempted', 'failed']);
    expect(evolveAll(task, result)!.status).toBe('failed');
    expect(plannedDeadlines(evolveAll(task, result)!)).toEqual([]);
  });

  it('Given one unanswered attempt, Then the next attempt is spaced by the policy and the task stays due', () => {
    const result = events(when(noAnswer, given(schedule)));
    expect(result).toEqual([{ type: 'attempted', at: later, by: 'agent-7', record: { attempt: 1, outcome: 'no_answer', nextAttemptAt: new Date(later.getTime() + 3_600_000) } }]);
  });

  it('When the number is wrong, Then the callback fails at once', () => {
    expect(types(when(attempt({ outcome: 'wrong_number' }), given(schedule)))).toEqual(['attempted', 'failed']);
  });

  it('When the customer is reached and satisfied, Then it completes satisfied', () => {
    const result = events(when(attempt({ outcome: 'reached', satisfaction: 'very_satisfied', score: 5 }), given(schedule)));
    expect(result[1]).toMatchObject({ type: 'completed', satisfied: true, score: 5 });
  });

  it('When the customer is neutral, Then it completes unsatisfied (only the top two levels count)', () => {
    expect(events(when(attempt({ outcome: 'reached', satisfaction: 'neutral' }), given(schedule)))[1]).toMatchObject({ satisfied: false });
  });

  it('Given a dissatisfied answer with a next callback time and a rectification deadline, Then both are watched until the ticket is resolved again', () => {
    const next = cst('2026-11-30T10:00:00');
    const deadline = cst('2026-11-28T17:30:00');
    const task = given(schedule, attempt({ outcome: 'reached', satisfaction: 'dissatisfied', nextCallbackAt: next, departmentDeadline: deadline }));
    expect(task).toMatchObject({ status: 'done', satisfied: false });
    expect(plannedDeadlines(task)).toEqual([
      { deadline: 'callback', fireAt: next, followUp: true },
      { deadline: 'rectification', fireAt: deadline, followUp: true },
    ]);
    const overdue = events(when({ action: 'fire_deadline', deadline: 'rectification' }, task, deadline));
    expect(overdue).toEqual([{ type: 'overdue', at: deadline, by: 'agent-7', deadline: 'rectification', deadlineAt: deadline, followUp: true }]);
    // The next callback promised, missed: told apart from this callback's own due time passing.
    expect(events(when({ action: 'fire_deadline', deadline: 'callback' }, task, next))).toEqual([
      { type: 'overdue', at: next, by: 'agent-7', deadline: 'callback', deadlineAt: next, followUp: true },
    ]);
    const after = evolveAll(task, overdue)!;
    expect(types(when({ action: 'fire_deadline', deadline: 'rectification' }, after, deadline))).toEqual([]);
    const settled = evolveAll(after, events(when({ action: 'settle_follow_ups' }, after)))!;
    expect(plannedDeadlines(settled)).toEqual([]);
  });

  it('When a satisfied answer names a rectification deadline, Then the field is refused', () => {
    const result = when(attempt({ outcome: 'reached', satisfaction: 'satisfied', departmentDeadline: cst('2026-12-01T10:00:00') }), given(schedule));
    expect(result).toMatchObject({ code: 'CALLBACK.INVALID_ATTEMPT', field: 'departmentDeadline' });
  });

  it('When a dissatisfied key customer or care call is given a next callback or a rectification deadline, Then the field is refused: no ticket would settle it', () => {
    const { ticketId: _ticket, ...noTicket } = newTask;
    for (const kind of ['key_customer', 'care'] as const) {
      const task = given({ action: 'schedule', task: { ...noTicket, kind } });
      for (const field of ['nextCallbackAt', 'departmentDeadline'] as const) {
        const result = when(attempt({ outcome: 'reached', satisfaction: 'dissatisfied', [field]: cst('2026-12-01T10:00:00') }), task);
        expect({ kind, field, result }).toEqual({ kind, field, result: expect.objectContaining({ code: 'CALLBACK.INVALID_ATTEMPT', field }) });
      }
      expect(types(when(attempt({ outcome: 'reached', satisfaction: 'dissatisfied' }), task))).toEqual(['attempted', 'completed']);
    }
  });

  it('When a ticket callback reaches the customer without a verdict, Then satisfaction is required', () => {
    expect(when(attempt({ outcome: 'reached' }), given(schedule))).toMatchObject({ field: 'satisfaction' });
  });

  it('When a care call reaches the customer without a verdict, Then it completes neither satisfied nor dissatisfied', () => {
    const { ticketId: _ticket, ...care } = newTask;
    const careCall: CallbackCommand = { action: 'schedule', task: { ...care, kind: 'care' } };
    const completed = events(when(attempt({ outcome: 'reached' }), given(careCall)))[1];
    expect(completed).toMatchObject({ type: 'completed' });
    expect(completed).not.toHaveProperty('satisfied');
    const task = given(careCall, attempt({ outcome: 'reached' }));
    expect([task.status, task.satisfied]).toEqual(['done', undefined]);
  });

  it('When an unanswered attempt carries a score, Then it is refused', () => {
    expect(when(attempt({ outcome: 'busy', score: 3 }), given(schedule))).toMatchObject({ field: 'satisfaction' });
  });

  it('Given a completed callback, When another attempt is recorded, Then it conflicts', () => {
    const task = given(schedule, attempt({ outcome: 'reached', satisfaction: 'satisfied' }));
    expect(when(noAnswer, task)).toMatchObject({ code: 'CALLBACK.NOT_OPEN', kind: 'conflict' });
  });

  it('Given a due callback, When its due time passes, Then it is overdue once and stays workable', () => {
    const task = given(schedule);
    const overdue = evolveAll(task, events(when({ action: 'fire_deadline', deadline: 'callback' }, task, dueAt)))!;
    expect(overdue.status).toBe('overdue');
    expect(types(when({ action: 'fire_deadline', deadline: 'callback' }, overdue, dueAt))).toEqual([]);
    expect(types(when(attempt({ outcome: 'reached', satisfaction: 'satisfied' }), overdue))).toEqual(['attempted', 'completed']);
  });

  it('Given an open callback, When the ticket reopens, Then it is cancelled; a finished one is left alone', () => {
    expect(types(when({ action: 'cancel', reason: 'ticket_reopened' }, given(schedule)))).toEqual(['cancelled']);
    expect(types(when({ action: 'cancel', reason: 'ticket_reopened' }, given(schedule, attempt({ outcome: 'refused' }))))).toEqual([]);
  });
});

describe('callback policies', () => {
  const base = { name: 'p', dueWorkingDays: 1, calendarId: 'default', method: 'phone', attemptsAllowed: 3, retrySpacingMinutes: 60, assignTo: 'project_pool', required: true } as const;
  const policies: CallbackPolicy[] = [
    { ...base, id: 'any', match: {} },
    { ...base, id: 'complaints', match: { sections: ['complaint'] }, dueWorkingDays: 3 },
    { ...base, id: 'major-complaints', match: { sections: ['complaint'], grades: ['major'] } },
  ];
  it('picks the most specific policy that matches, and the catch-all otherwise', () => {
    expect(selectCallbackPolicy(policies, { sectionCode: 'complaint', grade: 'general' })?.id).toBe('complaints');
    expect(selectCallbackPolicy(policies, { sectionCode: 'complaint', grade: 'major' })?.id).toBe('major-complaints');
    expect(selectCallbackPolicy(policies, { sectionCode: 'repair' })?.id).toBe('any');
    expect(selectCallbackPolicy(policies.slice(1), { sectionCode: 'repair' })).toBeUndefined();
  });
});

describe('a callback due time counted by a business calendar', () => {
  const basis = { calendarId: 'company', calendarVersion: 1, from: resolvedAt, workingDays: 3 };
  const counted: CallbackCommand = { action: 'schedule', task: { ...newTask, dueBasis: basis } };
  const moved = cst('2026-11-27T17:30:00');
  const recount = (calendarVersion: number, to: Date): CallbackCommand => ({ action: 'recompute_due', calendarVersion, dueAt: to });

  it('Given a newer calendar version that moves it, Then it moves, names both times and the version, and its timer follows', () => {
    const task = given(counted);
    const result = events(when(recount(2, moved), task));
    expect(result).toEqual([{ type: 'due_recomputed', at: later, by: 'agent-7', previousDueAt: dueAt, dueAt: moved, basis: { ...basis, calendarVersion: 2 } }]);
    const after = evolveAll(task, result)!;
    expect([after.dueAt, after.dueBasis?.calendarVersion, after.status]).toEqual([moved, 2, 'due']);
    expect(plannedDeadlines(after)).toEqual([{ deadline: 'callback', fireAt: moved, followUp: false }]);
  });

  it('Given the same due time, an older or the same version, Then nothing happens', () => {
    const task = given(counted);
    expect(when(recount(2, dueAt), task)).toEqual([]);
    expect(when(recount(1, moved), task)).toEqual([]);
    expect(when(recount(2, moved), { ...task, dueBasis: { ...basis, calendarVersion: 3 } })).toEqual([]);
  });

  it('Given an overdue, ended or calendar-less callback, Then its due time stays', () => {
    const overdue = given(counted, { action: 'fire_deadline', deadline: 'callback' });
    expect(overdue.status).toBe('overdue');
    expect(when(recount(2, moved), overdue)).toEqual([]);
    expect(when(recount(2, moved), given(counted, { action: 'cancel', reason: 'manual' }))).toEqual([]);
    expect(when(recount(2, moved), given(schedule))).toEqual([]);
  });
});

describe('a callback scheduled before due times kept their basis', () => {
  const hours: [string, string][] = [
    ['08:30', '12:00'],
    ['13:30', '17:30'],
  ];
  const held = {
    version: 5,
    calendar: parseCalendar({ timezone: 'Asia/Shanghai', workingHours: { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours, sat: [], sun: [] }, holidays: [], workingDays: [] }),
  };
  const legacy = given(schedule);

  it('Given its plan’s terms, which never change, Then it takes them with the version unknown, to be counted again by the version held', () => {
    expect(legacyDueBasis(legacy, { calendarId: 'company', workingDays: 2, fixed: true }, undefined)).toEqual({ calendarId: 'company', calendarVersion: 0, from: resolvedAt, workingDays: 2 });
  });

  it('Given its policy’s terms as they stand, Then it takes them at the version held only when they give the due time stored', () => {
    expect(legacyDueBasis(legacy, { calendarId: 'company', workingDays: 3, fixed: false }, held)).toEqual({ calendarId: 'company', calendarVersion: 5, from: resolvedAt, workingDays: 3 });
    expect(legacyDueBasis(legacy, { calendarId: 'company', workingDays: 2, fixed: false }, held)).toBeUndefined();
    expect(legacyDueBasis(legacy, { calendarId: 'company', workingDays: 3, fixed: false }, undefined)).toBeUndefined();
  });

  it('Given one overdue or ended, or one that keeps a basis, Then it takes none', () => {
    const terms = { calendarId: 'company', workingDays: 3, fixed: true };
    expect(legacyDueBasis(given(schedule, { action: 'fire_deadline', deadline: 'callback' }), terms, held)).toBeUndefined();
    expect(legacyDueBasis(given(schedule, { action: 'cancel', reason: 'manual' }), terms, held)).toBeUndefined();
    expect(legacyDueBasis({ ...legacy, dueBasis: { calendarId: 'company', calendarVersion: 1, from: resolvedAt, workingDays: 3 } }, terms, held)).toBeUndefined();
  });

  it('Given a version that cannot count (no working time), Then it takes none; Given a fault in counting, Then the fault is passed on, not taken for that', () => {
    const terms = { calendarId: 'company', workingDays: 3, fixed: false };
    const closed = { version: 6, calendar: parseCalendar({ timezone: 'Asia/Shanghai', workingHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, holidays: [], workingDays: [] }) };
    expect(legacyDueBasis(legacy, terms, closed)).toBeUndefined();
    const faulty = { ...held, calendar: { ...held.calendar, timezone: 'Nowhere/Faulty' } };
    expect(() => legacyDueBasis(legacy, terms, faulty)).toThrow(RangeError);
  });
});
