import { parseCalendar } from '@cs/business-calendar';
import { DomainError } from '@cs/ddd';
import { events, refusal } from '../testing/decide-outcome';
import type { CatalogueDocument } from './catalogue';
import { Incident, MAX_INCIDENT_CHILDREN, formatIncidentNumber } from './incident';
import { assertMayDoToIncident, canSeeIncident } from './incident-access';
import { IncidentCommandData, UPDATE_MESSAGE_MAX, decideIncident, incidentAfter } from './incident-decide';
import type { IncidentEvent } from './incident-events';
import type { IncidentState } from './incident-evolve';
import { incidentTimers } from './incident-sla';
import type { PlannedTimer } from './sla-clock';
import type { SlaPolicy } from './sla-policy';

const hours = [['08:30', '12:00'], ['13:30', '17:30']];
const calendar = parseCalendar({
  timezone: 'Asia/Shanghai',
  workingHours: { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours, sat: [], sun: [] },
});
const cst = (local: string) => new Date(`${local}+08:00`);

const repairPolicy: SlaPolicy = {
  id: 'repair',
  name: '报修',
  match: { sections: ['repair'] },
  targets: { first_response: { amount: 1, unit: 'hours', basis: 'working' }, dispatch: { amount: 2, unit: 'hours', basis: 'working' }, on_site: { amount: 24, unit: 'hours', basis: 'calendar' }, resolution: { amount: 1, unit: 'days', basis: 'working' } },
  warnAt: [75],
  calendarId: 'default',
};
const channelPolicy: SlaPolicy = { ...repairPolicy, id: 'phone-repair', match: { sections: ['repair'], channels: ['phone'] } };
const catalogue: CatalogueDocument = {
  sections: [
    {
      code: 'repair',
      label: { 'zh-CN': '报修', en: 'Repair' },
      active: true,
      items: [
        { code: 'repair.public_area', label: { 'zh-CN': '公共区域报修', en: 'Public area' }, active: true },
        { code: 'repair.retired', label: { 'zh-CN': '停用', en: 'Retired' }, active: false },
      ],
    },
  ],
};

/** Monday 09:00: the lift stopped and the first calls came in. */
const declaredAt = cst('2026-11-23T09:00:00');

function when(data: IncidentCommandData, state: IncidentState, at = cst('2026-11-23T09:30:00'), by = 'supervisor-1'): IncidentEvent[] | DomainError {
  return decideIncident({ data, metadata: { at, by, calendars: () => calendar } }, state);
}

const declare: IncidentCommandData = {
  action: 'declare',
  incidentId: 'i-1',
  number: formatIncidentNumber('20261123', 1),
  place: { projectCode: 'P001', building: '3' },
  itemCode: 'repair.public_area',
  title: '3栋1号电梯停运',
  description: '3栋1号电梯停在12楼，已通知维保单位',
  priority: 'high',
  policies: [channelPolicy, repairPolicy],
  catalogue,
};

function given(...history: (IncidentEvent[] | DomainError)[]): Incident {
  const incident = incidentAfter(undefined, history.flatMap((h) => events(h)));
  if (!incident) throw new Error('no incident was declared');
  return incident;
}
const declared = () => given(when(declare, undefined, declaredAt));
const children = (n: number, projectCode = 'P001') => Array.from({ length: n }, (_, i) => ({ id: `t-${i}`, projectCode }));

describe('declaring an incident', () => {
  it('given nothing, when a supervisor declares a lift stopped in building 3, then it opens timed by the policy that fits an incident (not one limited to a channel), without its on-site clock', () => {
    const [event, ...rest] = events(when(declare, undefined, declaredAt));
    expect(rest).toEqual([]);
    expect(event).toMatchObject({
      type: 'incident_declared',
      by: 'supervisor-1',
      incident: { id: 'i-1', number: 'INC-20261123-0001', status: 'open', sectionCode: 'repair', policyId: 'repair', childCount: 0, declaredAt },
    });
    const incident = declared();
    expect(incident.clocks.map((c) => [c.kind, c.startedAt])).toEqual([
      ['first_response', declaredAt],
      ['dispatch', declaredAt],
      ['resolution', declaredAt],
    ]);
  });

  it('refuses an item the catalogue does not offer, naming itemCode', () => {
    for (const itemCode of ['repair.lift', 'repair.retired']) {
      const refused = refusal(when({ ...declare, itemCode }, undefined, declaredAt));
      expect([refused.code, refused.field, refused.rule?.code]).toEqual(['INCIDENT.UNKNOWN_ITEM', 'itemCode', 'unknown_reference']);
    }
  });

  it('given an incident already declared with that id, declaring again changes nothing', () => {
    expect(events(when(declare, declared()))).toEqual([]);
  });
});

