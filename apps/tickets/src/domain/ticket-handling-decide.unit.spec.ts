import { OFFICE_WEEK, parseCalendar } from '@cs/business-calendar';
import { DomainError } from '@cs/ddd';
import { events, newMatter, refusal } from '../testing/decide-outcome';
import type { SlaPolicy } from './sla-policy';
import type { Ticket } from './ticket';
import type { TicketCommandData } from './ticket-commands';
import { decide } from './ticket-decide';
import type { TicketEvent } from './ticket-events';
import { evolveAll } from './ticket-evolve';

/** Suggestions handled and complaints researched: decide Given (events) / When (command) / Then (events or refusal). */
const calendar = parseCalendar({ timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK });
const cst = (local: string) => new Date(`${local}+08:00`);
const opening = cst('2026-11-23T09:00:00');
const later = cst('2026-11-23T10:00:00');
const OPINION = '6f1d8a4e-2f0b-4c4e-9d55-0b8f3c1e2a10';

const matter = (itemCode: string) => newMatter({ itemCode, occurredAt: opening });

function outcome(data: TicketCommandData, state: Ticket | undefined, at = later, by = 'agent-7'): TicketEvent[] | DomainError {
  return decide({ data, metadata: { at, by, calendars: () => calendar } }, state);
}


function opened(itemCode: string): Ticket {
  const data: TicketCommandData = { action: 'open_from_contact', ticketId: 't-1', number: 'TK-20261123-000001', contact: matter(itemCode), policies: [] };
  return evolveAll(undefined, events(outcome(data, undefined, opening, 'system')))!;
}

/** The ticket after each command in turn. */
function after(state: Ticket, ...commands: TicketCommandData[]): Ticket {
  return commands.reduce((current, data) => evolveAll(current, events(outcome(data, current)))!, state);
}

const suggestion = () => opened('suggestion.general');
const complaint = () => opened('complaint.service_quality');
const evaluate = (valuable: boolean): TicketCommandData => ({ action: 'evaluate_suggestion', reasonable: true, feasible: true, valuable, comment: '值得采纳' });
const forward: TicketCommandData = { action: 'forward_suggestion', department: 'property_management' };
const implemented: TicketCommandData = { action: 'record_implementation', status: 'implemented', result: '已增设快递柜' };
const reward: TicketCommandData = { action: 'reward_suggestion', kind: 'points', description: '赠送积分', value: 200 };
const askLegal = (dueAt = cst('2026-11-25T17:30:00')): TicketCommandData => ({ action: 'request_opinion', opinionId: OPINION, from: 'legal', question: '是否有合同依据？', dueAt });
const invalid: TicketCommandData = { action: 'decide_validity', command: { type: 'decide_validity', decision: 'invalid', reason: '不属于物业责任' } };
const close: TicketCommandData = { action: 'close', command: { type: 'close' } };

describe('evaluate a suggestion', () => {
  it('given a new suggestion, when evaluated, then the evaluation is recorded with its comment', () => {
    const decided = events(outcome(evaluate(true), suggestion()));
    expect(decided).toEqual([expect.objectContaining({ type: 'suggestion_evaluated', valuable: true, comment: '值得采纳', by: 'agent-7' })]);
    expect(evolveAll(suggestion(), decided)!.suggestion?.evaluation).toMatchObject({ reasonable: true, feasible: true, valuable: true, at: later });
  });

  it('given a complaint, when evaluated as a suggestion, then it is 422 TICKET.NOT_A_SUGGESTION', () => {
    expect(refusal(outcome(evaluate(true), complaint()))).toMatchObject({ code: 'TICKET.NOT_A_SUGGESTION', kind: 'invalid' });
  });

  it('given a forwarded suggestion, when evaluated again, then it is 409', () => {
    expect(refusal(outcome(evaluate(false), after(suggestion(), evaluate(true), forward)))).toMatchObject({ code: 'TICKET.ILLEGAL_TRANSITION', kind: 'conflict' });
  });
});

