import { DomainError } from '@cs/ddd';
import { Ticket, openTicket } from './ticket';
import { Actor, assertMayDo, canDo, canSee, visibilityOf } from './ticket-access';
import type { EscalationLevel } from './ticket-lifecycle';

const ticket: Ticket = {
  ...openTicket({
    id: 't', number: 'TK-20261124-000001', contactId: 'c', customerId: 'cu', customerName: '张*', channel: 'phone',
    unit: { projectCode: 'P001' }, ownerId: 'agent-1', at: new Date(),
  }),
  department: 'engineering',
};
const atLevel = (escalationLevel: EscalationLevel): Ticket => ({ ...ticket, escalationLevel });
const inStatus = (status: Ticket['status']): Ticket => ({ ...ticket, status });
const actor = (...roles: string[]): Actor => ({ sub: `${roles.join('+')}-1`, roles, department: 'engineering' });

function refusalOf(run: () => void): DomainError {
  try {
    run();
  } catch (error: unknown) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('the act was allowed');
}

describe('who may see and act on a ticket', () => {
  it('an agent of the project sees and acts; an agent of another project does not even see it', () => {
    expect(canSee({ sub: 'a', roles: ['agent'], projects: ['P001'] }, ticket)).toBe(true);
    expect(canDo({ sub: 'a', roles: ['agent'], projects: ['P001'] }, ticket, 'dispatch')).toBe(true);
    expect(canSee({ sub: 'b', roles: ['agent'], projects: ['P002'] }, ticket)).toBe(false);
  });

  it('a handler sees tickets dispatched to their department and may reply but not dispatch', () => {
    const handler = { sub: 'h', roles: ['handler'], department: 'engineering' };
    expect(canSee(handler, ticket)).toBe(true);
    expect(canDo(handler, ticket, 'reply')).toBe(true);
    expect(canDo(handler, ticket, 'dispatch')).toBe(false);
    expect(canSee({ ...handler, department: 'cleaning' }, ticket)).toBe(false);
  });

  it("a handler limited to other projects neither sees nor works their department's ticket of this one, whatever other roles they hold", () => {
    const handler = { sub: 'h', roles: ['handler'], department: 'engineering', projects: ['P002'] };
    expect(canSee(handler, ticket)).toBe(false);
    for (const act of ['reply', 'resolve', 'pause', 'extend', 'record_implementation'] as const) expect(canDo(handler, ticket, act)).toBe(false);
    expect(canDo({ ...handler, roles: ['agent', 'handler'] }, ticket, 'reply')).toBe(false);
    expect(canDo({ ...handler, projects: ['P002', 'P001'] }, ticket, 'reply')).toBe(true);
    expect(canSee({ ...handler, projects: undefined }, { ...ticket, unit: {} })).toBe(true);
  });

  it("a list shows a handler their department's tickets of their projects, others their projects'", () => {
    expect(visibilityOf({ sub: 'h', roles: ['handler'], department: 'engineering', projects: ['P002'] })).toEqual({ department: 'engineering', projects: ['P002'] });
    expect(visibilityOf({ sub: 'h', roles: ['handler'], department: 'engineering' })).toEqual({ department: 'engineering' });
    expect(visibilityOf({ sub: 'a', roles: ['agent', 'handler'], department: 'engineering', projects: ['P001'] })).toEqual({ projects: ['P001'] });
  });

  it('a supervisor with no project list acts on every project; quality only reads', () => {
    expect(canDo({ sub: 's', roles: ['supervisor'] }, ticket, 'reopen')).toBe(true);
    expect(canSee({ sub: 'q', roles: ['quality'] }, ticket)).toBe(true);
    expect(canDo({ sub: 'q', roles: ['quality'] }, ticket, 'resolve')).toBe(false);
  });
});

