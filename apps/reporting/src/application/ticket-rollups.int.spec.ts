import { randomUUID } from 'node:crypto';
import {
  ContactReceivedV1,
  IncidentDeclaredV1,
  IncidentResolvedV1,
  SlaBreachedV1,
  TicketClosedV1,
  TicketRecordAmendedV1,
  TicketDispatchedV1,
  TicketEscalatedV1,
  TicketExtendedV1,
  TicketIncidentJoinedV1,
  TicketMergedV1,
  TicketOnSiteV1,
  TicketRepliedV1,
  TicketReopenedV1,
  TicketResolvedV1,
  TicketValidityDecidedV1,
} from '@cs/contracts';
import type { DomainEvent } from '@cs/messaging';
import { createLogger } from '@cs/observability';
import { CalendarReplica } from '@cs/platform';
import { ThrowawaySchema, throwawaySchema } from '@cs/testing';
import { GROUPINGS, Grouping, groupKpis, kpiFigures } from '../domain/kpis';
import { escalationTable, escalationsOf, monthlyReport } from '../domain/monthly-report';
import { Period, monthPeriod, previousMonth, weekPeriod } from '../domain/period';
import { MIGRATIONS } from '../infrastructure/migrations';
import { insertSpotCheck } from '../infrastructure/scorecard.repository';
import { LIVE_TABLES } from '../infrastructure/projection-tables';
import { escalatedTicketsOpenedIn, rollupsBehindTickets } from '../infrastructure/ticket-facts.repository';
import { TicketSketch, callback, completed, created, delivered, onTicket, scheduled, ticket } from '../testing/event-builders';
import { ComposeMonthlyReport } from './compose-monthly-report';
import { KpiQuery, KpiSelection } from './kpi-query';
import { MaintainRollups } from './maintain-rollups';
import { projectEvent, projectEvents } from './project-event';
import { recountTickets } from './recount-tickets';
import { WorkingCalendar, countingCalendar, durationsBy } from './working-calendar';

