import { parseCalendar } from '@cs/business-calendar';
import { TicketReopenedV1, TicketResolvedV1 } from '@cs/contracts';
import { DomainError } from '@cs/ddd';
import { events, newMatter, refusal } from '../testing/decide-outcome';
import { type PlannedTimer, clockState } from './sla-clock';
import type { SlaPolicy } from './sla-policy';
import type { Ticket } from './ticket';
import type { CommandMetadata, NewMatter, TicketCommandData } from './ticket-commands';
import { REOPEN_REASON_MAX, RESOLUTION_MAX, decide } from './ticket-decide';
import type { TicketEvent } from './ticket-events';
import { TicketState, evolveAll } from './ticket-evolve';
import { timersFor } from './ticket-sla';
import { ALLOWED_FROM, LifecycleCommand, TicketStatus } from './ticket-lifecycle';

const hours = [['08:30', '12:00'], ['13:30', '17:30']];
const calendar = parseCalendar({
  timezone: 'Asia/Shanghai',
  workingHours: { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours, sat: [], sun: [] },
});
const cst = (local: string) => new Date(`${local}+08:00`);
const working = (amount: number, unit: 'hours' | 'days') => ({ amount, unit, basis: 'working' as const });

const policy: SlaPolicy = {
  id: 'complaints',
  name: 'Complaints',
  match: { sections: ['complaint'] },
  targets: { first_response: working(1, 'hours'), dispatch: working(2, 'hours'), resolution: working(2, 'days') },
  warnAt: [75],
  escalateToManagerAfter: working(1, 'days'),
  calendarId: 'default',
};

/** Monday 09:00, when the customer called. */
const opening = cst('2026-11-23T09:00:00');
const later = cst('2026-11-23T09:20:00');

const contact = newMatter({
  itemCode: 'complaint.service_quality',
  unit: { projectCode: 'P001', building: '3', room: '1202' },
  occurredAt: opening,
});

function when(data: TicketCommandData, state: TicketState, meta: Partial<CommandMetadata> = {}): TicketEvent[] | DomainError {
  return decide({ data, metadata: { at: later, by: 'agent-7', calendars: () => calendar, policy, ...meta } }, state);
}


function opened(matter: Partial<NewMatter> = {}): TicketEvent[] {
  const data: TicketCommandData = { action: 'open_from_contact', ticketId: 't-1', number: 'TK-20261123-000001', contact: { ...contact, ...matter }, policies: [policy] };
  return events(decide({ data, metadata: { at: opening, by: 'system', calendars: () => calendar } }, undefined));
}

/** The ticket after these events; `then` applies further commands' events in order. */
function given(...history: TicketEvent[][]): Ticket {
  const state = evolveAll(undefined, history.flat());
  if (!state) throw new Error('no ticket was opened');
  return state;
}

type Act = Exclude<LifecycleCommand, { readonly type: 'extend' }>;
const act = (command: Act, extra: { note?: string; grade?: 'general' | 'major' } = {}): TicketCommandData => ({ action: command.type, command, ...extra });
const valid = act({ type: 'decide_validity', decision: 'valid' });
const dispatch = act({ type: 'dispatch', department: 'engineering', handler: 'h-1' });
const reply = act({ type: 'reply', message: '已安排师傅' });
const pause = act({ type: 'pause', reason: '等待业主在家' });
const resume = act({ type: 'resume' });
const resolve = act({ type: 'resolve', resolution: '已修复' });
const close = act({ type: 'close' });
const reopen = act({ type: 'reopen', reason: '客户再次来电' });

/** The ticket after each command in turn, each decided on what the one before left. */
function after(state: Ticket, ...commands: TicketCommandData[]): Ticket {
  return commands.reduce((current, data) => evolveAll(current, events(when(data, current)))!, state);
}
const inProgress = () => after(given(opened()), dispatch, reply);
const resolvedTicket = () => after(given(opened()), resolve);

describe('open from contact', () => {
  it('given no ticket, when a contact raises a matter, then a ticket opens owned by the first-contact agent and timed by its policy', () => {
    const [first, ...rest] = opened();
    expect(rest).toEqual([]);
    expect(first).toMatchObject({ type: 'ticket_opened', ticket: { id: 't-1', status: 'new', ownerId: 'agent-7', sectionCode: 'complaint', policyId: 'complaints' } });
    const ticket = given([first!]);
    expect(ticket.clocks.map((c) => c.kind)).toEqual(['first_response', 'dispatch', 'resolution']);
    expect(ticket.clocks.every((c) => c.startedAt.getTime() === opening.getTime())).toBe(true);
  });

  it('given no ticket, when a major complaint comes in, then it goes to the supervisor and the leaders at once', () => {
    const outcome = opened({ grade: 'major' });
    expect(outcome.map((e) => e.type)).toEqual(['ticket_opened', 'escalated']);
    expect(outcome[1]).toMatchObject({ level: 1, reason: 'major_complaint', notify: { roles: ['supervisor', 'manager'], projectCode: 'P001', userIds: ['agent-7'] } });
    expect(given(outcome).escalationLevel).toBe(1);
  });

  it('given a major matter that is no complaint, when it comes in, then nobody is escalated to', () => {
    expect(opened({ grade: 'major', itemCode: 'repair.public_area' }).map((e) => e.type)).toEqual(['ticket_opened']);
  });

  it('given the ticket already opened, when the same contact is announced again, then nothing happens', () => {
    const data: TicketCommandData = { action: 'open_from_contact', ticketId: 't-1', number: 'TK-20261123-000002', contact, policies: [policy] };
    expect(when(data, given(opened()))).toEqual([]);
  });
});