describe('forward a suggestion', () => {
  it('given a suggestion evaluated valuable, when forwarded, then it is forwarded and dispatched to the department', () => {
    const decided = events(outcome(forward, after(suggestion(), evaluate(true))));
    expect(decided.map((e) => e.type)).toEqual(['suggestion_forwarded', 'dispatched']);
    // A suggestion's validity is not judged (domain.md): the desk shows it valid, the KPIs count no valid decision (ADR 0163).
    expect(decided[1]).toMatchObject({ type: 'dispatched', takenAsValid: false });
    const ticket = evolveAll(after(suggestion(), evaluate(true)), decided)!;
    expect(ticket).toMatchObject({ status: 'dispatched', validity: 'valid', department: 'property_management', suggestion: { forwardedTo: { department: 'property_management' } } });
  });

  it('given a policy timing the dispatch of suggestions, when forwarded after its deadline, then the dispatch says it was late (转发及时率)', () => {
    const timed: SlaPolicy = {
      id: 'suggestions',
      name: '建议',
      match: { sections: ['suggestion'] },
      targets: { dispatch: { amount: 30, unit: 'minutes', basis: 'working' } },
      warnAt: [75],
      calendarId: 'default',
    };
    const data: TicketCommandData = { action: 'open_from_contact', ticketId: 't-1', number: 'TK-20261123-000001', contact: matter('suggestion.general'), policies: [timed] };
    const evaluated = after(evolveAll(undefined, events(outcome(data, undefined, opening, 'system')))!, evaluate(true));
    expect(events(outcome(forward, evaluated))).toEqual([
      expect.objectContaining({ type: 'suggestion_forwarded' }),
      expect.objectContaining({ type: 'dispatched', department: 'property_management', breached: true }),
    ]);
  });

  it.each([
    ['not evaluated', () => suggestion(), 'evaluate the suggestion before forwarding it'],
    ['evaluated as not valuable', () => after(suggestion(), evaluate(false)), 'only a suggestion evaluated as valuable is forwarded'],
    ['already forwarded', () => after(suggestion(), evaluate(true), forward), 'the suggestion was already forwarded to property_management'],
  ])('given a suggestion %s, when forwarded, then it is 409', (_case, state, message) => {
    expect(refusal(outcome(forward, state()))).toMatchObject({ code: 'TICKET.ILLEGAL_TRANSITION', kind: 'conflict', message });
  });
});

describe('track the implementation', () => {
  it('given a forwarded suggestion, when its handler reports progress then the result, then both are recorded', () => {
    const forwarded = after(suggestion(), evaluate(true), forward);
    const started = events(outcome({ action: 'record_implementation', status: 'in_progress' }, forwarded, later, 'handler-1'));
    expect(started).toEqual([expect.objectContaining({ type: 'suggestion_implementation_recorded', status: 'in_progress', by: 'handler-1' })]);
    const done = after(evolveAll(forwarded, started)!, implemented);
    expect(done.suggestion?.implementation).toMatchObject({ status: 'implemented', result: '已增设快递柜' });
  });

  it('given a suggestion not forwarded, when implementation is recorded, then it is 409', () => {
    expect(refusal(outcome(implemented, after(suggestion(), evaluate(true))))).toMatchObject({ code: 'TICKET.ILLEGAL_TRANSITION' });
  });

  it('given a forwarded suggestion, when it is implemented without a result, then it is 422 naming result', () => {
    const forwarded = after(suggestion(), evaluate(true), forward);
    expect(refusal(outcome({ action: 'record_implementation', status: 'implemented' }, forwarded))).toMatchObject({ code: 'TICKET.RESULT_REQUIRED', field: 'result' });
  });

  it('given an implementation that ended, when recorded again, then it is 409', () => {
    const ended = after(suggestion(), evaluate(true), forward, { action: 'record_implementation', status: 'rejected', result: '场地不足' });
    expect(refusal(outcome(implemented, ended))).toMatchObject({ code: 'TICKET.ILLEGAL_TRANSITION', message: 'the implementation already ended: rejected' });
  });
});

describe('reward the customer', () => {
  it('given an implemented suggestion, when the customer is rewarded, then the reward is recorded', () => {
    const decided = events(outcome(reward, after(suggestion(), evaluate(true), forward, implemented)));
    expect(decided).toEqual([expect.objectContaining({ type: 'suggestion_rewarded', kind: 'points', value: 200 })]);
  });

  it.each([
    ['still in progress', () => after(suggestion(), evaluate(true), forward, { action: 'record_implementation', status: 'in_progress' })],
    ['rejected', () => after(suggestion(), evaluate(true), forward, { action: 'record_implementation', status: 'rejected', result: '场地不足' })],
    ['already rewarded', () => after(suggestion(), evaluate(true), forward, implemented, reward)],
  ])('given a suggestion %s, when rewarded, then it is 409', (_case, state) => {
    expect(refusal(outcome(reward, state()))).toMatchObject({ code: 'TICKET.ILLEGAL_TRANSITION', kind: 'conflict' });
  });
});