describe('running the incident', () => {
  it('dispatching meets the dispatch clock; the first update meets the first response: the customers were told', () => {
    const dispatchedAt = cst('2026-11-23T09:20:00');
    const toldAt = cst('2026-11-23T09:40:00');
    const incident = given(
      when(declare, undefined, declaredAt),
      when({ action: 'dispatch', department: 'engineering', handler: 'h-1' }, declared(), dispatchedAt),
    );
    expect([incident.department, incident.dispatchedAt, incident.status]).toEqual(['engineering', dispatchedAt, 'open']);
    const updated = incidentAfter(incident, events(when({ action: 'post_update', updateId: 'u-1', message: '维保单位已到场，预计 16:00 恢复', expectedRestoreAt: cst('2026-11-23T16:00:00') }, incident, toldAt)))!;
    expect(updated.clocks.map((c) => [c.kind, c.metAt])).toEqual([
      ['first_response', toldAt],
      ['dispatch', dispatchedAt],
      ['resolution', undefined],
    ]);
    expect([updated.updateCount, updated.lastUpdateAt]).toEqual([1, toldAt]);
  });

  it('given the dispatch clock, then the dispatch says whether it met it in time (转发及时率); a second dispatch tells nothing', () => {
    const onTime = when({ action: 'dispatch', department: 'engineering' }, declared(), cst('2026-11-23T09:20:00'));
    expect(onTime).toEqual([expect.objectContaining({ type: 'incident_dispatched', breached: false })]);
    // Due 11:00, two working hours after the declaration.
    expect(when({ action: 'dispatch', department: 'engineering' }, declared(), cst('2026-11-23T11:10:00'))).toEqual([expect.objectContaining({ type: 'incident_dispatched', breached: true })]);
    const again = when({ action: 'dispatch', department: 'cleaning' }, given(when(declare, undefined, declaredAt), onTime), cst('2026-11-23T13:40:00'));
    expect((again as IncidentEvent[])[0]).not.toHaveProperty('breached');
  });

  it('numbers updates in order and refuses a restoration time already past', () => {
    const first = given(when(declare, undefined, declaredAt), when({ action: 'post_update', updateId: 'u-1', message: '已通知维保' }, declared()));
    expect(events(when({ action: 'post_update', updateId: 'u-2', message: '维保已到场' }, first))).toMatchObject([{ sequence: 2, updateId: 'u-2' }]);
    const past = refusal(when({ action: 'post_update', updateId: 'u-3', message: '预计已恢复', expectedRestoreAt: cst('2026-11-23T09:00:00') }, first));
    expect([past.code, past.field]).toEqual(['INCIDENT.RESTORE_IN_PAST', 'expectedRestoreAt']);
  });
});

describe('linking tickets', () => {
  it('given an open incident, when tickets of its project join, then they are counted as its children', () => {
    const linked = events(when({ action: 'link_tickets', tickets: children(3) }, declared()));
    expect(linked).toMatchObject([{ type: 'tickets_linked', ticketIds: ['t-0', 't-1', 't-2'] }]);
    expect(incidentAfter(declared(), linked)!.childCount).toBe(3);
  });

  it('takes a ticket of no project (a caller whose unit is unknown) and refuses one of another project, naming it', () => {
    expect(events(when({ action: 'link_tickets', tickets: [{ id: 't-x' }] }, declared()))).toHaveLength(1);
    const refused = refusal(when({ action: 'link_tickets', tickets: [...children(1), { id: 't-other', projectCode: 'P002' }] }, declared()));
    expect([refused.code, refused.kind, refused.field, refused.details]).toEqual(['INCIDENT.OTHER_PROJECT', 'invalid', 'ticketIds[1]', { ticketId: 't-other' }]);
  });

  it('refuses more than 100 at once and more children than an update may name', () => {
    expect(refusal(when({ action: 'link_tickets', tickets: children(101) }, declared())).code).toBe('INCIDENT.TOO_MANY_TICKETS');
    const full = { ...declared(), childCount: MAX_INCIDENT_CHILDREN - 1 };
    expect(refusal(when({ action: 'link_tickets', tickets: children(2) }, full)).code).toBe('INCIDENT.TOO_MANY_CHILDREN');
  });
});