describe('validity', () => {
  it('given a new ticket, when judged valid, then validity is decided and the ticket stays new', () => {
    const outcome = events(when(valid, given(opened())));
    expect(outcome).toEqual([expect.objectContaining({ type: 'validity_decided', decision: 'valid' })]);
    expect(given(opened(), outcome)).toMatchObject({ status: 'new', validity: 'valid' });
  });

  it('given a complaint, when judged valid and major, then it escalates to the leaders; the rule is the one used at opening', () => {
    const outcome = events(when(act({ type: 'decide_validity', decision: 'valid' }, { grade: 'major' }), given(opened())));
    expect(outcome.map((e) => e.type)).toEqual(['validity_decided', 'escalated']);
    expect(outcome[1]).toMatchObject({ reason: 'major_complaint', level: 1, by: 'agent-7' });
  });

  it('given a complaint escalated before for another reason, when judged valid and major, then the leaders hear of it at once, at the level it has', () => {
    for (const level of [1, 2] as const) {
      const escalated = events(when(act({ type: 'escalate', level }), given(opened())));
      expect(escalated).toEqual([expect.objectContaining({ type: 'escalated', level, reason: 'manual' })]);
      const outcome = events(when(act({ type: 'decide_validity', decision: 'valid' }, { grade: 'major' }), given(opened(), escalated)));
      expect(outcome.map((e) => e.type)).toEqual(['validity_decided', 'escalated']);
      expect(outcome[1]).toMatchObject({ reason: 'major_complaint', level, notify: { roles: ['supervisor', 'manager'] } });
      expect(given(opened(), escalated, outcome).escalationLevel).toBe(level);
    }
  });

  it('given a complaint, when judged invalid and major, then it is answered and resolved without escalating', () => {
    const outcome = events(when(act({ type: 'decide_validity', decision: 'invalid', answerId: 'ans-1' }, { grade: 'major' }), given(opened())));
    expect(outcome.map((e) => e.type)).toEqual(['validity_decided', 'resolved']);
    expect(given(opened(), outcome)).toMatchObject({ status: 'resolved', validity: 'invalid', resolution: 'answered with unified answer ans-1' });
  });

  it('given a new ticket, when judged out of scope, then it is resolved with where the customer was sent', () => {
    const outcome = events(when(act({ type: 'decide_validity', decision: 'out_of_scope', redirectTo: '12345 市民热线' }), given(opened())));
    expect(given(opened(), outcome).resolution).toBe('directed to 12345 市民热线');
  });

  it('given the longest place and reason the request takes, when judged out of scope, then the resolution is their beginning within the contract', () => {
    const redirectTo = '市'.repeat(200);
    const reason = '不属于物业服务范围'.repeat(222);
    const outcome = events(when(act({ type: 'decide_validity', decision: 'out_of_scope', redirectTo, reason }), given(opened())));
    const resolution = given(opened(), outcome).resolution ?? '';
    expect(Array.from(resolution)).toHaveLength(RESOLUTION_MAX);
    expect(resolution.startsWith(`directed to ${redirectTo}: 不属于`)).toBe(true);
    expect(resolution.endsWith('…')).toBe(true);
    expect(RESOLUTION_MAX).toBe(TicketResolvedV1.schema.properties.resolution.maxLength);
  });

  it.each([
    [{ type: 'decide_validity', decision: 'invalid' } as const, 'TICKET.ANSWER_REQUIRED', 'reason'],
    [{ type: 'decide_validity', decision: 'out_of_scope' } as const, 'TICKET.REDIRECT_REQUIRED', 'redirectTo'],
  ])('given a new ticket, when judged %j without saying why, then it is refused', (command, code, field) => {
    expect(refusal(when(act(command), given(opened())))).toMatchObject({ code, kind: 'invalid', field });
  });

  // Validity is judged for repairs and complaints a caller brought (domain.md, ADR 0166).
  const routine = (): Ticket => ({ ...given(opened({ itemCode: 'repair.public_area' })), origin: { kind: 'schedule', scheduleId: 'schedule-1', occurrenceOn: '2026-11-23' } });
  it.each<[string, () => Ticket]>([
    ['a consultation', () => given(opened({ itemCode: 'consultation.property_service' }))],
    ['a suggestion', () => given(opened({ itemCode: 'suggestion.general' }))],
    ['a consultation dispatched, valid on the desk', () => after(given(opened({ itemCode: 'consultation.property_service' })), dispatch)],
    ['a matter not yet classified', () => given(opened({ itemCode: undefined }))],
    ['routine work a schedule opened (周期工单)', routine],
  ])('given %s, when its validity is judged, then it is refused 422 naming decision and nothing happens', (_, unjudged) => {
    for (const judgement of [valid, act({ type: 'decide_validity', decision: 'invalid', reason: '不属于' }), act({ type: 'decide_validity', decision: 'out_of_scope', redirectTo: '供电局' })]) {
      expect(refusal(when(judgement, unjudged()))).toMatchObject({ code: 'TICKET.VALIDITY_NOT_JUDGED', kind: 'invalid', field: 'decision' });
    }
  });

  it('given a consultation reclassified a repair, when judged, then the judgement is taken', () => {
    const reclassified = after(given(opened({ itemCode: 'consultation.property_service' })), { action: 'amend_record', itemCode: 'repair.public_area' });
    expect(events(when(valid, reclassified))).toEqual([expect.objectContaining({ type: 'validity_decided', decision: 'valid' })]);
  });

  it('given validity decided, when decided again, then it is refused: validity is decided once', () => {
    const decided = after(given(opened()), valid);
    expect(refusal(when(valid, decided)).message).toMatch(/already decided/);
    expect(refusal(when(valid, after(decided, dispatch, reply))).message).toMatch(/already decided/);
  });

  it('given a matter answered before it was judged, when judged in progress, then the judgement is recorded', () => {
    const answered = after(given(opened()), reply);
    expect(answered).toMatchObject({ status: 'in_progress', validity: 'pending' });
    expect(after(answered, valid)).toMatchObject({ status: 'in_progress', validity: 'valid' });
  });

  it.each([
    ['invalid', act({ type: 'decide_validity', decision: 'invalid', reason: '不属于物业维修范围' })],
    ['out_of_scope', act({ type: 'decide_validity', decision: 'out_of_scope', redirectTo: '供电局' })],
  ])('given a matter judged %s and reopened because the customer disputes it, then it is judged again: valid, or dispatched as valid', (was, judgement) => {
    const judged = after(given(opened()), judgement);
    expect(judged).toMatchObject({ status: 'resolved', validity: was });
    const reopened = after(judged, reopen);
    expect(reopened).toMatchObject({ status: 'in_progress', validity: 'pending' });
    expect(events(when(valid, reopened))).toEqual([expect.objectContaining({ type: 'validity_decided', decision: 'valid' })]);
    expect(after(reopened, valid)).toMatchObject({ status: 'in_progress', validity: 'valid' });
    // The dispatch says it was the matter's valid decision: reporting counts it so (ADR 0163).
    expect(events(when(dispatch, reopened))).toEqual([expect.objectContaining({ type: 'dispatched', takenAsValid: true })]);
    expect(after(reopened, dispatch)).toMatchObject({ status: 'dispatched', validity: 'valid', department: 'engineering' });
    // Judged the same way again, it is explained and resolved again.
    expect(after(reopened, judgement)).toMatchObject({ status: 'resolved', validity: was });
  });

  it('given a valid matter reopened, then its judgement stands', () => {
    expect(after(inProgress(), resolve, reopen)).toMatchObject({ status: 'in_progress', validity: 'valid' });
  });

  // The KPIs stop counting a withdrawn judgement: the reopening tells it (ADR 0166).
  it.each<[string, () => Ticket, boolean]>([
    ['judged invalid', () => after(given(opened()), act({ type: 'decide_validity', decision: 'invalid', reason: '不属于物业维修范围' })), true],
    ['judged out of scope', () => after(given(opened()), act({ type: 'decide_validity', decision: 'out_of_scope', redirectTo: '供电局' })), true],
    ['judged valid', () => after(inProgress(), resolve), false],
    ['never judged', () => after(given(opened({ itemCode: 'consultation.property_service' })), resolve), false],
  ])('given a matter %s and resolved, when reopened, by hand or by a dissatisfied callback, then the reopening tells whether it withdrew the judgement', (_, handled, withdrawn) => {
    expect(events(when(reopen, handled()))).toEqual([expect.objectContaining({ type: 'reopened', validityWithdrawn: withdrawn })]);
    const callback: TicketCommandData = { action: 'reopen_on_callback', satisfied: false, comment: '不认可' };
    expect(events(when(callback, handled()))).toEqual([expect.objectContaining({ type: 'reopened', validityWithdrawn: withdrawn })]);
  });
});

