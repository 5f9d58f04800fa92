import { OFFICE_WEEK, parseCalendar } from '@cs/business-calendar';
import { DomainError } from '@cs/ddd';
import { events, newMatter, refusal } from '../testing/decide-outcome';
import type { SlaDuration } from './sla-duration';
import type { SlaPolicy } from './sla-policy';
import type { Ticket } from './ticket';
import type { CommandMetadata, TicketCommandData } from './ticket-commands';
import { decide } from './ticket-decide';
import type { TicketEvent } from './ticket-events';
import { evolveAll } from './ticket-evolve';
import type { CapExceptionRequest } from './ticket-request';
import { dueAt, planTimers, startClock } from './sla-clock';
import { assertReplyWithinCaps, openingPlan, promisedClock, startClocks, timersFor } from './ticket-sla';

const calendar = parseCalendar({ timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK });
const calendars = () => calendar;
const cst = (local: string) => new Date(`${local}+08:00`);
const wd = (amount: number): SlaDuration => ({ amount, unit: 'days', basis: 'working' });

/** Monday 2026-11-23 09:00: the customer asked; the consultation cap is Thursday's close, 17:30. */
const received = cst('2026-11-23T09:00:00');
const capAt = cst('2026-11-26T17:30:00');
const now = cst('2026-11-23T10:00:00');

const consultationPolicy: SlaPolicy = {
  id: 'consultation',
  name: '咨询',
  match: { sections: ['consultation'] },
  targets: { first_response: wd(1), resolution: wd(3) },
  warnAt: [75, 90],
  calendarId: 'default',
};

const openedWith = (policy: SlaPolicy, itemCode = 'consultation.property_service'): TicketCommandData => ({
  action: 'open_from_contact',
  ticketId: 't-1',
  number: 'TK-20261123-000001',
  contact: newMatter({ itemCode, occurredAt: received }),
  policies: [policy],
});

function opened(itemCode: string): TicketEvent[] {
  const data = openedWith({ ...consultationPolicy, match: {} }, itemCode);
  const outcome = decide({ data, metadata: { at: received, by: 'system', calendars } }, undefined);
  if (outcome instanceof DomainError) throw outcome;
  return outcome;
}

function given(...history: TicketEvent[][]): Ticket {
  const ticket = evolveAll(undefined, history.flat());
  if (!ticket) throw new Error('no ticket was opened');
  return ticket;
}

function when(data: TicketCommandData, state: Ticket, by = 'agent-7', meta: Partial<CommandMetadata> = {}): TicketEvent[] | DomainError {
  return decide({ data, metadata: { at: now, by, calendars, policy: consultationPolicy, ...meta } }, state);
}


const extend = (clock: 'first_response' | 'resolution', days: number, exception?: CapExceptionRequest): TicketCommandData => ({
  action: 'extend',
  clock,
  by: wd(days),
  reason: '需相关部门核实',
  customerInformedAt: now,
  ...(exception ? { exception } : {}),
});
const approved = { reason: '涉及历史遗留问题，须法务意见' };

const consultation = () => given(opened('consultation.property_service'));

