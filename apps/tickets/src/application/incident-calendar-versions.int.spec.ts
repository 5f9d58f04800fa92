import { randomUUID } from 'node:crypto';
import { OFFICE_WEEK } from '@cs/business-calendar';
import { loadServiceConfig } from '@cs/config';
import { createLogger } from '@cs/observability';
import { ThrowawaySchema, eventually, throwawaySchema } from '@cs/testing';
import { DEFAULT_POLICIES } from '../domain/sla-policy';
import { Ticket, openTicket } from '../domain/ticket';
import { startClocks } from '../domain/ticket-sla';
import { CalendarRecomputeJobRepository } from '../infrastructure/calendar-recompute-jobs.repository';
import { CalendarStore } from '../infrastructure/calendar-store';
import { HeldClockRepository } from '../infrastructure/held-clocks.repository';
import { IncidentRepository } from '../infrastructure/incident.repository';
import { MIGRATIONS } from '../infrastructure/migrations';
import { IncidentSlaTimerRepository, SlaTimerRepository } from '../infrastructure/sla-timer.repository';
import { TicketRepository } from '../infrastructure/ticket.repository';
import { cacheThatRead } from '../testing/calendar-caches';
import { dueWorkFailures } from '../testing/due-work';
import { incidentServices, ticketServices } from '../testing/ticket-services';
import { FireIncidentSlaTimers } from './fire-incident-sla-timers';
import { loadCalendars } from './calendar-source';
import { RecomputeDeadlines } from './recompute-deadlines';
import { RunIncidentCommand } from './run-incident-command';

/**
 * 群发事件 — an incident's deadlines counted by the calendars as its transaction sees them, on a
 * replica whose calendar cache read a calendar just before another replica changed it (ADR 0018,
 * ADR 0040).
 */
let db: ThrowawaySchema;
const incidents = new IncidentRepository();
const timers = new IncidentSlaTimerRepository();
const jobs = new CalendarRecomputeJobRepository();
const supervisor = { sub: 'sup-1', roles: ['supervisor'], projects: ['P-CAL'] };
const cst = (local: string) => new Date(`${local}+08:00`);
/** Monday 09:00: the repair policy's resolution is due at the close of the third working day after. */
const monday = cst('2026-11-23T09:00:00');
const dueByOfficeWeek = cst('2026-11-26T17:30:00');
/** Closed on the Tuesday for a typhoon: the resolution is due a working day later. */
const dueAfterTyphoon = cst('2026-11-27T17:30:00');
const OPEN = { timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK, holidays: [], workingDays: [] };
const TYPHOON = { ...OPEN, holidays: [{ date: '2026-11-24', name: '台风停工' }] };

/** One replica's objects, with its own calendar cache (a fresh one unless given); the loops' polling is never started here. */
function replica(store = new CalendarStore(db.dataSource)): { run: RunIncidentCommand; fire: FireIncidentSlaTimers; walk: RecomputeDeadlines } {
  const { run } = incidentServices(db, store);
  const config = loadServiceConfig('tickets', { NODE_ENV: 'test' });
  const logger = createLogger('tickets', 'silent');
  const fire = new FireIncidentSlaTimers(db.dataSource, incidents, timers, jobs, run, dueWorkFailures(db.dataSource), logger, config);
  const walk = new RecomputeDeadlines(db.dataSource, jobs, store, new TicketRepository(), new SlaTimerRepository(), ticketServices(db, store).run, incidents, timers, run, new HeldClockRepository(), dueWorkFailures(db.dataSource), logger, config);
  return { run, fire, walk };
}

const replicaThatRead = (calendarId: string) => cacheThatRead(db, calendarId);

const rows = <Row>(sql: string, params: unknown[] = []) => db.dataSource.query(sql.replaceAll('{s}', db.schema), params) as Promise<Row[]>;
const unfired = (id: string) =>
  rows<{ clock: string; kind: string; threshold: number; fire_at: Date }>(
    `SELECT clock, kind, threshold, fire_at FROM {s}.incident_sla_timers WHERE incident_id = $1 AND fired_at IS NULL ORDER BY fire_at, clock, kind`,
    [id],
  );
const resolutionBreach = async (id: string) => (await unfired(id)).find((t) => t.clock === 'resolution' && t.kind === 'breach')?.fire_at;

/** A lift stopped in the project, declared at `at`, timed by the repair policy. */
const declareAt = (run: RunIncidentCommand, at: Date) =>
  run.declare(supervisor, { place: { projectCode: 'P-CAL', building: '1' }, itemCode: 'repair.public_area', title: '电梯停运', description: '电梯停在12楼', priority: 'high' }, at);