describe('dispatch, reply, pause, resume', () => {
  it('given a new ticket, when dispatched, then it is valid, with the department, and the dispatch clock is met', () => {
    const outcome = events(when(dispatch, given(opened())));
    expect(outcome).toEqual([expect.objectContaining({ type: 'dispatched', department: 'engineering', handler: 'h-1', takenAsValid: true })]);
    const ticket = given(opened(), outcome);
    expect(ticket).toMatchObject({ status: 'dispatched', validity: 'valid', department: 'engineering', dispatchedAt: later });
    expect(ticket.clocks.find((c) => c.kind === 'dispatch')?.metAt).toEqual(later);
  });

  it('given a new repair, when dispatched unjudged, then the dispatch is its judged valid decision', () => {
    const repair = given(opened({ itemCode: 'repair.public_area' }));
    expect(events(when(dispatch, repair))).toEqual([expect.objectContaining({ type: 'dispatched', takenAsValid: true })]);
    expect(after(repair, dispatch)).toMatchObject({ status: 'dispatched', validity: 'valid' });
  });

  // Validity is judged for repairs and complaints a caller brought (domain.md); the desk still takes any pending matter dispatched as valid (ADR 0081).
  it.each<[string, () => Ticket]>([
    ['a consultation', () => given(opened({ itemCode: 'consultation.property_service' }))],
    ['a matter not yet classified', () => given(opened({ itemCode: undefined }))],
    ['routine work a schedule opened (周期工单)', () => ({ ...given(opened({ itemCode: 'repair.public_area' })), origin: { kind: 'schedule', scheduleId: 'schedule-1', occurrenceOn: '2026-11-23' } })],
  ])('given %s, when dispatched, then it shows valid on the desk but the dispatch is no judged valid decision (ADR 0163)', (_, pending) => {
    expect(events(when(dispatch, pending()))).toEqual([expect.objectContaining({ type: 'dispatched', takenAsValid: false })]);
    expect(after(pending(), dispatch)).toMatchObject({ status: 'dispatched', validity: 'valid' });
  });

  // 补录 after the dispatch: the dispatch becomes the valid decision the KPIs count (ADR 0166).
  const toRepair = { action: 'amend_record', itemCode: 'repair.public_area' } as const;
  const amended = (ticket: Ticket, amendment: TicketCommandData = toRepair) => events(when(amendment, ticket)).find((e) => e.type === 'record_amended');
  it.each<[string, () => Ticket]>([
    ['a consultation dispatched', () => after(given(opened({ itemCode: 'consultation.property_service' })), dispatch)],
    ['a matter not yet classified dispatched', () => after(given(opened({ itemCode: undefined })), dispatch)],
    ['a suggestion dispatched', () => after(given(opened({ itemCode: 'suggestion.general' })), dispatch)],
  ])('given %s, when reclassified a repair or complaint, then the amendment takes it as valid', (_, dispatched) => {
    expect(amended(dispatched())).toMatchObject({ takenAsValid: true, itemCode: 'repair.public_area' });
    expect(amended(dispatched(), { action: 'amend_record', itemCode: 'complaint.service_quality' })).toMatchObject({ takenAsValid: true });
  });

  it.each<[string, () => Ticket, TicketCommandData?]>([
    ['a consultation never dispatched', () => given(opened({ itemCode: 'consultation.property_service' }))],
    ['a repair judged valid, now a complaint', () => after(given(opened({ itemCode: 'repair.public_area' })), valid), { action: 'amend_record', itemCode: 'complaint.service_quality' }],
    ['a repair dispatched, now a consultation', () => after(given(opened({ itemCode: 'repair.public_area' })), dispatch), { action: 'amend_record', itemCode: 'consultation.property_service' }],
    ['a consultation dispatched, now another consultation', () => after(given(opened({ itemCode: 'consultation.property_service' })), dispatch), { action: 'amend_record', itemCode: 'consultation.projects' }],
    ['a consultation dispatched, its room only amended', () => after(given(opened({ itemCode: 'consultation.property_service' })), dispatch), { action: 'amend_record', room: '1203' }],
    ['routine work a schedule opened, dispatched', () => ({ ...after(given(opened({ itemCode: 'consultation.property_service' })), dispatch), origin: { kind: 'schedule', scheduleId: 'schedule-1', occurrenceOn: '2026-11-23' } })],
  ])('given %s, when its record is amended, then the amendment is no valid decision', (_, ticket, amendment = toRepair) => {
    expect(amended(ticket(), amendment)).toMatchObject({ takenAsValid: false });
  });

  it('given a matter judged valid, when dispatched, then the dispatch is not its validity decision', () => {
    const judged = after(given(opened()), valid);
    expect(events(when(dispatch, judged))).toEqual([expect.objectContaining({ type: 'dispatched', takenAsValid: false })]);
    expect(events(when(dispatch, after(judged, dispatch)))).toEqual([expect.objectContaining({ type: 'dispatched', takenAsValid: false })]);
  });

  it('given a dispatched ticket, when the customer is first answered, then it is a first reply and the ticket is in progress', () => {
    const dispatched = after(given(opened()), dispatch);
    const outcome = events(when(reply, dispatched));
    expect(outcome).toEqual([expect.objectContaining({ type: 'replied', firstReply: true })]);
    expect(evolveAll(dispatched, outcome)).toMatchObject({ status: 'in_progress', firstRepliedAt: later });
  });

  it('given a ticket already answered, when replied again, then it is not a first reply', () => {
    expect(events(when(reply, inProgress()))).toEqual([expect.objectContaining({ firstReply: false })]);
  });

  it('given a ticket in progress, when waiting on the customer, then it awaits them and its running clocks stand still', () => {
    const outcome = events(when(pause, inProgress()));
    expect(outcome).toEqual([expect.objectContaining({ type: 'paused', reason: '等待业主在家' })]);
    const paused = evolveAll(inProgress(), outcome)!;
    expect(paused.status).toBe('awaiting_customer');
    expect(paused.clocks.find((c) => c.kind === 'resolution')?.pauses).toEqual([{ from: later }]);
  });

  it('given a ticket awaiting the customer, when work resumes, then it is in progress and the pause ends', () => {
    const paused = after(inProgress(), pause);
    const resumedAt = cst('2026-11-23T10:00:00');
    const outcome = events(when(resume, paused, { at: resumedAt }));
    expect(outcome).toEqual([expect.objectContaining({ type: 'resumed' })]);
    const resumed = evolveAll(paused, outcome)!;
    expect(resumed.status).toBe('in_progress');
    expect(resumed.clocks.find((c) => c.kind === 'resolution')?.pauses).toEqual([{ from: later, to: resumedAt }]);
  });
});