describe('a consultation first reply stays within 3 working days of receipt', () => {
  it.each([
    ['a fallback policy of 5 working days', { amount: 5, unit: 'days', basis: 'working' }],
    ['40 working hours', { amount: 40, unit: 'hours', basis: 'working' }],
    ['a week', { amount: 7, unit: 'days', basis: 'calendar' }],
  ] as const)('given %s for its first reply, when a consultation opens, then its reply is due at the cap', (_case, first_response) => {
    const ticket = given(events(decide({ data: openedWith({ ...consultationPolicy, match: {}, targets: { first_response } }), metadata: { at: received, by: 'system', calendars } }, undefined)));
    const clock = ticket.clocks.find((c) => c.kind === 'first_response')!;
    expect(dueAt(calendar, clock, received)).toEqual(capAt);
  });

  it('given a policy within the cap, when a consultation opens, then its own target stands', () => {
    const clock = startClocks(consultationPolicy, consultation(), calendar).find((c) => c.kind === 'first_response')!;
    expect(clock.target).toEqual(wd(1));
  });

  it('given a consultation due in 1 working day, when its first reply is extended to exactly the cap, then the extension stands without approval', () => {
    const outcome = events(when(extend('first_response', 2), consultation()));
    expect(outcome).toEqual([expect.objectContaining({ type: 'deadline_extended', newDueAt: capAt })]);
    expect(outcome[0]).not.toHaveProperty('capException');
  });

  it('given a consultation, when its first reply is extended past the cap without approval, then it is refused naming the amount and the cap', () => {
    expect(refusal(when(extend('first_response', 6), consultation()))).toMatchObject({
      code: 'TICKET.CAP_EXCEEDED',
      kind: 'invalid',
      field: 'workingDays',
      details: expect.objectContaining({ cap: 'consultation_reply', limit: wd(3), capAt: capAt.toISOString(), exceptionAllowed: true }),
    });
  });

  it('given a consultation, when the reply is extended past the cap with approval but past the resolution deadline, then it is still refused', () => {
    expect(refusal(when(extend('first_response', 6, approved), consultation(), 'supervisor-1'))).toMatchObject({
      code: 'TICKET.CAP_EXCEEDED',
      details: expect.objectContaining({ cap: 'resolution_deadline', capAt: capAt.toISOString(), exceptionAllowed: false }),
    });
  });

  it('given the resolution was extended, when a supervisor approves an exception for the reply, then the reply moves and the exception is recorded', () => {
    const ticket = given(opened('consultation.property_service'), events(when(extend('resolution', 6), consultation())));
    const outcome = events(when(extend('first_response', 6, approved), ticket, 'supervisor-1'));
    expect(outcome).toEqual([
      expect.objectContaining({
        type: 'deadline_extended',
        clock: 'first_response',
        newDueAt: cst('2026-12-02T17:30:00'),
        capException: { reason: approved.reason, approvedBy: 'supervisor-1' },
      }),
    ]);
  });

  it('given a resolution clock, when it is extended past 3 working days, then no cap applies: the cap is on the reply', () => {
    expect(events(when(extend('resolution', 6), consultation()))).toEqual([expect.objectContaining({ type: 'deadline_extended', clock: 'resolution' })]);
  });

  it('given a reply already extended by 2 working days, when 3 working days are promised, then the promise is refused naming the tier', () => {
    const ticket = given(opened('consultation.property_service'), events(when(extend('first_response', 2), consultation())));
    expect(refusal(when({ action: 'promise', tier: '3d' }, ticket))).toMatchObject({ code: 'TICKET.CAP_EXCEEDED', field: 'tier' });
  });

  it('given a fresh consultation, when 3 working days are promised, then the promise is due at the cap', () => {
    expect(events(when({ action: 'promise', tier: '3d' }, consultation()))).toEqual([expect.objectContaining({ type: 'reply_promised', dueAt: capAt })]);
  });
});

describe('a first reply never falls after the resolution deadline', () => {
  it('given a repair due in 3 working days, when its first reply is extended by 6, then it is refused even though repairs have no reply cap', () => {
    const repair = given(opened('repair.public_area'));
    expect(refusal(when(extend('first_response', 6, approved), repair, 'supervisor-1'))).toMatchObject({
      code: 'TICKET.CAP_EXCEEDED',
      field: 'workingDays',
      details: expect.objectContaining({ cap: 'resolution_deadline' }),
    });
  });
});

describe('assertReplyWithinCaps', () => {
  const ticket = (): Ticket => {
    const base = consultation();
    return { ...base, clocks: startClocks(consultationPolicy, base, calendar) };
  };

  it('does not hold time awaiting the customer against the cap', () => {
    const t = ticket();
    const reply = t.clocks.find((c) => c.kind === 'first_response')!;
    // A pause over two working days pushes the deadline, not what was promised.
    const paused = { ...reply, extensions: [{ by: wd(2), reason: 'r', customerInformedAt: now, at: now }], pauses: [{ from: now, to: cst('2026-11-25T10:00:00') }] };
    const resolutionPaused = t.clocks.map((c) => (c.kind === 'resolution' ? { ...c, pauses: paused.pauses } : c));
    expect(assertReplyWithinCaps(calendars, { ...t, clocks: resolutionPaused }, paused, cst('2026-11-25T10:00:00'), 'workingDays')).toBeUndefined();
  });

  it('returns the exception only when it was needed', () => {
    const t = ticket();
    const reply = t.clocks.find((c) => c.kind === 'first_response')!;
    const exception = { reason: 'r', approvedBy: 'supervisor-1' };
    expect(assertReplyWithinCaps(calendars, t, reply, now, 'tier', exception)).toBeUndefined();
  });

  it('leaves dispatch and resolution clocks alone', () => {
    const t = ticket();
    const resolution = { ...t.clocks.find((c) => c.kind === 'resolution')!, target: wd(30) };
    expect(assertReplyWithinCaps(calendars, t, resolution, now, 'workingDays')).toBeUndefined();
  });
});