/** A fixed seed: the same "random" month on every run, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const next = random(20261130);
const chance = (p: number): boolean => next() < p;
const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
const MINUTE = 60_000;

const ITEMS = ['repair.public_area', 'repair.own_unit', 'complaint.service_quality', 'consultation.property_service', 'suggestion.other'];
const PROJECTS = ['P001', 'P002', 'P003'];
const AGENTS = ['agent-a', 'agent-b', 'agent-c'];
const DEPARTMENTS = ['engineering', 'cleaning', 'security'];
const notify = { roles: ['manager' as const] };
const lift = { incidentId: randomUUID(), number: 'INC-20261105-0001', projectCode: 'P001', itemCode: 'repair.public_area' };

/** One ticket's events, in its own order, each with the instant it happened. */
function lifeOf(t: TicketSketch, survivors: readonly TicketSketch[]): { at: number; event: DomainEvent }[] {
  const events: { at: number; event: DomainEvent }[] = [];
  let now = Date.parse(t.openedAt);
  const later = () => {
    now += Math.floor(next() * (chance(0.3) ? 3 * 24 * 60 : 240)) * MINUTE + 1_000;
    return new Date(now).toISOString();
  };
  // Every ticket event may carry a reclassified item or project: the latest counts.
  let itemCode = t.itemCode;
  let projectCode = t.projectCode;
  const on = (at: string) => {
    if (chance(0.05)) itemCode = pick(ITEMS);
    if (chance(0.03)) projectCode = pick(PROJECTS);
    return { ...onTicket(t, at), itemCode, projectCode };
  };
  const add = (at: string, event: DomainEvent) => events.push({ at: Date.parse(at), event });
  add(t.openedAt, created(t));
  // Intake's grade of the contact may arrive before the ticket's opening is read, or after.
  if (chance(0.15)) {
    const at = new Date(Date.parse(t.openedAt) + (chance(0.5) ? -MINUTE : MINUTE)).toISOString();
    const contactId = randomUUID();
    add(at, delivered(ContactReceivedV1, contactId, {
      contactId, ticketId: t.id, customerId: randomUUID(), customerNameMasked: '王*', channel: 'phone', direction: 'inbound', occurredAt: at,
      recordedBy: t.ownerId, unit: { projectCode: t.projectCode }, itemCode: t.itemCode, summary: '来电', grade: pick(['major', 'general'] as const),
    }));
  }
  if (chance(0.8)) {
    const at = later();
    add(at, delivered(TicketValidityDecidedV1, t.id, { ...on(at), decision: pick(['valid', 'valid', 'valid', 'invalid', 'out_of_scope'] as const), ...(chance(0.3) ? { answerId: 'ans-1' } : {}) }));
  }
  // 补录 — the desk corrects the item (a record amended names the item it now is).
  if (chance(0.1)) {
    const at = later();
    const previous = itemCode;
    itemCode = pick(ITEMS);
    add(at, delivered(TicketRecordAmendedV1, t.id, { ...onTicket(t, at), itemCode, projectCode, sectionCode: itemCode.split('.')[0]!, amended: { itemCode }, previous: { itemCode: previous } }));
  }
  if (chance(0.1)) {
    const at = later();
    add(at, delivered(SlaBreachedV1, t.id, { ...on(at), clock: 'dispatch', dueAt: at, notify }));
  }
  const dispatches = chance(0.7) ? (chance(0.2) ? 2 : 1) : 0;
  for (let d = 0; d < dispatches; d++) {
    const at = later();
    // The dispatch that met a clock tells whether in time; one that met none (no target, a second dispatch) tells nothing.
    const verdict = d === 0 ? pick([{ breached: false }, { breached: true }, {}]) : {};
    add(at, delivered(TicketDispatchedV1, t.id, { ...on(at), department: pick(DEPARTMENTS), ...verdict }));
  }
  // 上门 — the handler on site, after the on-site clock breached or not.
  if (dispatches > 0 && chance(0.4)) {
    if (chance(0.25)) {
      const at = later();
      add(at, delivered(SlaBreachedV1, t.id, { ...on(at), clock: 'on_site', dueAt: at, notify }));
    }
    const at = later();
    add(at, delivered(TicketOnSiteV1, t.id, { ...on(at), arrivedAt: at, ...pick([{ breached: false }, { breached: true }, {}]) }));
  }
  if (chance(0.1)) {
    const at = later();
    add(at, delivered(SlaBreachedV1, t.id, { ...on(at), clock: 'first_response', dueAt: at, notify }));
  }
  if (chance(0.75)) {
    const at = later();
    add(at, delivered(TicketRepliedV1, t.id, { ...on(at), firstReply: true, ...(chance(0.3) ? { answerId: 'ans-2' } : {}) }));
  }
  if (chance(0.2)) {
    const at = later();
    const newDueAt = new Date(now + 24 * 60 * MINUTE).toISOString();
    add(at, delivered(TicketExtendedV1, t.id, {
      ...on(at), clock: 'resolution', extension: { amount: 1, unit: 'days', basis: 'working' }, reason: '等待配件', customerInformedAt: at, newDueAt, extensionCount: chance(0.3) ? 2 : 1,
    }));
  }
  if (chance(0.1)) {
    const at = later();
    add(at, delivered(TicketEscalatedV1, t.id, { ...on(at), level: chance(0.3) ? 2 : 1, reason: chance(0.5) ? 'major_complaint' : 'sla_breached', notify }));
  }
  const joined = t.projectCode === 'P001' && t.itemCode === 'repair.public_area' && chance(0.5);
  if (joined) {
    const at = later();
    add(at, delivered(TicketIncidentJoinedV1, t.id, { ...on(at), incidentId: lift.incidentId, incidentNumber: lift.number }));
  }
  if (chance(0.12)) {
    const at = later();
    add(at, delivered(SlaBreachedV1, t.id, { ...on(at), clock: 'resolution', dueAt: at, notify }));
  }
  if (chance(0.7)) {
    let at = later();
    add(at, delivered(TicketResolvedV1, t.id, { ...on(at), resolution: '已处理', reopenCount: 0, breached: chance(0.1), ...(joined ? { incidentId: lift.incidentId } : {}) }));
    if (chance(0.2)) {
      at = later();
      add(at, delivered(TicketReopenedV1, t.id, { ...on(at), reason: '又坏了', reopenCount: 1 }));
      if (chance(0.6)) {
        at = later();
        add(at, delivered(TicketResolvedV1, t.id, { ...on(at), resolution: '再次处理', reopenCount: 1, breached: false }));
      }
    }
    if (chance(0.5)) {
      at = later();
      // Closed by this release (nothing missing, or something) or by one that did not judge the record.
      const recordGaps = pick([[], ['room' as const], ['item' as const, 'department' as const], undefined]);
      add(at, delivered(TicketClosedV1, t.id, { ...on(at), ...(recordGaps ? { recordGaps } : {}) }));
    }
  }
  if (survivors.length > 0 && chance(0.08)) {
    const survivor = pick(survivors);
    const at = later();
    add(at, delivered(TicketMergedV1, t.id, {
      ...on(at), status: 'closed', mergedTicketId: t.id, survivorTicketId: survivor.id, survivorNumber: survivor.number, contactsMoved: 1,
    }));
  }
  return events;
}