describe('resolve, close, reopen', () => {
  it('given a ticket in progress, when resolved in time, then every clock is met and nothing was breached', () => {
    const outcome = events(when(resolve, inProgress()));
    expect(outcome).toEqual([expect.objectContaining({ type: 'resolved', resolution: '已修复', breached: false })]);
    expect(evolveAll(inProgress(), outcome)!.clocks.every((c) => c.metAt !== undefined)).toBe(true);
  });

  it('given a new ticket never dispatched, when resolved after its dispatch deadline, then the resolution says a clock was breached', () => {
    expect(events(when(resolve, given(opened()), { at: cst('2026-11-23T13:00:00') }))).toEqual([expect.objectContaining({ breached: true })]);
  });

  it('given a resolved ticket, when closed, then it is closed', () => {
    const outcome = events(when(close, resolvedTicket()));
    expect(outcome).toEqual([expect.objectContaining({ type: 'closed' })]);
    expect(evolveAll(resolvedTicket(), outcome)).toMatchObject({ status: 'closed', closedAt: later });
  });

  it('given a resolved ticket, when reopened, then it is in progress again with a new resolution clock from now', () => {
    const reopenedAt = cst('2026-11-24T09:00:00');
    const outcome = events(when(reopen, resolvedTicket(), { at: reopenedAt }));
    expect(outcome).toEqual([expect.objectContaining({ type: 'reopened', reason: '客户再次来电', reopenCount: 1 })]);
    const reopened = evolveAll(resolvedTicket(), outcome)!;
    expect(reopened).toMatchObject({ status: 'in_progress', reopenCount: 1, resolvedAt: undefined, resolution: undefined });
    const resolution = reopened.clocks.find((c) => c.kind === 'resolution');
    expect(resolution).toMatchObject({ startedAt: reopenedAt, target: working(2, 'days') });
    expect(resolution?.metAt).toBeUndefined();
  });
});