describe('request an opinion on a complaint', () => {
  it('given a complaint, when legal counsel is asked by a deadline, then the request is recorded', () => {
    const decided = events(outcome(askLegal(), complaint()));
    expect(decided).toEqual([expect.objectContaining({ type: 'opinion_requested', opinionId: OPINION, from: 'legal', dueAt: cst('2026-11-25T17:30:00') })]);
    expect(evolveAll(complaint(), decided)!.opinions).toEqual([expect.objectContaining({ id: OPINION, requestedBy: 'agent-7', requestedAt: later })]);
  });

  it('given the same request already recorded, when it is repeated, then nothing happens', () => {
    expect(outcome(askLegal(), after(complaint(), askLegal()))).toEqual([]);
  });

  it.each([
    ['a department not named', { action: 'request_opinion', opinionId: OPINION, from: 'department', question: '?', dueAt: cst('2026-11-25T17:30:00') } as const, 'TICKET.DEPARTMENT_REQUIRED', 'department'],
    ['a deadline already past', askLegal(cst('2026-11-23T09:30:00')), 'TICKET.DUE_IN_PAST', 'dueAt'],
  ])('given a complaint, when asked with %s, then it is 422 naming the field', (_case, command, code, field) => {
    expect(refusal(outcome(command, complaint()))).toMatchObject({ code, kind: 'invalid', field });
  });

  it('given a suggestion, when an opinion is requested, then it is 422 TICKET.NOT_A_COMPLAINT', () => {
    expect(refusal(outcome(askLegal(), suggestion()))).toMatchObject({ code: 'TICKET.NOT_A_COMPLAINT' });
  });
});

describe('record an opinion', () => {
  it('given a requested opinion, when given after its deadline, then it is recorded as late', () => {
    const asked = after(complaint(), askLegal(cst('2026-11-23T10:30:00')));
    const decided = events(outcome({ action: 'record_opinion', opinionId: OPINION, text: '有合同依据' }, asked, cst('2026-11-23T11:00:00')));
    expect(decided).toEqual([expect.objectContaining({ type: 'opinion_recorded', late: true, text: '有合同依据' })]);
    expect(evolveAll(asked, decided)!.opinions?.[0]?.answer).toMatchObject({ text: '有合同依据', by: 'agent-7' });
  });

  it('given no such opinion, when recorded, then it is 404; given one recorded, then 409', () => {
    const record: TicketCommandData = { action: 'record_opinion', opinionId: OPINION, text: '意见' };
    expect(refusal(outcome(record, complaint()))).toMatchObject({ code: 'TICKET.OPINION_NOT_FOUND', kind: 'not_found' });
    expect(refusal(outcome(record, after(complaint(), askLegal(), record)))).toMatchObject({ code: 'TICKET.ILLEGAL_TRANSITION', kind: 'conflict' });
  });
});

describe('an opinion deadline passes', () => {
  const fire: TicketCommandData = { action: 'fire_opinion_deadlines', opinionIds: [OPINION] };
  const due = cst('2026-11-25T17:30:00');
  const afterDue = cst('2026-11-25T17:31:00');

  it('given an unanswered opinion, when its deadline fires, then it is overdue once, told to the supervisor and the owner', () => {
    const asked = after(complaint(), askLegal(due));
    const decided = events(outcome(fire, asked, afterDue, 'system'));
    expect(decided).toEqual([expect.objectContaining({ type: 'opinion_overdue', opinionId: OPINION, dueAt: due, notify: expect.objectContaining({ roles: ['supervisor'], userIds: ['agent-7'] }) })]);
    expect(outcome(fire, evolveAll(asked, decided), afterDue, 'system')).toEqual([]);
  });

  it('given a complaint closed before its opinion was given, when the deadline fires, then nobody is told to chase it', () => {
    const closed = after(complaint(), askLegal(due), { action: 'decide_validity', command: { type: 'decide_validity', decision: 'invalid', answerId: 'ans-1' } }, close);
    expect(closed.status).toBe('closed');
    expect(outcome(fire, closed, afterDue, 'system')).toEqual([]);
  });

  it('given an answered opinion, when its deadline fires, then nothing happens', () => {
    const answered = after(complaint(), askLegal(due), { action: 'record_opinion', opinionId: OPINION, text: '意见' });
    expect(outcome(fire, answered, afterDue, 'system')).toEqual([]);
  });
});

