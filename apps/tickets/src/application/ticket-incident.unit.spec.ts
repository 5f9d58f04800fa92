import { parseCalendar } from '@cs/business-calendar';
import { DomainError } from '@cs/ddd';
import type { SlaPolicy } from '../domain/sla-policy';
import type { Ticket } from '../domain/ticket';
import type { TicketCommandData } from '../domain/ticket-commands';
import { decide } from '../domain/ticket-decide';
import type { TicketEvent } from '../domain/ticket-events';
import { evolveAll } from '../domain/ticket-evolve';
import { nextDue, timersFor } from '../domain/ticket-sla';
import { events, newMatter, refusal } from '../testing/decide-outcome';
import { publishedEvents } from './published-ticket-events';
import { historyOf } from './ticket-history';

const hours = [['08:30', '12:00'], ['13:30', '17:30']];
const calendar = parseCalendar({
  timezone: 'Asia/Shanghai',
  workingHours: { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours, sat: [], sun: [] },
});
const cst = (local: string) => new Date(`${local}+08:00`);
const policy: SlaPolicy = {
  id: 'repair',
  name: '报修',
  match: {},
  targets: { first_response: { amount: 1, unit: 'hours', basis: 'working' }, resolution: { amount: 1, unit: 'days', basis: 'working' } },
  warnAt: [75],
  calendarId: 'default',
};
const opening = cst('2026-11-23T09:00:00');
const joining = cst('2026-11-23T09:30:00');

function when(data: TicketCommandData, state: Ticket | undefined, at = joining): TicketEvent[] | DomainError {
  return decide({ data, metadata: { at, by: 'agent-7', calendars: () => calendar, policy } }, state);
}
function after(state: Ticket | undefined, ...outcomes: (TicketEvent[] | DomainError)[]): Ticket {
  return evolveAll(state, outcomes.flatMap((o) => events(o)))!;
}
const join = (incidentId = 'i-1'): TicketCommandData => ({ action: 'join_incident', incidentId, incidentNumber: 'INC-20261123-0001' });
const opened = () =>
  after(
    undefined,
    when(
      {
        action: 'open_from_contact',
        ticketId: 't-1',
        number: 'TK-20261123-000001',
        contact: newMatter({ itemCode: 'repair.public_area', unit: { projectCode: 'P001', building: '3', room: '1202' }, occurredAt: opening }),
        policies: [policy],
      },
      undefined,
      opening,
    ),
  );