/** The repair policy counts by a calendar of its own, open all the office week. */
async function repairsTimedBy(calendarId: string): Promise<CalendarStore> {
  const store = new CalendarStore(db.dataSource);
  await store.put(calendarId, OPEN, undefined, 'admin-1');
  await rows(`UPDATE {s}.sla_policies SET document = jsonb_set(document::jsonb, '{calendarId}', to_jsonb($1::text)) WHERE id = 'repair'`, [calendarId]);
  return store;
}

beforeAll(async () => {
  db = await throwawaySchema('tickets_incident_calendars', MIGRATIONS);
});

afterAll(async () => {
  await db?.drop();
});

describe('an incident changed on a replica that read a calendar just before it changed', () => {
  it('given the change, when an incident is declared through that replica, then its timers are planned by the calendar as changed', async () => {
    const store = await repairsTimedBy('harbour');
    const behind = await replicaThatRead('harbour');
    await store.put('harbour', TYPHOON, undefined, 'admin-1');

    const declared = await declareAt(replica(behind).run, monday);

    expect(await resolutionBreach(declared.id)).toEqual(dueAfterTyphoon);
  });

  it('given an incident planned before the change, when it is dispatched through that replica, then its timers are planned by the calendar as changed', async () => {
    const store = await repairsTimedBy('dock');
    const declared = await declareAt(replica(store).run, monday);
    expect(await resolutionBreach(declared.id)).toEqual(dueByOfficeWeek);
    const behind = await replicaThatRead('dock');
    await store.put('dock', TYPHOON, undefined, 'admin-1');

    await replica(behind).run.execute(declared.id, supervisor, { action: 'dispatch', department: 'engineering' }, undefined, cst('2026-11-23T10:00:00'));

    expect(await resolutionBreach(declared.id)).toEqual(dueAfterTyphoon);
  });

  it('given an incident planned by the changed calendar, when a warning fires on that replica, then its other timers stay planned by the calendar as changed', async () => {
    const store = await repairsTimedBy('berth');
    const behind = await replicaThatRead('berth');
    await store.put('berth', TYPHOON, undefined, 'admin-1');
    const declared = await declareAt(replica(store).run, monday);
    const firstWarning = (await unfired(declared.id))[0]!;
    expect(firstWarning).toMatchObject({ clock: 'first_response', kind: 'warning' });

    expect(await replica(behind).fire.fireDue(firstWarning.fire_at)).toBeGreaterThan(0);

    expect(await resolutionBreach(declared.id)).toEqual(dueAfterTyphoon);
  });
});

describe('an incident when a calendar it counts by changes', () => {
  it('given an open incident planned before the change, when the change is walked, then its timers are planned by the calendar as changed, its version and history as they were', async () => {
    const store = await repairsTimedBy('slipway');
    await replica().walk.drain(monday);
    const declared = await declareAt(replica(store).run, monday);
    const historyBefore = await incidents.history(db.dataSource, declared.id);
    await store.put('slipway', TYPHOON, undefined, 'admin-1');

    const passes = await replica().walk.drain(monday);

    expect(passes).toEqual([expect.objectContaining({ calendarId: 'slipway', incidents: { walked: 1, recomputed: 1, failed: 0, refused: 0 }, finished: true })]);
    expect(await resolutionBreach(declared.id)).toEqual(dueAfterTyphoon);
    const walked = (await incidents.find(db.dataSource, declared.id))!;
    expect(walked.version).toBe(declared.version);
    expect(await incidents.history(db.dataSource, declared.id)).toEqual(historyBefore);
    // Walked again by a later change that moves nothing of it, it is left as it is.
    await store.put('slipway', { ...TYPHOON, holidays: [...TYPHOON.holidays, { date: '2027-01-04', name: '盘点' }] }, undefined, 'admin-1');
    expect(await replica().walk.drain(monday)).toEqual([expect.objectContaining({ incidents: { walked: 1, recomputed: 0, failed: 0, refused: 0 } })]);
  });

  it('given a breach planned before a change that moved its deadline later, when it comes due before the walk reaches the incident, then it breaches nothing and is planned at its new moment', async () => {
    const store = await repairsTimedBy('wharf');
    const declared = await declareAt(replica(store).run, monday);
    await store.put('wharf', TYPHOON, undefined, 'admin-1');

    await replica().fire.fireDue(dueByOfficeWeek);

    const incident = (await incidents.find(db.dataSource, declared.id))!;
    expect(incident.clocks.find((c) => c.kind === 'resolution')?.breachedAt).toBeUndefined();
    expect(await resolutionBreach(declared.id)).toEqual(dueAfterTyphoon);
  });
});