describe('escalation', () => {
  it('given a ticket at level 0, an agent escalates it one level, to the supervisor', () => {
    expect(canDo(actor('agent'), atLevel(0), { type: 'escalate' })).toBe(true);
    expect(canDo(actor('agent'), atLevel(0), { type: 'escalate', level: 1 })).toBe(true);
  });

  it('given any ticket, an agent may not take it to the leaders (level 2): 403 TICKET.NOT_ALLOWED', () => {
    expect(canDo(actor('agent'), atLevel(0), { type: 'escalate', level: 2 })).toBe(false);
    expect(canDo(actor('agent'), atLevel(1), { type: 'escalate' })).toBe(false);
    const refusal = refusalOf(() => assertMayDo(actor('agent'), atLevel(1), { type: 'escalate' }));
    expect(refusal).toMatchObject({ code: 'TICKET.NOT_ALLOWED', kind: 'forbidden', message: 'your role may not escalate this ticket to level 2' });
  });

  it.each(['supervisor', 'manager', 'admin'])('a %s takes a ticket to the leaders', (role) => {
    expect(canDo(actor(role), atLevel(0), { type: 'escalate', level: 2 })).toBe(true);
    expect(canDo(actor(role), atLevel(1), { type: 'escalate' })).toBe(true);
  });

  it.each(['handler', 'quality'])('a %s escalates at no level', (role) => {
    expect(canDo(actor(role), atLevel(0), { type: 'escalate', level: 1 })).toBe(false);
    expect(canDo(actor(role), atLevel(0), { type: 'escalate', level: 2 })).toBe(false);
  });

  it('an agent who is also a supervisor acts as the supervisor', () => {
    expect(canDo(actor('agent', 'supervisor'), atLevel(1), { type: 'escalate' })).toBe(true);
  });
});

describe('reopening (重新处理)', () => {
  it('given a resolved ticket, an agent reopens it (the customer is not satisfied before closing)', () => {
    expect(canDo(actor('agent'), inStatus('resolved'), { type: 'reopen', reason: '客户不满意' })).toBe(true);
  });

  it('given a closed ticket, an agent may not reopen it: 403 TICKET.NOT_ALLOWED', () => {
    expect(canDo(actor('agent'), inStatus('closed'), { type: 'reopen', reason: 'x' })).toBe(false);
    const refusal = refusalOf(() => assertMayDo(actor('agent'), inStatus('closed'), { type: 'reopen', reason: 'x' }));
    expect(refusal).toMatchObject({ code: 'TICKET.NOT_ALLOWED', kind: 'forbidden', message: 'your role may not reopen a closed ticket' });
  });

  it.each(['supervisor', 'admin'])('given a closed ticket, a %s reopens it', (role) => {
    expect(canDo(actor(role), inStatus('closed'), { type: 'reopen', reason: 'x' })).toBe(true);
  });

  it.each(['manager', 'handler', 'quality'])('a %s reopens no ticket', (role) => {
    expect(canDo(actor(role), inStatus('resolved'), { type: 'reopen', reason: 'x' })).toBe(false);
    expect(canDo(actor(role), inStatus('closed'), { type: 'reopen', reason: 'x' })).toBe(false);
  });
});

describe('refusals', () => {
  it('name the action the role may not take, and allowed acts pass', () => {
    expect(refusalOf(() => assertMayDo(actor('quality'), ticket, 'promise'))).toMatchObject({
      code: 'TICKET.NOT_ALLOWED',
      kind: 'forbidden',
      message: 'your role may not promise this ticket',
    });
    expect(() => assertMayDo(actor('handler'), ticket, { type: 'reply', message: 'on our way' })).not.toThrow();
  });

  it('name an action of more than one word with its object, as a desk shows it', () => {
    expect(refusalOf(() => assertMayDo(actor('quality'), ticket, 'decide_validity')).message).toBe('your role may not judge the validity of this ticket');
    expect(refusalOf(() => assertMayDo(actor('handler'), ticket, { action: 'amend_record', room: '1202' })).message).toBe('your role may not amend the record of this ticket');
  });
});