describe('recompute_deadlines', () => {
  const withClosure = parseCalendar({
    timezone: 'Asia/Shanghai',
    workingHours: OFFICE_WEEK,
    holidays: [{ date: '2026-11-24', name: '停业' }],
  });
  const recompute = (planned: { clock: 'first_response' | 'resolution'; dueAt: Date }[]): TicketCommandData => ({
    action: 'recompute_deadlines',
    calendarId: 'default',
    calendarVersion: 7,
    planned,
  });
  const plannedByOldCalendar = [
    { clock: 'first_response' as const, dueAt: cst('2026-11-24T17:30:00') },
    { clock: 'resolution' as const, dueAt: capAt },
  ];

  it('given clocks planned by the old calendar, when the calendar gains a holiday, then each moved deadline is told with where it was', () => {
    const outcome = events(when(recompute(plannedByOldCalendar), consultation(), 'system', { calendars: () => withClosure }));
    expect(outcome).toEqual([
      {
        type: 'deadlines_recomputed',
        at: now,
        by: 'system',
        calendarId: 'default',
        calendarVersion: 7,
        changes: [
          { clock: 'first_response', previousDueAt: cst('2026-11-24T17:30:00'), dueAt: cst('2026-11-25T17:30:00') },
          { clock: 'resolution', previousDueAt: capAt, dueAt: cst('2026-11-27T17:30:00') },
        ],
      },
    ]);
    expect(evolveAll(consultation(), outcome)).toEqual(consultation());
  });

  it('given deadlines that did not move, when recomputed, then nothing happens', () => {
    expect(events(when(recompute(plannedByOldCalendar), consultation(), 'system'))).toEqual([]);
  });

  it('given another calendar changed, when the clocks counted by default are planned as default counts them, then they are left alone', () => {
    const other = { ...recompute(plannedByOldCalendar), calendarId: 'warehouse' };
    expect(events(when(other, consultation(), 'system'))).toEqual([]);
  });

  it('given another calendar changed, when a clock counted by default is planned otherwise (its own walk passed the ticket by), then it is told and planned anew', () => {
    const other = { ...recompute(plannedByOldCalendar), calendarId: 'warehouse' };
    const outcome = events(when(other, consultation(), 'system', { calendars: () => withClosure }));
    expect(outcome).toEqual([expect.objectContaining({ type: 'deadlines_recomputed', calendarId: 'warehouse', changes: expect.arrayContaining([expect.objectContaining({ clock: 'resolution' })]) })]);
  });

  it('given a resolved ticket, when recomputed, then its met clocks keep their deadlines', () => {
    const resolved = given(opened('consultation.property_service'), events(when({ action: 'resolve', command: { type: 'resolve', resolution: '已答复' } }, consultation())));
    expect(events(when(recompute(plannedByOldCalendar), resolved, 'system', { calendars: () => withClosure }))).toEqual([]);
  });
});

describe('a promise on a ticket whose policy set no reply clock', () => {
  it('given a project calendar on its other clocks, then the promised clock counts by it, with its warnings', () => {
    const base = consultation();
    const resolution = startClock('resolution', wd(3), 'project-x', [60], received);
    const clock = promisedClock({ ...base, clocks: [resolution] }, '2d');
    expect([clock.kind, clock.calendarId, clock.warnAt]).toEqual(['first_response', 'project-x', [60]]);
    expect(promisedClock({ ...base, clocks: [] }, '2d').calendarId).toBe('default');
  });

  it('given a project calendar on its other clocks, then the promised clock escalates to the manager as they do', () => {
    const resolution = startClock('resolution', wd(3), 'project-x', [60], received, { after: wd(2) });
    expect(promisedClock({ ...consultation(), clocks: [resolution] }, '2d').managerEscalation).toEqual({ after: wd(2) });
  });

  it('given its clocks stopped (awaiting the customer, or covered by an incident), then the promised clock is stopped with them and counts none of that time', () => {
    const base = consultation();
    const paused = { ...startClock('resolution', wd(3), 'default', [], received), pauses: [{ from: cst('2026-11-23T09:30:00'), to: cst('2026-11-23T11:00:00') }, { from: cst('2026-11-23T14:00:00') }] };
    const clock = promisedClock({ ...base, clocks: [paused] }, '30m');
    expect(clock.pauses).toEqual(paused.pauses);
    expect(planTimers(calendar, clock, cst('2026-11-23T15:00:00'), undefined)).toEqual([]);
  });
});