describe('an incident resolved while a calendar change walks its children', () => {
  /** Children counted, not drawn: ticket numbers are unique. */
  let numbered = 0;
  /** An open ticket of the incident's project with the id given, its clocks counted by `calendarId`, a child of the incident. */
  async function childOf(incidentId: string, id: string, calendarId: string, store: CalendarStore): Promise<Ticket> {
    const timing = { ...DEFAULT_POLICIES.find((p) => p.id === 'default')!, calendarId };
    const base = openTicket({
      id,
      number: `TK-20261123-${String((numbered += 1) + 100_000)}`,
      contactId: randomUUID(),
      customerId: randomUUID(),
      customerName: '张*',
      channel: 'phone',
      itemCode: 'repair.public_area',
      unit: { projectCode: 'P-CAL', building: '1' },
      ownerId: 'agent-1',
      occurredAt: monday,
      at: monday,
    });
    const calendars = await loadCalendars(store, [calendarId]);
    const ticket: Ticket = { ...base, status: 'in_progress', policyId: timing.id, clocks: startClocks(timing, base, calendars(calendarId)) };
    const { writer } = ticketServices(db, store);
    await db.dataSource.transaction((tx) => writer.save(tx, undefined, ticket, [], { calendars, policy: timing, now: monday, history: { actor: 'agent-1', action: 'created', details: {} } }));
    await rows(`UPDATE {s}.tickets SET incident_id = $2 WHERE id = $1`, [id, incidentId]);
    return ticket;
  }

  it('given children walked in id order and joined in another, when the incident is resolved as the walk locks them, then both finish: the children owed are locked in id order too, without a deadlock', async () => {
    const store = await repairsTimedBy('quay');
    await store.put('canal', OPEN, undefined, 'admin-1');
    await replica().walk.drain(monday);
    const declared = await declareAt(replica(store).run, monday);
    // Joined first, b… before a…: the order the children are read in is not their ids'.
    const later = `b${randomUUID().slice(1)}`;
    const first = `a${randomUUID().slice(1)}`;
    await childOf(declared.id, later, 'canal', store);
    await childOf(declared.id, first, 'canal', store);
    await store.put('canal', TYPHOON, undefined, 'admin-1');

    let release!: () => void;
    let holder!: number;
    const holding = db.dataSource.transaction(async (tx) => {
      await tx.query(`SELECT id FROM ${db.schema}.tickets WHERE id = $1 FOR UPDATE`, [first]);
      holder = ((await tx.query('SELECT pg_backend_pid() AS pid')) as { pid: number }[])[0]!.pid;
      await new Promise<void>((resolve) => (release = resolve));
    });
    await eventually(async () => expect(release).toBeDefined());
    // Those waiting behind the holder, directly or behind another waiting: other suites' sessions on the same database are not counted.
    const waiting = async () =>
      (
        await rows<{ n: number }>(
          `WITH RECURSIVE behind(pid) AS (SELECT $1::int UNION SELECT a.pid FROM pg_stat_activity a JOIN behind b ON b.pid = ANY(pg_blocking_pids(a.pid)))
           SELECT count(*)::int - 1 AS n FROM behind`,
          [holder],
        )
      )[0]!.n;

    // The walk (the change of the children's calendar, not the incident's) waits for a… first.
    const walking = replica().walk.runOnce(monday);
    await eventually(async () => expect(await waiting()).toBe(1));
    const resolving = replica(store).run.execute(declared.id, supervisor, { action: 'resolve', resolution: '电梯已恢复', resolveChildren: true }, undefined, monday);
    await eventually(async () => expect(await waiting()).toBe(2));
    release();
    await holding;

    const [walked, resolved] = await Promise.allSettled([walking, resolving]);
    expect(walked).toMatchObject({ status: 'fulfilled', value: { calendarId: 'canal', walked: 2, failed: 0 } });
    expect(resolved).toMatchObject({ status: 'fulfilled', value: { status: 'resolved' } });
    expect((await rows<{ ticket_id: string }>(`SELECT ticket_id::text FROM {s}.incident_child_resolutions WHERE incident_id = $1 ORDER BY ticket_id`, [declared.id])).map((r) => r.ticket_id)).toEqual([first, later]);
  });
});