describe('a ticket joining an incident', () => {
  it('given an open ticket, when it joins an incident, then it records the incident and its own clocks stop: no timers, no deadline passes while it waits', () => {
    const joined = events(when(join(), opened()));
    expect(joined).toMatchObject([{ type: 'incident_joined', incidentId: 'i-1', incidentNumber: 'INC-20261123-0001', by: 'agent-7' }]);
    const child = after(opened(), joined);
    expect(child.incidentId).toBe('i-1');
    expect(child.status).toBe('new');
    expect(timersFor(() => calendar, child, policy, joining)).toEqual([]);
    // No deadline while it waits: the queues neither sort it by one nor call it overdue.
    expect(nextDue(() => calendar, child, cst('2026-11-25T09:00:00'))).toBeUndefined();
  });

  const step = (state: Ticket, data: TicketCommandData) => after(state, when(data, state));
  const pause: TicketCommandData = { action: 'pause', command: { type: 'pause', reason: '等业主在家' } };

  it.each([
    ['paused and resumed after it joined', (t: Ticket) => step(step(t, join()), pause)],
    ['joined while awaiting the customer, then resumed', (t: Ticket) => step(step(t, pause), join())],
  ])('given a ticket %s, then its own clocks stay stopped: no timers', (_case, joinedAndPaused) => {
    const dispatched = step(opened(), { action: 'dispatch', command: { type: 'dispatch', department: 'engineering' } });
    const waiting = joinedAndPaused(dispatched);
    const resumed = after(waiting, when({ action: 'resume', command: { type: 'resume' } }, waiting, cst('2026-11-23T10:00:00')));
    expect(resumed.incidentId).toBe('i-1');
    expect(resumed.status).toBe('in_progress');
    expect(timersFor(() => calendar, resumed, policy, cst('2026-11-23T10:00:00'))).toEqual([]);
  });

  it('given a child resolved with its incident and reopened, when it is paused and resumed, then its new resolution clock runs again: the incident no longer stands for it', () => {
    const child = step(opened(), join());
    const resolved = after(child, when({ action: 'resolve', command: { type: 'resolve', resolution: '电梯已恢复' } }, child, cst('2026-11-23T11:00:00')));
    const reopened = after(resolved, when({ action: 'reopen', command: { type: 'reopen', reason: '又坏了' } }, resolved, cst('2026-11-23T13:40:00')));
    const waiting = after(reopened, when(pause, reopened, cst('2026-11-23T14:00:00')));
    const resumed = after(waiting, when({ action: 'resume', command: { type: 'resume' } }, waiting, cst('2026-11-23T15:00:00')));
    expect(timersFor(() => calendar, resumed, policy, cst('2026-11-23T15:00:00'))).not.toEqual([]);
    expect(nextDue(() => calendar, resumed, cst('2026-11-23T15:00:00'))).toBeDefined();
  });

  it('given a ticket reopened before it joined an incident, when it is paused and resumed, then its own clocks stay stopped: the incident stands for it from the join on', () => {
    const first = opened();
    const resolved = after(first, when({ action: 'resolve', command: { type: 'resolve', resolution: '已清理' } }, first, cst('2026-11-23T09:10:00')));
    const reopened = after(resolved, when({ action: 'reopen', command: { type: 'reopen', reason: '又堵了' } }, resolved, cst('2026-11-23T09:20:00')));
    const child = step(reopened, join());
    expect([child.reopenCount, child.reopensWhenJoined]).toEqual([1, 1]);
    const waiting = after(child, when(pause, child, cst('2026-11-23T10:00:00')));
    const resumed = after(waiting, when({ action: 'resume', command: { type: 'resume' } }, waiting, cst('2026-11-23T11:00:00')));
    expect(timersFor(() => calendar, resumed, policy, cst('2026-11-23T11:00:00'))).toEqual([]);
    expect(nextDue(() => calendar, resumed, cst('2026-11-23T11:00:00'))).toBeUndefined();
  });

  it('joining the same incident again changes nothing; another incident is refused 409', () => {
    const child = after(opened(), when(join(), opened()));
    expect(events(when(join(), child))).toEqual([]);
    const other = refusal(when(join('i-2'), child));
    expect([other.code, other.kind, other.details]).toEqual(['TICKET.IN_ANOTHER_INCIDENT', 'conflict', { incidentId: 'i-1' }]);
  });

  it('a handled ticket keeps its own resolution and callback: joining it is refused with where it is', () => {
    const resolved = after(opened(), when({ action: 'resolve', command: { type: 'resolve', resolution: '已修复' } }, opened()));
    const refused = refusal(when(join(), resolved));
    expect([refused.code, refused.details?.['currentStatus'], refused.details?.['command']]).toEqual(['TICKET.ILLEGAL_TRANSITION', 'resolved', 'join_incident']);
  });

  it('is recorded in the history and announced as ticket.incident_joined; the child’s resolution names its incident', () => {
    const joined = events(when(join(), opened()));
    expect(historyOf(join(), joined, 'agent-7')).toEqual({ actor: 'agent-7', action: 'join_incident', details: { incidentId: 'i-1', incidentNumber: 'INC-20261123-0001' } });
    const child = after(opened(), joined);
    expect(publishedEvents(joined, child).map((e) => [e.definition.type, e.data])).toEqual([
      ['ticket.incident_joined.v1', expect.objectContaining({ ticketId: 't-1', incidentId: 'i-1', incidentNumber: 'INC-20261123-0001', projectCode: 'P001' })],
    ]);
    const resolution = events(when({ action: 'resolve', command: { type: 'resolve', resolution: '电梯已恢复' }, note: '群发事件 INC-20261123-0001 办结' }, child, cst('2026-11-26T10:00:00')));
    const resolved = after(child, resolution);
    expect(publishedEvents(resolution, resolved)[0]!.data).toMatchObject({ resolution: '电梯已恢复', incidentId: 'i-1', breached: false });
  });
});