describe('the manager escalation a ticket started with (ADR 0007)', () => {
  const escalating: SlaPolicy = { ...consultationPolicy, escalateToManagerAfter: wd(1) };
  const openedUnder = (policy: SlaPolicy) => given(events(decide({ data: openedWith(policy), metadata: { at: received, by: 'system', calendars } }, undefined)));
  const managerTimers = (ticket: Ticket, policy: SlaPolicy | undefined) => timersFor(calendars, ticket, policy, now).filter((t) => t.kind === 'escalate_manager');
  const resolutionOf = (ticket: Ticket) => ticket.clocks.find((c) => c.kind === 'resolution');

  it('given a ticket opened under a policy escalating after 1 working day, when the policy is renamed, removed or changed, then the manager is still escalated to as it was', () => {
    const ticket = openedUnder(escalating);
    expect(ticket.clocks.map((c) => c.managerEscalation)).toEqual([{ after: wd(1) }, { after: wd(1) }]);
    const planned = managerTimers(ticket, escalating);
    expect(planned).toHaveLength(2);
    expect(managerTimers(ticket, undefined)).toEqual(planned);
    expect(managerTimers(ticket, { ...escalating, escalateToManagerAfter: wd(3) })).toEqual(planned);
    expect(managerTimers(ticket, consultationPolicy)).toEqual(planned);
  });

  it('given a ticket opened under a policy without it, when the policy gains one, then the ticket keeps none', () => {
    expect(managerTimers(openedUnder(consultationPolicy), escalating)).toEqual([]);
  });

  it('given clocks stored before the escalation was kept on them, then they follow the policy as it stands: none once it is gone', () => {
    const stored = openedUnder(escalating);
    const legacy = { ...stored, clocks: stored.clocks.map(({ managerEscalation: _kept, ...clock }) => clock) };
    expect(managerTimers(legacy, escalating)).toEqual(managerTimers(stored, escalating));
    expect(managerTimers(legacy, undefined)).toEqual([]);
  });

  it('given a resolved ticket whose policy changed since it opened, when reopened, then its new resolution clock keeps the target, warnings and escalation it started with', () => {
    const resolved = given(events(decide({ data: openedWith(escalating), metadata: { at: received, by: 'system', calendars } }, undefined)), events(when({ action: 'resolve', command: { type: 'resolve', resolution: '已答复' } }, openedUnder(escalating))));
    const changed: SlaPolicy = { ...consultationPolicy, targets: { resolution: wd(10) }, warnAt: [50] };
    for (const policy of [changed, undefined]) {
      const reopened = evolveAll(resolved, events(when({ action: 'reopen', command: { type: 'reopen', reason: '业主不满意' } }, resolved, 'supervisor-1', { policy })))!;
      expect(resolutionOf(reopened)).toMatchObject({ startedAt: now, target: wd(3), warnAt: [75, 90], managerEscalation: { after: wd(1) } });
    }
  });
});

describe('a new matter whose policy’s calendar refuses to count (ADR 0130)', () => {
  const refused: (id: string) => never = (id) => {
    throw new DomainError('CALENDAR.NEEDS_CORRECTION', 'invalid', `calendar ${id} awaits correction`, 'calendarId', { calendarId: id });
  };
  const opening = (policy: SlaPolicy) => given(events(decide({ data: openedWith({ ...policy, match: {} }), metadata: { at: received, by: 'system', calendars: refused } }, undefined)));

  it('given such a calendar, when a consultation opens, then it opens with its clocks started at receipt, each held: no timer and no next due time', () => {
    const ticket = opening(consultationPolicy);
    expect(ticket.clocks.map((c) => [c.kind, c.startedAt])).toEqual([
      ['first_response', received],
      ['resolution', received],
    ]);
    expect(openingPlan(refused, ticket, consultationPolicy, now)).toEqual({ timers: [], due: undefined, heldBy: [consultationPolicy.calendarId] });
  });

  it.each([
    ['5 working days, the cap’s unit and basis', wd(5), wd(3)],
    ['40 working hours, no calendar to compare them by', { amount: 40, unit: 'hours', basis: 'working' } as const, { amount: 40, unit: 'hours', basis: 'working' }],
  ] as const)('given a first reply of %s, when a consultation opens by it, then its target is %j', (_case, first_response, target) => {
    const ticket = opening({ ...consultationPolicy, targets: { first_response } });
    expect(ticket.clocks.find((c) => c.kind === 'first_response')?.target).toEqual(target);
  });

  it('given clocks of which one is timed by such a calendar, when planned at opening, then the others are planned and it alone is held', () => {
    const ticket = consultation();
    const mixed = { ...ticket, clocks: ticket.clocks.map((c) => (c.kind === 'first_response' ? { ...c, calendarId: 'harbour' } : c)) };
    const lookup = (id: string) => (id === 'harbour' ? refused(id) : calendar);
    const plan = openingPlan(lookup, mixed, consultationPolicy, now);
    expect(new Set(plan.timers.map((t) => t.clock))).toEqual(new Set(['resolution']));
    expect(plan.due).toEqual(dueAt(calendar, mixed.clocks.find((c) => c.kind === 'resolution')!, now));
    expect(plan.heldBy).toEqual(['harbour']);
  });
});
