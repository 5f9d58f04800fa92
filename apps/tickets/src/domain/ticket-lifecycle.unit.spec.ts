import { DomainError } from '@cs/ddd';
import { ALLOWED_FROM, Lifecycle, LifecycleCommand, transition } from './ticket-lifecycle';
import type { TicketStatus } from './ticket';

const at = new Date('2026-11-24T02:00:00Z');
const fresh: Lifecycle = { status: 'new', validity: 'pending', grade: 'general', reopenCount: 0, extensionCount: 0, escalationLevel: 0 };

function run(state: Lifecycle, ...commands: LifecycleCommand[]): Lifecycle {
  return commands.reduce((s, c) => transition(s, c, at), state);
}

const sample: Record<LifecycleCommand['type'], LifecycleCommand> = {
  decide_validity: { type: 'decide_validity', decision: 'valid' },
  dispatch: { type: 'dispatch', department: 'engineering' },
  reply: { type: 'reply', message: '已安排师傅' },
  pause: { type: 'pause', reason: '等待业主在家' },
  resume: { type: 'resume' },
  resolve: { type: 'resolve', resolution: '已修复' },
  close: { type: 'close' },
  reopen: { type: 'reopen', reason: '客户不满意' },
  extend: { type: 'extend' },
  escalate: { type: 'escalate', level: 1 },
};
const STATUSES: TicketStatus[] = ['new', 'dispatched', 'in_progress', 'awaiting_customer', 'resolved', 'closed'];

describe('the ticket state machine', () => {
  it('walks the whole happy path: new → valid → dispatched → in progress ⇄ awaiting → resolved → closed', () => {
    const states = [
      sample.decide_validity,
      sample.dispatch,
      sample.reply,
      sample.pause,
      sample.resume,
      sample.resolve,
      sample.close,
    ].reduce<Lifecycle[]>((acc, c) => [...acc, transition(acc[acc.length - 1]!, c, at)], [fresh]);
    expect(states.map((s) => s.status)).toEqual(['new', 'new', 'dispatched', 'in_progress', 'awaiting_customer', 'in_progress', 'resolved', 'closed']);
    expect(states[1]!.validity).toBe('valid');
    expect(states[3]!.firstRepliedAt).toEqual(at);
  });

  it('a reopened ticket is in progress again with its reopen count raised', () => {
    const reopened = run(fresh, sample.dispatch, sample.resolve, sample.close, sample.reopen);
    expect(reopened).toMatchObject({ status: 'in_progress', reopenCount: 1, resolvedAt: undefined, closedAt: undefined });
  });

  it('an invalid matter is resolved with the answer given; out of scope with where the customer was sent', () => {
    expect(run(fresh, { type: 'decide_validity', decision: 'invalid', answerId: 'ans-1' })).toMatchObject({ status: 'resolved', validity: 'invalid' });
    expect(run(fresh, { type: 'decide_validity', decision: 'out_of_scope', redirectTo: '12345 市民热线' }).resolution).toContain('12345');
    expect(() => run(fresh, { type: 'decide_validity', decision: 'out_of_scope' })).toThrow(expect.objectContaining({ field: 'redirectTo' }));
  });

  // Every (status, command) pair not in the table is refused with 409, so the table is the whole truth.
  const pairs = STATUSES.flatMap((status) => (Object.keys(sample) as LifecycleCommand['type'][]).map((type) => [status, type] as const));
  it.each(pairs.filter(([status, type]) => !ALLOWED_FROM[type].includes(status)))('refuses %s → %s', (status, type) => {
    try {
      transition({ ...fresh, status }, sample[type], at);
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('TICKET.ILLEGAL_TRANSITION');
      expect((error as DomainError).kind).toBe('conflict');
    }
  });

  it('validity is decided once', () => {
    expect(() => run(fresh, sample.decide_validity, sample.decide_validity)).toThrow(/already decided/);
  });

  it('an escalation without a level goes one level up, to the manager at most', () => {
    const once = run(fresh, { type: 'escalate' });
    expect([once, run(once, { type: 'escalate' }), run(once, { type: 'escalate' }, { type: 'escalate' })].map((s) => s.escalationLevel)).toEqual([1, 2, 2]);
  });

  it('escalation only rises', () => {
    expect(run(fresh, { type: 'escalate', level: 2 }, { type: 'escalate', level: 1 }).escalationLevel).toBe(2);
  });
});