describe('suggestions and complaint research', () => {
  it.each(['agent', 'supervisor', 'admin'])('a %s evaluates, forwards and rewards a suggestion, and researches a complaint', (role) => {
    for (const act of ['evaluate_suggestion', 'forward_suggestion', 'reward_suggestion', 'request_opinion', 'record_opinion'] as const) {
      expect(canDo(actor(role), ticket, act)).toBe(true);
    }
  });

  it('a handler of the department reports implementation, and nothing else of a suggestion; of another department, not even that', () => {
    expect(canDo(actor('handler'), ticket, 'record_implementation')).toBe(true);
    expect(canDo(actor('handler'), ticket, 'forward_suggestion')).toBe(false);
    expect(canDo({ ...actor('handler'), department: 'security' }, ticket, 'record_implementation')).toBe(false);
  });

  it('only a supervisor (or admin) approves the reply to a complaint: an agent gets 403', () => {
    expect(canDo(actor('supervisor'), ticket, 'approve_reply')).toBe(true);
    expect(canDo(actor('admin'), ticket, 'approve_reply')).toBe(true);
    expect(refusalOf(() => assertMayDo(actor('agent'), ticket, 'approve_reply'))).toMatchObject({ code: 'TICKET.NOT_ALLOWED', kind: 'forbidden' });
  });
});

describe('who may amend a ticket’s record (补录)', () => {
  const consultation: Ticket = { ...ticket, itemCode: 'consultation.other', sectionCode: 'consultation' };
  const toComplaint = { action: 'amend_record' as const, itemCode: 'complaint.service_quality' };

  it('an agent classifies an unclassified matter, corrects an item within its section, and moves a matter not yet judged', () => {
    expect(canDo(actor('agent'), { ...ticket, validity: 'valid' }, toComplaint)).toBe(true);
    expect(canDo(actor('agent'), { ...consultation, validity: 'valid' }, { action: 'amend_record', itemCode: 'consultation.projects' })).toBe(true);
    expect(canDo(actor('agent'), consultation, toComplaint)).toBe(true);
    expect(canDo(actor('agent'), { ...consultation, validity: 'valid' }, { action: 'amend_record', room: '1202' })).toBe(true);
  });

  it('moving a matter already judged, or resolved, to another section is the supervisor’s', () => {
    for (const judged of [{ ...consultation, validity: 'invalid' as const }, { ...consultation, status: 'resolved' as const }, { ...consultation, status: 'in_progress' as const, reopenCount: 1 }]) {
      expect(refusalOf(() => assertMayDo(actor('agent'), judged, toComplaint))).toMatchObject({
        code: 'TICKET.NOT_ALLOWED',
        message: 'your role may not move a judged matter to another section',
      });
      expect(canDo(actor('supervisor'), judged, toComplaint)).toBe(true);
    }
  });

  it('a consultation shown valid by its dispatch was judged by nobody: the agent moves it to a repair; a dispatched repair moved away is the supervisor’s', () => {
    const dispatched = { ...consultation, validity: 'valid' as const, status: 'in_progress' as const };
    expect(canDo(actor('agent'), dispatched, { action: 'amend_record', itemCode: 'repair.water_electric' })).toBe(true);
    const repair: Ticket = { ...dispatched, itemCode: 'repair.water_electric', sectionCode: 'repair' };
    expect(refusalOf(() => assertMayDo(actor('agent'), repair, { action: 'amend_record', itemCode: 'consultation.other' }))).toMatchObject({ code: 'TICKET.NOT_ALLOWED' });
    expect(canDo(actor('supervisor'), repair, { action: 'amend_record', itemCode: 'consultation.other' })).toBe(true);
  });

  it('a handler, quality staff or a manager may not amend it', () => {
    for (const role of ['handler', 'quality', 'manager']) expect(canDo(actor(role), ticket, { action: 'amend_record', room: '1202' })).toBe(false);
  });
});