describe('extend and promise', () => {
  const extend = (customerInformedAt: Date): TicketCommandData => ({
    action: 'extend',
    clock: 'resolution',
    by: working(1, 'days'),
    reason: '配件未到',
    customerInformedAt,
  });

  it('given a running resolution clock, when extended after telling the customer, then the deadline moves a working day', () => {
    const outcome = events(when(extend(later), inProgress()));
    expect(outcome).toEqual([
      expect.objectContaining({ type: 'deadline_extended', clock: 'resolution', extensionCount: 1, newDueAt: cst('2026-11-26T17:30:00') }),
    ]);
    expect(evolveAll(inProgress(), outcome)!.clocks.find((c) => c.kind === 'resolution')?.extensions).toHaveLength(1);
  });

  it('given a resolution clock warned at 75 %, when extended a working day, then its warning is given again before the later deadline', () => {
    const warnedAt = cst('2026-11-25T10:30:00');
    const warning = { clock: 'resolution' as const, kind: 'warning' as const, threshold: 75, fireAt: warnedAt };
    const warned = evolveAll(inProgress(), events(when({ action: 'fire_sla_timers', timers: [warning] }, inProgress(), { at: warnedAt, by: 'system' })))!;
    expect(warned.clocks.find((c) => c.kind === 'resolution')?.warned).toEqual([75]);
    const at = cst('2026-11-25T11:00:00');
    const outcome = events(when(extend(at), warned, { at }));
    expect(outcome).toEqual([expect.objectContaining({ type: 'deadline_extended', newDueAt: cst('2026-11-26T17:30:00'), warned: [] })]);
    const extended = evolveAll(warned, outcome)!;
    expect(extended.clocks.find((c) => c.kind === 'resolution')?.warned).toEqual([]);
    // 29.5 working hours from Monday 09:00 to Thursday 17:30: 75 % is Thursday 08:37:30.
    expect(timersFor(() => calendar, extended, policy, at).filter((t) => t.clock === 'resolution' && t.kind === 'warning')).toEqual([
      { clock: 'resolution', kind: 'warning', threshold: 75, fireAt: cst('2026-11-26T08:37:30') },
    ]);
  });

  it('given a running clock, when the customer was told only after its deadline, then the extension is refused', () => {
    const afterDeadline = cst('2026-11-25T17:45:00');
    expect(refusal(when(extend(afterDeadline), inProgress(), { at: cst('2026-11-25T17:00:00') })).code).toBe('SLA.INFORMED_IN_FUTURE');
  });

  it('given a resolved ticket, when extended, then it is refused: its clocks have stopped', () => {
    expect(refusal(when(extend(later), resolvedTicket())).code).toBe('SLA.CLOCK_STOPPED');
  });

  it('given a new ticket, when a reply within 30 minutes is promised, then the first-response clock is due then', () => {
    const outcome = events(when({ action: 'promise', tier: '30m' }, given(opened())));
    expect(outcome).toEqual([expect.objectContaining({ type: 'reply_promised', tier: '30m', dueAt: cst('2026-11-23T09:30:00') })]);
    expect(evolveAll(given(opened()), outcome)).toMatchObject({ promisedReply: '30m' });
  });

  it('given a customer already answered, when a reply is promised, then it is refused', () => {
    expect(refusal(when({ action: 'promise', tier: '1d' }, inProgress())).code).toBe('SLA.ALREADY_REPLIED');
  });

  it('given a promise that has already passed, when made, then it is refused naming the tier', () => {
    expect(refusal(when({ action: 'promise', tier: '10m' }, given(opened())))).toMatchObject({ code: 'SLA.PROMISE_IN_PAST', field: 'tier' });
  });

  it('given a resolved ticket, when a reply is promised, then it is an illegal transition', () => {
    expect(refusal(when({ action: 'promise', tier: '1d' }, resolvedTicket())).code).toBe('TICKET.ILLEGAL_TRANSITION');
  });
});

describe('escalate', () => {
  it('given a ticket at level 0, when escalated with a note, then the supervisor is told', () => {
    const outcome = events(when(act({ type: 'escalate' }, { note: '业主情绪激动' }), inProgress()));
    expect(outcome).toEqual([
      expect.objectContaining({ type: 'escalated', level: 1, reason: 'manual', note: '业主情绪激动', notify: expect.objectContaining({ roles: ['supervisor'] }) }),
    ]);
  });

  it('without a level an escalation goes one level up, to the manager at most', () => {
    const once = after(inProgress(), act({ type: 'escalate' }));
    const twice = after(once, act({ type: 'escalate' }));
    expect([once.escalationLevel, twice.escalationLevel]).toEqual([1, 2]);
    expect(when(act({ type: 'escalate' }), twice)).toEqual([]);
  });

  it('given a ticket with the manager, when escalated to the supervisor, then nothing happens: escalation only rises', () => {
    const atManager = after(inProgress(), act({ type: 'escalate', level: 2 }));
    expect(when(act({ type: 'escalate', level: 1 }), atManager)).toEqual([]);
    expect(atManager.escalationLevel).toBe(2);
  });
});