/** 120 tickets over November and December 2026 in Shanghai, their events interleaved by time, each ticket's in its own order. */
function randomMonths(): DomainEvent[] {
  const start = Date.parse('2026-10-31T14:00:00+08:00');
  const tickets = Array.from({ length: 120 }, () =>
    ticket({
      itemCode: pick(ITEMS),
      projectCode: pick(PROJECTS),
      channel: pick(['phone', 'wechat', 'email'] as const),
      ownerId: pick(AGENTS),
      openedAt: new Date(start + Math.floor(next() * 62 * 24 * 60) * MINUTE).toISOString(),
    }),
  );
  const lives = tickets.flatMap((t, i) => lifeOf(t, tickets.slice(0, i)));
  const incident = [
    { at: Date.parse('2026-11-05T10:00:00+08:00'), event: delivered(IncidentDeclaredV1, lift.incidentId, {
      ...lift, status: 'open', at: '2026-11-05T02:00:00.000Z', by: 'supervisor-1', sectionCode: 'repair', title: '3栋1号电梯停运', description: '停在12楼', priority: 'high',
    }) },
    { at: Date.parse('2026-11-05T13:30:00+08:00'), event: delivered(IncidentResolvedV1, lift.incidentId, {
      ...lift, status: 'resolved', at: '2026-11-05T05:30:00.000Z', by: 'supervisor-1', resolution: '已恢复', declaredAt: '2026-11-05T02:00:00.000Z', breached: false, childCount: 3, resolveChildren: true,
    }) },
  ];
  const c = callback({ ticket: tickets[0], projectCode: 'P002', assignee: 'agent-b', dueAt: '2026-11-20T09:30:00.000Z' });
  const callbacks = [
    { at: Date.parse('2026-11-10T00:00:00Z'), event: scheduled(c, '2026-11-10T00:00:00.000Z') },
    { at: Date.parse('2026-11-20T08:00:00Z'), event: completed(c, '2026-11-20T08:00:00.000Z', true) },
  ];
  return [...lives, ...incident, ...callbacks].sort((a, b) => a.at - b.at).map((e) => e.event);
}

const events = randomMonths();
let perEvent: ThrowawaySchema;
let inChunks: ThrowawaySchema;

beforeAll(async () => {
  perEvent = await throwawaySchema('reporting_rollups_live', MIGRATIONS);
  inChunks = await throwawaySchema('reporting_rollups_chunks', MIGRATIONS);
  // Live: each event in its own transaction, counted as it comes. Rebuild: chunks of events of
  // any size in one transaction each, the tickets counted once the chunks are in.
  for (const event of events) await perEvent.dataSource.transaction((tx) => projectEvent(event, tx));
  for (let at = 0; at < events.length; ) {
    const size = 1 + Math.floor(next() * 60);
    const chunk = events.slice(at, at + size);
    await inChunks.dataSource.transaction((tx) => projectEvents(tx, chunk, LIVE_TABLES, 'counted_tickets'));
    at += size;
  }
  await recountTickets(inChunks.dataSource);
}, 120_000);

afterAll(async () => {
  await perEvent?.drop();
  await inChunks?.drop();
});

const queryOf = (db: ThrowawaySchema) => new KpiQuery(db.dataSource, new WorkingCalendar(new CalendarReplica(db.dataSource)));
const zone = 'Asia/Shanghai';
const PERIODS: [string, Period][] = [
  ['November', monthPeriod('2026-11', zone)],
  ['December', monthPeriod('2026-12', zone)],
  ['November and December', { from: monthPeriod('2026-11', zone).from, to: monthPeriod('2026-12', zone).to }],
  ['week 46', weekPeriod('2026-W46', zone)],
  ['3 to 20 November', { from: new Date('2026-11-03T00:00:00+08:00'), to: new Date('2026-11-21T00:00:00+08:00') }],
  ['date-times across the months', { from: new Date('2026-11-05T10:17:00+08:00'), to: new Date('2026-12-02T03:00:00+08:00') }],
];
const SCOPES: [string, Pick<KpiSelection, 'projects' | 'scope'>][] = [
  ['every project', { projects: [], scope: undefined }],
  ['P001 asked for', { projects: ['P001'], scope: undefined }],
  ['a reader of P002 and P003', { projects: [], scope: ['P002', 'P003'] }],
  ['P003 asked by a reader of P001 and P003', { projects: ['P003'], scope: ['P001', 'P003'] }],
];