describe('resolving', () => {
  /** Dispatched and the callers told within the hour. */
  const dispatched = () => {
    const incident = given(when(declare, undefined, declaredAt), when({ action: 'dispatch', department: 'engineering' }, declared(), declaredAt));
    return given([{ type: 'incident_declared', at: declaredAt, by: 'supervisor-1', incident }], when({ action: 'post_update', updateId: 'u-1', message: '已派维保' }, incident));
  };

  it('given an open incident, when it is resolved in time, then every clock is met, it is not breached and its children are owed the resolution', () => {
    const at = cst('2026-11-23T15:00:00');
    const [resolved] = events(when({ action: 'resolve', resolution: '更换编码器，已恢复', resolveChildren: true }, dispatched(), at));
    expect(resolved).toMatchObject({ type: 'incident_resolved', breached: false, resolveChildren: true });
    const incident = incidentAfter(dispatched(), [resolved!])!;
    expect([incident.status, incident.resolvedAt, incident.resolvedBy, incident.childrenResolvedAt]).toEqual(['resolved', at, 'supervisor-1', at]);
    expect(incident.clocks.every((c) => c.metAt !== undefined)).toBe(true);
  });

  it('given callers, when resolved with a last update, then they are told it is fixed before it resolves; with none, or no callers, nobody is', () => {
    const finalUpdate = { updateId: 'u-final', message: '电梯已恢复运行' };
    const withCallers = { ...dispatched(), childCount: 2, updateCount: 1 };
    const told = events(when({ action: 'resolve', resolution: '更换编码器', resolveChildren: true, finalUpdate }, withCallers));
    expect(told).toMatchObject([{ type: 'incident_update_posted', updateId: 'u-final', sequence: 2, message: '电梯已恢复运行' }, { type: 'incident_resolved' }]);
    expect(events(when({ action: 'resolve', resolution: '更换编码器', resolveChildren: true }, withCallers)).map((e) => e.type)).toEqual(['incident_resolved']);
    expect(events(when({ action: 'resolve', resolution: '更换编码器', resolveChildren: true, finalUpdate }, dispatched())).map((e) => e.type)).toEqual(['incident_resolved']);
    const long = '修'.repeat(1500);
    const [clipped] = events(when({ action: 'resolve', resolution: long, resolveChildren: true, finalUpdate: { updateId: 'u-long', message: long } }, withCallers));
    expect(clipped).toMatchObject({ type: 'incident_update_posted', message: `${'修'.repeat(UPDATE_MESSAGE_MAX - 1)}…` });
  });

  it('resolved after its working day, or with the callers never told, it is breached; its resolution only in the first', () => {
    expect(events(when({ action: 'resolve', resolution: '已恢复', resolveChildren: true }, dispatched(), cst('2026-11-25T10:00:00')))).toMatchObject([{ breached: true, resolutionBreached: true }]);
    expect(events(when({ action: 'resolve', resolution: '已恢复', resolveChildren: true }, declared(), cst('2026-11-23T15:00:00')))).toMatchObject([{ breached: true, resolutionBreached: false }]);
  });

  it('with no resolution clock, its resolution is not late, said outright', () => {
    const noResolutionClock = { ...dispatched(), clocks: dispatched().clocks.filter((c) => c.kind !== 'resolution') };
    expect(events(when({ action: 'resolve', resolution: '已恢复', resolveChildren: true }, noResolutionClock, cst('2026-11-25T10:00:00')))).toMatchObject([
      { type: 'incident_resolved', resolutionBreached: false },
    ]);
  });

  it('dispatched late and resolved in time, it is breached and its resolution is not: reporting judges the resolution by its own clock', () => {
    const late = incidentAfter(declared(), events(when({ action: 'dispatch', department: 'engineering' }, declared(), cst('2026-11-23T11:10:00'))))!;
    expect(events(when({ action: 'resolve', resolution: '已恢复', resolveChildren: true }, late, cst('2026-11-23T15:00:00')))).toMatchObject([
      { type: 'incident_resolved', breached: true, resolutionBreached: false },
    ]);
  });

  it('offered rather than resolved: the children wait until asked, once', () => {
    const kept = given(when(declare, undefined, declaredAt), when({ action: 'resolve', resolution: '已恢复', resolveChildren: false }, declared()));
    expect(kept.childrenResolvedAt).toBeUndefined();
    const asked = events(when({ action: 'resolve_children' }, kept));
    expect(asked).toMatchObject([{ type: 'children_resolution_requested' }]);
    expect(events(when({ action: 'resolve_children' }, incidentAfter(kept, asked)))).toEqual([]);
  });

  it('a resolved incident takes no more tickets, updates or dispatch (409 with where it is and what would allow it)', () => {
    const resolved = given(when(declare, undefined, declaredAt), when({ action: 'resolve', resolution: '已恢复', resolveChildren: true }, declared()));
    for (const data of [{ action: 'link_tickets', tickets: children(1) }, { action: 'post_update', updateId: 'u', message: 'x' }, { action: 'dispatch', department: 'e' }] as const) {
      const refused = refusal(when(data, resolved));
      expect([refused.code, refused.kind, refused.details]).toEqual(['INCIDENT.ILLEGAL_TRANSITION', 'conflict', { currentStatus: 'resolved', command: data.action, allowedFrom: ['open'] }]);
    }
    expect(refusal(when({ action: 'resolve_children' }, declared())).details).toMatchObject({ currentStatus: 'open', allowedFrom: ['resolved'] });
  });
});