describe('follow-up contacts (ADR 0009)', () => {
  const followUp = (alreadyLinked = false): TicketCommandData => ({
    action: 'link_follow_up',
    contactId: 'c-2',
    channel: 'wechat',
    reason: 'same_item_open_ticket',
    alreadyLinked,
  });

  it('given an open ticket, when intake routes a contact to it, then it counts as a repeat contact', () => {
    const outcome = events(when(followUp(), inProgress()));
    expect(outcome).toEqual([expect.objectContaining({ type: 'follow_up_linked', contactId: 'c-2', ticketStatus: 'in_progress' })]);
    expect(evolveAll(inProgress(), outcome)!.repeatContactCount).toBe(1);
  });

  it('given the contact already linked, when its follow-up arrives again, then it counts once', () => {
    expect(when(followUp(true), inProgress())).toEqual([]);
  });

  it('given the ticket was resolved before the follow-up arrived, when it arrives, then it is recorded on that ticket, which stays resolved', () => {
    const outcome = events(when(followUp(), resolvedTicket()));
    expect(outcome).toEqual([expect.objectContaining({ type: 'follow_up_linked', ticketStatus: 'resolved' })]);
    expect(evolveAll(resolvedTicket(), outcome)).toMatchObject({ status: 'resolved', repeatContactCount: 1 });
  });

  it('given no ticket yet, when a follow-up arrives, then it is refused as not found, to be retried once the ticket opens', () => {
    expect(refusal(when(followUp(), undefined))).toMatchObject({ code: 'TICKET.NOT_FOUND', kind: 'not_found' });
  });
});

describe('回访 callback verdicts', () => {
  it('given a closed ticket, when the customer is dissatisfied at the callback, then it is reopened with the comment', () => {
    const closed = after(resolvedTicket(), close);
    const outcome = events(when({ action: 'reopen_on_callback', satisfied: false, comment: '还是漏水' }, closed, { by: 'agent-9' }));
    expect(outcome).toEqual([expect.objectContaining({ type: 'reopened', reason: '回访不满意：还是漏水', by: 'agent-9', reopenCount: 1 })]);
  });

  it('given the longest comment a callback takes, when the customer is dissatisfied, then the reason is its beginning within the contract, cut between characters', () => {
    const closed = after(resolvedTicket(), close);
    const comment = `${'电梯仍有异响'.repeat(166)}🙁🙁🙁🙁`;
    expect(Array.from(comment)).toHaveLength(1_000);
    const outcome = events(when({ action: 'reopen_on_callback', satisfied: false, comment }, closed, { by: 'agent-9' }));
    const reason = (outcome[0] as Extract<TicketEvent, { type: 'reopened' }>).reason;
    expect(Array.from(reason)).toHaveLength(REOPEN_REASON_MAX);
    expect(reason).toBe(`回访不满意：${Array.from(comment).slice(0, REOPEN_REASON_MAX - 7).join('')}…`);
    expect(REOPEN_REASON_MAX).toBe(TicketReopenedV1.schema.properties.reason.maxLength);
  });

  it('given a resolved ticket, when the customer is satisfied, then nothing happens', () => {
    expect(when({ action: 'reopen_on_callback', satisfied: true }, resolvedTicket())).toEqual([]);
  });

  it('given a ticket already back in progress, when a dissatisfied verdict arrives, then it stays as it is', () => {
    expect(when({ action: 'reopen_on_callback', satisfied: false }, inProgress())).toEqual([]);
  });
});