describe('close an invalid complaint', () => {
  it('given an invalid complaint answered without a unified answer, when closed without an approved reply, then it is 422', () => {
    expect(refusal(outcome(close, after(complaint(), invalid)))).toMatchObject({ code: 'TICKET.REPLY_APPROVAL_REQUIRED', kind: 'invalid' });
  });

  it('given a supervisor approved the reply, when closed, then it closes', () => {
    const approved = after(complaint(), invalid);
    const withReply = evolveAll(approved, events(outcome({ action: 'approve_reply', text: '经核实不属于物业责任' }, approved, later, 'supervisor-1')))!;
    expect(withReply.approvedReply).toMatchObject({ text: '经核实不属于物业责任', by: 'supervisor-1' });
    expect(events(outcome(close, withReply)).map((e) => e.type)).toEqual(['closed']);
  });

  it('given an invalid complaint explained with a unified answer, when closed, then no approval is needed', () => {
    const answered = after(complaint(), { action: 'decide_validity', command: { type: 'decide_validity', decision: 'invalid', answerId: 'ans-1' } });
    expect(answered.unifiedAnswerId).toBe('ans-1');
    expect(events(outcome(close, answered)).map((e) => e.type)).toEqual(['closed']);
  });

  it('given a closed complaint, when a reply is approved, then it is 409', () => {
    const closed = after(complaint(), { action: 'decide_validity', command: { type: 'decide_validity', decision: 'invalid', answerId: 'ans-1' } }, close);
    expect(refusal(outcome({ action: 'approve_reply', text: '答复' }, closed))).toMatchObject({ code: 'TICKET.ILLEGAL_TRANSITION', kind: 'conflict' });
  });
});

describe('amend the record (补录)', () => {
  const amend = (change: { itemCode?: string; building?: string; room?: string; itemPlace?: 'room' | 'building' | 'none' }): TicketCommandData => ({ action: 'amend_record', ...change });
  const repair = () => opened('repair.own_unit');

  it('given a repair recorded without its place, when the building and room are given, then the record holds them and says what it held before', () => {
    const decided = events(outcome(amend({ building: '3栋', room: '1202' }), repair()));
    expect(decided).toEqual([{ type: 'record_amended', at: later, by: 'agent-7', building: '3栋', room: '1202', previous: {}, takenAsValid: false }]);
    expect(evolveAll(repair(), decided)!.unit).toEqual({ projectCode: 'P001', building: '3栋', room: '1202' });
  });

  it('given a matter misclassified, when its item is corrected, then its section follows and the old item is kept in the event', () => {
    const decided = events(outcome(amend({ itemCode: 'complaint.repair', room: '1202' }), after(repair(), amend({ room: '1202' }))));
    expect(decided).toEqual([expect.objectContaining({ type: 'record_amended', itemCode: 'complaint.repair', previous: { itemCode: 'repair.own_unit' } })]);
    expect(evolveAll(repair(), decided)).toMatchObject({ itemCode: 'complaint.repair', sectionCode: 'complaint' });
  });

  it('given a new item, then the ticket takes the place the catalogue asks of it, or its section’s when the catalogue said none; the place alone keeps it', () => {
    const moved = evolveAll(repair(), events(outcome(amend({ itemCode: 'complaint.service_quality', itemPlace: 'none' }), repair())))!;
    expect(moved.recordPlace).toBe('none');
    expect(evolveAll(moved, events(outcome(amend({ itemCode: 'repair.public_area' }), moved)))!.recordPlace).toBe('building');
    const roomOnly = events(outcome(amend({ room: '1202' }), moved));
    expect(roomOnly).toEqual([expect.not.objectContaining({ recordPlace: expect.anything() })]);
    expect(evolveAll(moved, roomOnly)!.recordPlace).toBe('none');
  });

  it('given values the record already holds, then nothing changes', () => {
    expect(events(outcome(amend({ itemCode: 'repair.own_unit' }), repair()))).toEqual([]);
  });

  it('given a major matter reclassified as a complaint, then it goes to the leaders as a major complaint', () => {
    const major = { ...repair(), grade: 'major' as const };
    expect(events(outcome(amend({ itemCode: 'complaint.construction_quality' }), major)).map((e) => e.type)).toEqual(['record_amended', 'escalated']);
  });

  it('given a major complaint, when it is moved out of complaints, then it is refused: it stays one, and the leaders are not told twice', () => {
    const major = { ...opened('complaint.service_quality'), grade: 'major' as const };
    expect(refusal(outcome(amend({ itemCode: 'consultation.other' }), major))).toMatchObject({ code: 'TICKET.MAJOR_COMPLAINT_STAYS', field: 'itemCode' });
    expect(events(outcome(amend({ itemCode: 'complaint.facilities' }), major)).map((e) => e.type)).toEqual(['record_amended']);
  });

  it('given a closed ticket, then it is refused: its record was judged when it closed', () => {
    const closed = { ...repair(), status: 'closed' as const, resolvedAt: later, closedAt: later };
    expect(refusal(outcome(amend({ room: '1202' }), closed))).toMatchObject({ code: 'TICKET.ILLEGAL_TRANSITION', kind: 'conflict' });
  });
});