/** The figures computed from every ticket of the selection, one by one: the reference. */
async function ticketByTicket(db: ThrowawaySchema, selection: KpiSelection, groupBy: Grouping) {
  const facts = await queryOf(db).facts(selection);
  const durations = durationsBy(facts.calendar);
  return {
    total: kpiFigures(facts.tickets, facts.callbacks, durations, facts.incidents, facts.spotChecks),
    groups: groupKpis(groupBy, facts.tickets, facts.callbacks, durations, facts.incidents, facts.spotChecks),
  };
}

async function fromRollups(db: ThrowawaySchema, selection: KpiSelection, groupBy: Grouping) {
  expect(await rollupsBehindTickets(db.dataSource.manager, (await countingCalendar(db.dataSource.manager)).version)).toBe(false);
  const report = await queryOf(db).kpis(selection, groupBy);
  return { total: report.total, groups: report.groups.map(({ tickets: _query, ...group }) => group) };
}

async function expectRollupsToMatch(db: ThrowawaySchema): Promise<void> {
  for (const [, period] of PERIODS) {
    for (const [, scope] of SCOPES) {
      for (const groupBy of GROUPINGS) {
        const selection = { period, ...scope };
        expect({ period, scope, groupBy, ...(await fromRollups(db, selection, groupBy)) }).toEqual({ period, scope, groupBy, ...(await ticketByTicket(db, selection, groupBy)) });
      }
    }
  }
}