describe('SLA timers (ADR 0040)', () => {
  const timer = (kind: PlannedTimer['kind'], fireAt: Date, clock: PlannedTimer['clock'] = 'dispatch'): PlannedTimer => ({ clock, kind, threshold: kind === 'warning' ? 75 : 100, fireAt });
  const fire = (state: Incident, ...timers: PlannedTimer[]) => when({ action: 'fire_sla_timers', timers }, state, timers[0]!.fireAt, 'system');

  it('given a running clock, when its warning fires, then the supervisor who declared it is warned and the threshold is remembered', () => {
    const outcome = events(fire(declared(), timer('warning', cst('2026-11-23T10:30:00'))));
    expect(outcome).toEqual([
      {
        type: 'incident_sla_warned',
        at: cst('2026-11-23T10:30:00'),
        by: 'system',
        clock: 'dispatch',
        threshold: 75,
        dueAt: cst('2026-11-23T11:00:00'),
        notify: { roles: ['supervisor'], projectCode: 'P001', userIds: ['supervisor-1'] },
      },
    ]);
    expect(incidentAfter(declared(), outcome)!.clocks.find((c) => c.kind === 'dispatch')?.warned).toEqual([75]);
  });

  it('given an incident at level 0, when a breach fires, then its clock is breached and the supervisors are escalated to, once', () => {
    const outcome = events(fire(declared(), timer('breach', cst('2026-11-23T10:00:00'), 'first_response'), timer('breach', cst('2026-11-23T11:00:00'))));
    expect(outcome.map((e) => e.type)).toEqual(['incident_sla_breached', 'incident_escalated', 'incident_sla_breached']);
    expect(outcome[1]).toMatchObject({ level: 1, reason: 'sla_breached', note: `first_response due ${cst('2026-11-23T10:00:00').toISOString()}`, notify: { roles: ['supervisor'] } });
    const after = incidentAfter(declared(), outcome)!;
    expect([after.escalationLevel, after.clocks.filter((c) => c.breachedAt).map((c) => c.kind)]).toEqual([1, ['first_response', 'dispatch']]);
  });

  it('given a breach left open, when the manager timer fires, then the manager hears of it, with the department it was dispatched to; not twice', () => {
    // The resolution breached at the close of Tuesday, its deadline: its timer fired the next morning.
    const dispatched = given(when(declare, undefined, declaredAt), when({ action: 'dispatch', department: 'engineering', handler: 'h-1' }, declared(), declaredAt));
    const breached = incidentAfter(dispatched, events(fire(dispatched, timer('breach', cst('2026-11-25T09:00:00'), 'resolution'))))!;
    const outcome = events(fire(breached, timer('escalate_manager', cst('2026-11-25T11:00:00'), 'resolution')));
    expect(outcome).toEqual([
      expect.objectContaining({
        type: 'incident_escalated',
        level: 2,
        reason: 'breach_unresolved',
        notify: { roles: ['manager', 'supervisor'], projectCode: 'P001', department: 'engineering', userIds: ['supervisor-1', 'h-1'] },
      }),
    ]);
    expect(events(fire(incidentAfter(breached, outcome)!, timer('escalate_manager', cst('2026-11-25T11:00:00'), 'resolution')))).toEqual([]);
    expect(events(fire(dispatched, timer('escalate_manager', cst('2026-11-25T11:00:00'), 'resolution')))).toEqual([]);
  });

  it('given a breach timer planned before its calendar moved the deadline later, when it fires, then nothing breaches: the deadline has not passed', () => {
    expect(events(fire(declared(), timer('breach', cst('2026-11-23T17:30:00'), 'resolution')))).toEqual([]);
  });

  it('given a met clock or a resolved incident, when a timer fires late, then nothing happens and nothing is refused', () => {
    const told = given(when(declare, undefined, declaredAt), when({ action: 'post_update', updateId: 'u-1', message: '已通知维保' }, declared()));
    expect(events(fire(told, timer('breach', cst('2026-11-23T10:00:00'), 'first_response')))).toEqual([]);
    const resolved = given(when(declare, undefined, declaredAt), when({ action: 'resolve', resolution: '已恢复', resolveChildren: true }, declared()));
    expect(events(fire(resolved, timer('breach', cst('2026-11-23T11:00:00'))))).toEqual([]);
  });

  it('plans warnings and breaches for its running clocks, the manager after a breach by what its policy said when declared, and nothing once resolved', () => {
    const policy = { ...repairPolicy, escalateToManagerAfter: { amount: 1, unit: 'days', basis: 'working' } } as const;
    const declaredUnder = (policies: SlaPolicy[]) => given(when({ ...declare, policies }, undefined, declaredAt));
    // Declared under a policy without the manager's escalation, the incident keeps none when it gains one.
    expect(incidentTimers(() => calendar, declaredUnder([repairPolicy]), policy, declaredAt).map((t) => t.kind)).not.toContain('escalate_manager');
    // Declared under one with it, it keeps it when the policy is gone.
    expect(incidentTimers(() => calendar, declaredUnder([policy]), undefined, declaredAt)).toEqual(incidentTimers(() => calendar, declaredUnder([policy]), policy, declaredAt));
    const planned = incidentTimers(() => calendar, declaredUnder([policy]), policy, declaredAt);
    expect(planned.filter((t) => t.clock === 'dispatch').map((t) => [t.kind, t.fireAt])).toEqual([
      ['warning', cst('2026-11-23T10:30:00')],
      ['breach', cst('2026-11-23T11:00:00')],
      // "1个工作日": the day of the breach is not counted, so the end of the next working day.
      ['escalate_manager', cst('2026-11-24T17:30:00')],
    ]);
    const resolved = given(when(declare, undefined, declaredAt), when({ action: 'resolve', resolution: '已恢复', resolveChildren: true }, declared()));
    expect(incidentTimers(() => calendar, resolved, policy, declaredAt)).toEqual([]);
    expect(incidentTimers(() => calendar, { ...declaredUnder([policy]), escalationLevel: 2 }, policy, declaredAt).map((t) => t.kind)).not.toContain('escalate_manager');
  });
});