describe('SLA timers', () => {
  const timer = (kind: PlannedTimer['kind'], fireAt: Date, clock: PlannedTimer['clock'] = 'dispatch'): PlannedTimer => ({ clock, kind, threshold: kind === 'warning' ? 75 : 100, fireAt });
  const fire = (state: Ticket, ...timers: PlannedTimer[]) => when({ action: 'fire_sla_timers', timers }, state, { by: 'system' });

  it('given a running clock, when its warning fires, then the agent is warned and the threshold is remembered', () => {
    const outcome = events(fire(given(opened()), timer('warning', cst('2026-11-23T10:30:00'))));
    expect(outcome).toEqual([
      expect.objectContaining({ type: 'sla_warned', clock: 'dispatch', threshold: 75, dueAt: cst('2026-11-23T11:00:00'), by: 'system', at: cst('2026-11-23T10:30:00') }),
    ]);
    expect(evolveAll(given(opened()), outcome)!.clocks.find((c) => c.kind === 'dispatch')?.warned).toEqual([75]);
  });

  it('given a threshold planned twice (a policy that listed it twice, before such were refused), when both fire together, then the agent is warned once', () => {
    const twice = given(opened()).clocks.map((c) => ({ ...c, warnAt: [75, 75] }));
    const ticket = { ...given(opened()), clocks: twice };
    const warning = timer('warning', cst('2026-11-23T10:30:00'));
    expect(events(fire(ticket, warning, warning)).map((e) => e.type)).toEqual(['sla_warned']);
    const warned = evolveAll(ticket, events(fire(ticket, warning)))!;
    expect(fire(warned, warning)).toEqual([]);
  });

  it('given a ticket at level 0, when a breach fires, then it is breached and escalated to the supervisor', () => {
    const outcome = events(fire(given(opened()), timer('breach', cst('2026-11-23T11:00:00'))));
    expect(outcome.map((e) => e.type)).toEqual(['sla_breached', 'escalated']);
    expect(outcome[1]).toMatchObject({ level: 1, reason: 'sla_breached', note: `dispatch due ${cst('2026-11-23T11:00:00').toISOString()}` });
  });

  it('given two breaches firing together, when they fire, then only the first escalates', () => {
    const outcome = events(fire(given(opened()), timer('breach', cst('2026-11-23T10:00:00'), 'first_response'), timer('breach', cst('2026-11-23T11:00:00'))));
    expect(outcome.map((e) => e.type)).toEqual(['sla_breached', 'escalated', 'sla_breached']);
  });

  it('given a breach left open, when the manager timer fires, then the manager is told; not twice', () => {
    const breached = evolveAll(given(opened()), events(fire(given(opened()), timer('breach', cst('2026-11-23T11:00:00')))))!;
    const outcome = events(fire(breached, timer('escalate_manager', cst('2026-11-24T11:00:00'))));
    expect(outcome).toEqual([expect.objectContaining({ type: 'escalated', level: 2, reason: 'breach_unresolved' })]);
    expect(fire(evolveAll(breached, outcome)!, timer('escalate_manager', cst('2026-11-24T11:00:00')))).toEqual([]);
  });

  it('given a clock not breached (its deadline moved later since the timer was planned), when the manager timer fires, then nobody is told', () => {
    expect(fire(given(opened()), timer('escalate_manager', cst('2026-11-24T11:00:00')))).toEqual([]);
  });

  it('given a met clock, when its timer fires late, then nothing happens', () => {
    expect(fire(inProgress(), timer('breach', cst('2026-11-23T11:00:00')))).toEqual([]);
  });
});

describe('on site (上门)', () => {
  const onSite: SlaPolicy = { ...policy, targets: { ...policy.targets, on_site: { amount: 24, unit: 'hours', basis: 'calendar' } } };
  const repair = () => given(events(decide({ data: { action: 'open_from_contact', ticketId: 't-2', number: 'TK-20261123-000002', contact, policies: [onSite] }, metadata: { at: opening, by: 'system', calendars: () => calendar } }, undefined)));
  const arrive = (arrivedAt?: Date) => act({ type: 'arrive', ...(arrivedAt ? { arrivedAt } : {}) });
  const clock = (t: Ticket) => t.clocks.find((c) => c.kind === 'on_site');

  it('given a policy promising the handler on site, then the clock runs from receipt and the handler’s arrival meets it when it happened, and work starts', () => {
    const dispatched = after(repair(), dispatch);
    expect(clock(dispatched)).toMatchObject({ startedAt: opening, target: { amount: 24, unit: 'hours' } });
    expect(clock(dispatched)!.metAt).toBeUndefined();
    const [arrivedAt, reportedAt] = [cst('2026-11-23T09:45:00'), cst('2026-11-23T10:00:00')];
    const decided = events(when(arrive(arrivedAt), dispatched, { at: reportedAt }));
    expect(decided).toEqual([{ type: 'arrived_on_site', at: reportedAt, by: 'agent-7', arrivedAt, breached: false }]);
    const there = evolveAll(dispatched, decided)!;
    expect([there.status, there.onSiteAt, clock(there)!.metAt]).toEqual(['in_progress', arrivedAt, arrivedAt]);
    // Only its own clock: the reply and the resolution still run.
    expect(there.clocks.filter((c) => c.metAt).map((c) => c.kind).sort()).toEqual(['dispatch', 'on_site']);
  });

  it('given no time said, then the arrival is now; a second arrival is refused (409): later visits are work on the matter', () => {
    const there = after(repair(), dispatch, arrive());
    expect(there.onSiteAt).toEqual(later);
    expect(refusal(when(arrive(), there))).toMatchObject({ code: 'TICKET.ILLEGAL_TRANSITION', kind: 'conflict' });
  });

  it('given an arrival in the future or before the dispatch, then it is refused naming arrivedAt', () => {
    const dispatched = after(repair(), dispatch);
    expect(refusal(when(arrive(new Date(later.getTime() + 5 * 60_000)), dispatched))).toMatchObject({ code: 'TICKET.ARRIVAL_IN_FUTURE', kind: 'invalid', field: 'arrivedAt' });
    // A handset a few seconds ahead of the server tells an arrival that is now.
    expect(events(when(arrive(new Date(later.getTime() + 30_000)), dispatched))).toEqual([expect.objectContaining({ arrivedAt: later })]);
    expect(refusal(when(arrive(cst('2026-11-23T09:10:00')), dispatched, { at: cst('2026-11-23T10:00:00') }))).toMatchObject({ code: 'TICKET.ARRIVAL_BEFORE_DISPATCH', field: 'arrivedAt' });
  });

  it('given a matter resolved before an arrival was told and reopened, then an arrival is refused: the resolution met the clock', () => {
    const reopened = after(repair(), dispatch, resolve, reopen);
    expect(clock(reopened)!.metAt).toEqual(later);
    expect(refusal(when(arrive(), reopened))).toMatchObject({ code: 'TICKET.ILLEGAL_TRANSITION' });
  });

  it('given the handler arrived after the promised time, then the clock shows it breached', () => {
    const dispatched = after(repair(), dispatch);
    const late = cst('2026-11-24T10:00:00');
    const told = events(when(arrive(late), dispatched, { at: late }));
    const there = evolveAll(dispatched, told)!;
    expect(clockState(calendar, clock(there)!)).toBe('breached');
    // 上门及时率: the arrival says it was late, as the desk shows it.
    expect(told).toEqual([expect.objectContaining({ type: 'arrived_on_site', breached: true })]);
  });

  it('given an arrival in time told after the breach fired, then it says late, as the desk shows the clock breached', () => {
    const dispatched = after(repair(), dispatch);
    const due = cst('2026-11-24T09:00:00');
    const breach = events(when({ action: 'fire_sla_timers', timers: [{ clock: 'on_site', kind: 'breach', threshold: 100, fireAt: due }] }, dispatched, { at: due, by: 'system' }));
    expect(breach.map((e) => e.type)).toContain('sla_breached');
    const breached = evolveAll(dispatched, breach)!;
    const told = events(when(arrive(cst('2026-11-24T08:30:00')), breached, { at: cst('2026-11-24T09:30:00') }));
    expect(told).toEqual([expect.objectContaining({ type: 'arrived_on_site', breached: true })]);
    expect(clockState(calendar, clock(evolveAll(breached, told)!)!)).toBe('breached');
  });

  it('given a policy promising no on-site time, then the arrival tells no verdict: there was no clock to meet', () => {
    const noOnSite = given(opened());
    expect(events(when(arrive(), after(noOnSite, dispatch)))).toEqual([{ type: 'arrived_on_site', at: later, by: 'agent-7', arrivedAt: later }]);
  });
});