describe('the rollups after a random sequence of ticket events', () => {
  it('given tickets opened, graded, dispatched again, reclassified (and their records amended), replied, breached, escalated, joined to an incident, resolved, reopened, closed and merged, then every figure summed from the rollups equals the one computed ticket by ticket', async () => {
    expect((await ticketByTicket(perEvent, { period: PERIODS[2]![1], ...SCOPES[0]![1] }, 'project')).total.received).toBeGreaterThan(90);
    await expectRollupsToMatch(perEvent);
  }, 120_000);

  it('given the same events applied in chunks and counted at the end, as a rebuild applies them, then the rows and the rollups are those the events gave one by one', async () => {
    const rows = (db: ThrowawaySchema) => db.dataSource.query('SELECT * FROM ticket_facts ORDER BY ticket_id');
    expect(await rows(inChunks)).toEqual(await rows(perEvent));
    const cells = (db: ThrowawaySchema) =>
      db.dataSource.query(`SELECT day, project, dimension, key, sum(received)::int AS received, sum(resolved)::int AS resolved, sum(extensions)::int AS extensions
                             FROM ticket_rollups GROUP BY 1, 2, 3, 4 HAVING sum(received) <> 0 ORDER BY 1, 2, 3, 4`);
    expect(await cells(inChunks)).toEqual(await cells(perEvent));
    const recordCells = (db: ThrowawaySchema) =>
      db.dataSource.query(`SELECT day, project, dimension, key, sum(record_judged)::int AS judged, sum(record_complete)::int AS complete
                             FROM ticket_record_rollups GROUP BY 1, 2, 3, 4 HAVING sum(record_judged) <> 0 ORDER BY 1, 2, 3, 4`);
    expect((await recordCells(perEvent)).length).toBeGreaterThan(0);
    expect(await recordCells(inChunks)).toEqual(await recordCells(perEvent));
    const timelinessCells = (db: ThrowawaySchema) =>
      db.dataSource.query(`SELECT day, project, dimension, key, sum(dispatch_judged)::int AS dispatch_judged, sum(dispatch_on_time)::int AS dispatch_on_time,
                                  sum(on_site_judged)::int AS on_site_judged, sum(on_site_on_time)::int AS on_site_on_time
                             FROM ticket_timeliness_rollups GROUP BY 1, 2, 3, 4 HAVING sum(dispatch_judged) <> 0 OR sum(on_site_judged) <> 0 ORDER BY 1, 2, 3, 4`);
    expect((await timelinessCells(perEvent)).length).toBeGreaterThan(0);
    expect(await timelinessCells(inChunks)).toEqual(await timelinessCells(perEvent));
    await expectRollupsToMatch(inChunks);
  }, 120_000);

  it('given the rollups folded, then the figures are unchanged and every cell is one row', async () => {
    await new MaintainRollups(perEvent.dataSource, createLogger('reporting', 'silent')).catchUp();
    for (const ledger of ['ticket_rollups', 'ticket_record_rollups', 'ticket_timeliness_rollups']) {
      const [{ unfolded, rows }] = (await perEvent.dataSource.query(`SELECT count(*) FILTER (WHERE NOT folded)::int AS unfolded, count(*)::int AS rows FROM ${ledger}`)) as { unfolded: number; rows: number }[];
      expect([ledger, unfolded, rows > 0]).toEqual([ledger, 0, true]);
    }
    await expectRollupsToMatch(perEvent);
  }, 120_000);

  it('given the monthly report, then it is the report computed ticket by ticket', async () => {
    const query = queryOf(perEvent);
    // Answer accuracy: spot checks of a project, of another and of none, in the month and the month before.
    for (const [projectCode, passed, at] of [['P001', true, '2026-12-03T02:00:00Z'], ['P002', false, '2026-12-04T02:00:00Z'], [null, false, '2026-12-05T02:00:00Z'], ['P001', false, '2026-11-20T02:00:00Z']] as const) {
      await insertSpotCheck(perEvent.dataSource.manager, {
        id: randomUUID(),
        agentId: 'agent-7',
        targetKind: 'recording',
        targetId: null,
        targetUrl: 'https://recordings.example.com/call.mp3',
        projectCode,
        passed,
        comments: '抽检',
        checkedAt: new Date(at),
        checkedBy: 'quality-1',
      });
    }
    const calendars = new WorkingCalendar(new CalendarReplica(perEvent.dataSource));
    for (const selection of [SCOPES[0]![1], SCOPES[2]![1]]) {
      const report = await new ComposeMonthlyReport(query, calendars).execute('monthly', '2026-12', selection.projects, selection.scope);
      const [now, before] = [await query.facts({ period: monthPeriod('2026-12', zone), ...selection }), await query.facts({ period: monthPeriod(previousMonth('2026-12'), zone), ...selection })];
      const period = { kind: 'monthly' as const, period: '2026-12', previousPeriod: '2026-11', ...monthPeriod('2026-12', zone) };
      expect(report).toEqual(monthlyReport(period, now, before, durationsBy(now.calendar)));
      expect(report.kpis.current.answerAccuracyRate).not.toBeNull();
    }
  }, 60_000);

  it('given more escalations than a report lists, then those read from the index are the most escalated in the report’s order, counted as ticket by ticket', async () => {
    const listed = 3;
    for (const [, period] of PERIODS.slice(0, 3)) {
      for (const [, selection] of SCOPES) {
        const expected = escalationsOf((await queryOf(perEvent).facts({ period, ...selection })).tickets, listed);
        const read = await escalatedTicketsOpenedIn(perEvent.dataSource.manager, period, selection.scope, selection.projects, listed);
        expect(escalationTable(read.total, read.tickets)).toEqual(expected);
      }
    }
    const all = escalationsOf((await queryOf(perEvent).facts({ period: PERIODS[2]![1], ...SCOPES[0]![1] })).tickets, listed);
    expect(all.total).toBeGreaterThan(listed);
    expect(all.listed.map((e) => e.level)).toEqual([...all.listed.map((e) => e.level)].sort((a, b) => b - a));
  }, 60_000);

  it('given rows deleted by hand, then figures are read ticket by ticket until their share is taken away, and then match again', async () => {
    await perEvent.dataSource.query(`DELETE FROM ticket_facts WHERE ticket_id IN (SELECT ticket_id FROM ticket_facts ORDER BY number LIMIT 7)`);
    expect(await rollupsBehindTickets(perEvent.dataSource.manager, 0)).toBe(true);
    await new MaintainRollups(perEvent.dataSource, createLogger('reporting', 'silent')).catchUp();
    await expectRollupsToMatch(perEvent);
  }, 120_000);

  it('given a new calendar with a holiday, then the tickets are counted again by it and the rollups match the tickets read by it', async () => {
    const hours: [string, string][] = [['08:30', '12:00'], ['13:30', '17:30']];
    await perEvent.dataSource.transaction((tx) =>
      new CalendarReplica(perEvent.dataSource).apply(tx, {
        calendarId: 'default',
        version: 3,
        document: { timezone: 'Asia/Shanghai', workingHours: { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours, sat: [], sun: [] }, holidays: [{ date: '2026-11-16', name: '公司假日' }], workingDays: [] },
        at: new Date().toISOString(),
      }),
    );
    expect(await rollupsBehindTickets(perEvent.dataSource.manager, 3)).toBe(true);
    await new MaintainRollups(perEvent.dataSource, createLogger('reporting', 'silent')).catchUp();
    await expectRollupsToMatch(perEvent);
  }, 120_000);
});