describe('who may do what', () => {
  const incident = () => ({ ...declared(), department: 'engineering' });

  it('a supervisor declares and resolves; an agent only joins tickets; both only in their projects', () => {
    const supervisor = { sub: 's', roles: ['supervisor'], projects: ['P001'] };
    const agent = { sub: 'a', roles: ['agent'], projects: ['P001'] };
    expect(() => assertMayDoToIncident(supervisor, 'P001', 'resolve')).not.toThrow();
    expect(() => assertMayDoToIncident(agent, 'P001', 'link_tickets')).not.toThrow();
    for (const action of ['declare', 'dispatch', 'post_update', 'resolve'] as const) {
      expect(() => assertMayDoToIncident(agent, 'P001', action)).toThrow(expect.objectContaining({ code: 'INCIDENT.NOT_ALLOWED', kind: 'forbidden' }));
    }
    expect(() => assertMayDoToIncident(supervisor, 'P002', 'declare')).toThrow(expect.objectContaining({ code: 'INCIDENT.PROJECT_NOT_SERVED' }));
    expect(() => assertMayDoToIncident(agent, 'P001', 'post_update')).toThrow('your role may not post an update on an incident');
  });

  it('staff of its project see it; a handler only when it is dispatched to their department; nobody else', () => {
    expect(canSeeIncident({ sub: 'a', roles: ['agent'], projects: ['P001'] }, incident())).toBe(true);
    expect(canSeeIncident({ sub: 'a', roles: ['agent'], projects: ['P002'] }, incident())).toBe(false);
    expect(canSeeIncident({ sub: 'h', roles: ['handler'], department: 'engineering' }, incident())).toBe(true);
    expect(canSeeIncident({ sub: 'h', roles: ['handler'], department: 'cleaning' }, incident())).toBe(false);
    expect(canSeeIncident({ sub: 'h', roles: ['handler'], department: 'engineering', projects: ['P002'] }, incident())).toBe(false);
    expect(canSeeIncident({ sub: 'h', roles: ['handler'], department: 'engineering', projects: ['P001'] }, incident())).toBe(true);
  });
});