describe('转发 timeliness told by the dispatch', () => {
  const dispatched = (state: Ticket, at: Date) => events(when(dispatch, state, { at }));

  it('given the dispatch clock running, then the dispatch says whether it met it in time; late even before the breach timer fired', () => {
    expect(dispatched(given(opened()), later)).toEqual([expect.objectContaining({ type: 'dispatched', breached: false })]);
    // Due 11:00 (two working hours from 09:00); the breach timer has not fired yet.
    expect(dispatched(given(opened()), cst('2026-11-23T11:30:00'))).toEqual([expect.objectContaining({ type: 'dispatched', breached: true })]);
  });

  it('given a dispatch that meets no clock (a second dispatch, or a policy with no dispatch target), then it tells no verdict', () => {
    const once = after(given(opened()), dispatch);
    expect(dispatched(once, cst('2026-11-23T10:00:00'))[0]).not.toHaveProperty('breached');
    const noTarget = { ...given(opened()), clocks: given(opened()).clocks.filter((c) => c.kind !== 'dispatch') };
    expect(dispatched(noTarget, later)[0]).not.toHaveProperty('breached');
  });

  it('given a ticket an incident stands for, then neither its dispatch nor its arrival tells a verdict: the incident is timed in its place', () => {
    const joined: Ticket = { ...given(opened()), incidentId: 'i-1', reopensWhenJoined: 0 };
    expect(dispatched(joined, cst('2026-11-23T11:30:00'))[0]).not.toHaveProperty('breached');
    const onSite = { ...after(joined, dispatch), clocks: [...joined.clocks, { ...joined.clocks[0]!, kind: 'on_site' as const }] };
    expect(events(when(act({ type: 'arrive' }), onSite))[0]).not.toHaveProperty('breached');
  });

  it('given routine work a schedule opened (周期工单), then its dispatch tells no verdict: nobody at a desk passed it on', () => {
    const routine: Ticket = { ...given(opened()), origin: { kind: 'schedule', scheduleId: 'schedule-1', occurrenceOn: '2026-11-23' } };
    expect(dispatched(routine, cst('2026-11-23T11:30:00'))[0]).not.toHaveProperty('breached');
  });
});

describe('the ticket state machine', () => {
  it('walks the whole happy path: new → valid → dispatched → in progress ⇄ awaiting → resolved → closed', () => {
    const states = [valid, dispatch, reply, pause, resume, resolve, close].reduce<Ticket[]>((acc, data) => [...acc, after(acc[acc.length - 1]!, data)], [
      given(opened()),
    ]);
    expect(states.map((s) => s.status)).toEqual(['new', 'new', 'dispatched', 'in_progress', 'awaiting_customer', 'in_progress', 'resolved', 'closed']);
    expect(states[1]!.validity).toBe('valid');
    expect(states[3]!.firstRepliedAt).toEqual(later);
  });

  const sample: Record<Exclude<LifecycleCommand['type'], 'extend'>, TicketCommandData> = {
    decide_validity: valid,
    dispatch,
    reply,
    arrive: act({ type: 'arrive' }),
    pause,
    resume,
    resolve,
    close,
    reopen,
    escalate: act({ type: 'escalate', level: 1 }),
  };
  const STATUSES: TicketStatus[] = ['new', 'dispatched', 'in_progress', 'awaiting_customer', 'resolved', 'closed'];
  // Every (status, command) pair not in the table is refused with 409, so the table is the whole truth.
  const pairs = STATUSES.flatMap((status) => (Object.keys(sample) as (keyof typeof sample)[]).map((type) => [status, type] as const));
  it.each(pairs.filter(([status, type]) => !ALLOWED_FROM[type].includes(status)))('refuses %s → %s', (status, type) => {
    const error = refusal(when(sample[type], { ...given(opened()), status }));
    expect(error).toMatchObject({ code: 'TICKET.ILLEGAL_TRANSITION', kind: 'conflict', details: { currentStatus: status, command: type } });
  });
});
