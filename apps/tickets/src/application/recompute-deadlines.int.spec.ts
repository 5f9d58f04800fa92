import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import type { DataSource, EntityManager } from 'typeorm';
import { OFFICE_WEEK, isWorkingDay } from '@cs/business-calendar';
import { loadServiceConfig } from '@cs/config';
import { TicketDeadlinesRecomputedV1, validateConsumedEventData } from '@cs/contracts';
import { ServiceMetrics, createLogger } from '@cs/observability';
import { ThrowawaySchema, backendPid, eventually, recordingQueries, sessionsWaitingOn, throwawaySchema } from '@cs/testing';
import { dueAt } from '../domain/sla-clock';
import { DEFAULT_POLICIES, SlaPolicy } from '../domain/sla-policy';
import { Ticket, openTicket } from '../domain/ticket';
import type { TicketCommandData } from '../domain/ticket-commands';
import { startClocks } from '../domain/ticket-sla';
import { CalendarRecomputeJobRepository } from '../infrastructure/calendar-recompute-jobs.repository';
import { CalendarStore } from '../infrastructure/calendar-store';
import { HeldAwaitingTry, HeldClockRepository } from '../infrastructure/held-clocks.repository';
import { MIGRATIONS } from '../infrastructure/migrations';
import { refreshOfficialCalendar } from '../infrastructure/official-holidays/refresh-official-calendar';
import { SlaTimerRepository } from '../infrastructure/sla-timer.repository';
import { TicketRepository } from '../infrastructure/ticket.repository';
import { CatalogueRepository } from '../infrastructure/catalogue.repository';
import { IncidentRepository } from '../infrastructure/incident.repository';
import { FindTickets } from './find-tickets';
import { incidentServices, ticketServices } from '../testing/ticket-services';
import { loadCalendars } from './calendar-source';
import { HeldPass, RecomputeDeadlines } from './recompute-deadlines';
import { FireSlaTimers } from './fire-sla-timers';
import { MergeTickets } from './merge-tickets';
import { RunTicketCommand } from './run-ticket-command';
import { cacheThatRead } from '../testing/calendar-caches';
import { dueWorkFailures } from '../testing/due-work';
import { contactReceived } from '../testing/fixtures';

const cst = (local: string) => new Date(`${local}+08:00`);
/** Tuesday before National Day 2026: a 3-working-day resolution skips the holiday week by the official data. */
const opened = cst('2026-09-29T10:00:00');
const now = cst('2026-09-29T11:00:00');
const TODAY = new Date('2026-11-30T00:00:00Z');
/** The company lists its own 2026 (a company day only): National Day is then a working week for it. */
const COMPANY_2026 = { timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK, holidays: [{ date: '2026-06-01', name: '公司周年' }], workingDays: [] };
const policy = DEFAULT_POLICIES.find((p) => p.id === 'default')!;

let db: ThrowawaySchema;
let store: CalendarStore;
/** The last ticket number given: counted, as random numbers may repeat within the schema. */
let numbered = 0;
const tickets = new TicketRepository();
const timers = new SlaTimerRepository();
const jobs = new CalendarRecomputeJobRepository();
/** The registry the replicas count failed tries of held clocks in. */
const heldMetrics = new ServiceMetrics('tickets');

/** The service's objects as a replica builds them; `store` is that replica's own calendar cache. */
function replica(
  calendarStore = new CalendarStore(db.dataSource),
  run = ticketServices(db, calendarStore).run,
  logger = createLogger('tickets', 'silent'),
  dataSource: DataSource = db.dataSource,
  jobRepository: CalendarRecomputeJobRepository = jobs,
  held: HeldClockRepository = new HeldClockRepository(),
): RecomputeDeadlines {
  const incident = incidentServices(db, calendarStore);
  return new RecomputeDeadlines(
    dataSource,
    jobRepository,
    calendarStore,
    tickets,
    timers,
    run,
    incident.incidents,
    incident.timers,
    incident.run,
    held,
    dueWorkFailures(db.dataSource, heldMetrics),
    logger,
    loadServiceConfig('tickets', { NODE_ENV: 'test' }),
  );
}

async function openTicketTimedByDefault(status: Ticket['status'] = 'in_progress'): Promise<Ticket> {
  return openTicketTimedBy(policy, status);
}

async function openTicketTimedBy(timing: SlaPolicy, status: Ticket['status'] = 'in_progress', customerId = randomUUID()): Promise<Ticket> {
  const base = openTicket({
    id: randomUUID(),
    number: `TK-20260929-${String((numbered += 1) + 100_000)}`,
    contactId: randomUUID(),
    customerId,
    customerName: '张*',
    channel: 'phone',
    itemCode: 'repair.public_area',
    unit: { projectCode: 'P001' },
    ownerId: 'agent-1',
    occurredAt: opened,
    at: opened,
  });
  const calendars = await loadCalendars(store, [timing.calendarId]);
  const ticket: Ticket = { ...base, status, policyId: timing.id, clocks: startClocks(timing, base, calendars(timing.calendarId)) };
  const { writer } = ticketServices(db, store);
  await db.dataSource.transaction((tx) => writer.save(tx, undefined, ticket, [], { calendars, policy: timing, now, history: { actor: 'agent-1', action: 'created', details: {} } }));
  return ticket;
}

const rows = <Row>(sql: string, params: unknown[] = []) => db.dataSource.query(sql.replaceAll('{s}', db.schema), params) as Promise<Row[]>;

/**
 * Makes every `event` on `table` for `ticketId` fail as a statement past its time limit does
 * (57014), except in a transaction that spares itself (`spareTimeOuts`); returns what lifts it.
 */
async function timeOut(ticketId: string, event: 'INSERT' | 'DELETE', table: 'ticket_history' | 'held_clocks'): Promise<() => Promise<unknown>> {
  const trigger = `time_out_${ticketId.replaceAll('-', '_')}`;
  await rows(
    `CREATE OR REPLACE FUNCTION {s}.time_out() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN RAISE EXCEPTION 'canceling statement due to statement timeout' USING ERRCODE = '57014'; END $$`,
  );
  await rows(
    `CREATE TRIGGER ${trigger} BEFORE ${event} ON {s}.${table} FOR EACH ROW
      WHEN (${event === 'INSERT' ? 'NEW' : 'OLD'}.ticket_id = '${ticketId}' AND current_setting('${SPARED}', true) IS DISTINCT FROM 'on') EXECUTE FUNCTION {s}.time_out()`,
  );
  return () => rows(`DROP TRIGGER ${trigger} ON {s}.${table}`);
}
const SPARED = 'cs_test.spared_time_outs';
/** The rest of `tx` meets none of the faults `timeOut` makes. */
const spareTimeOuts = (tx: EntityManager) => tx.query(`SELECT set_config('${SPARED}', 'on', true)`);
/**
 * Starts `run` beside the transaction `tx` and returns once `run` has settled or waits for a lock
 * `tx` holds, whichever comes first: what a transaction starting at that moment meets. `run`'s
 * outcome is returned, to be awaited once `tx` has gone on.
 */
async function letThrough(tx: EntityManager, run: () => Promise<unknown>): Promise<{ readonly outcome: Promise<unknown> }> {
  const pid = await backendPid(tx);
  let settled = false;
  const outcome = run().finally(() => (settled = true));
  outcome.catch(() => undefined);
  await eventually(async () => settled || expect(await sessionsWaitingOn(db.dataSource, pid)).toBeGreaterThan(0), 30_000, 50);
  return { outcome };
}
/** A sweep's held clocks that let `run` through (`letThrough`) once the sweep has taken the held clocks it tries. */
class SweepLettingThrough extends HeldClockRepository {
  between: Promise<unknown> | undefined;
  constructor(private readonly run: () => Promise<unknown>) {
    super();
  }
  override async awaitingTry(tx: EntityManager, at: Date, limit: number): Promise<HeldAwaitingTry[]> {
    const awaiting = await super.awaitingTry(tx, at, limit);
    this.between ??= (await letThrough(tx, this.run)).outcome;
    return awaiting;
  }
}
const resolutionBreach = async (id: string) =>
  (await rows<{ fire_at: Date }>(`SELECT fire_at FROM {s}.sla_timers WHERE ticket_id = $1 AND clock = 'resolution' AND kind = 'breach' AND fired_at IS NULL`, [id]))[0]?.fire_at;
const recomputedHistory = (id: string) =>
  rows<{ details: { calendarVersion: number; changes: { clock: string; previousDueAt?: string; dueAt: string }[] } }>(
    `SELECT details FROM {s}.ticket_history WHERE ticket_id = $1 AND action = 'deadlines_recomputed' ORDER BY id`,
    [id],
  );
/** Monday in nine working intervals, as a calendar could be put before more than eight were refused. */
const NINE_INTERVALS_ON_MONDAY = JSON.stringify({
  timezone: 'Asia/Shanghai',
  workingHours: { ...OFFICE_WEEK, mon: Array.from({ length: 9 }, (_, h) => [`1${h}:00`, `1${h}:30`]) },
  holidays: [],
  workingDays: [],
});
/** Writes a calendar as a release before this one stored it, past today's checks, with the recompute job its change left waiting since `waitingFor` ago. */
async function storedByAnEarlierRelease(id: string, document: string, waitingFor = '1 minute'): Promise<void> {
  await rows(`UPDATE {s}.business_calendars SET company_document = $1::jsonb, document = $1::jsonb, version = version + 1 WHERE id = $2`, [document, id]);
  await rows(
    `INSERT INTO {s}.calendar_recompute_jobs (calendar_id, version, created_at) SELECT id, version, now() - $2::interval FROM {s}.business_calendars WHERE id = $1`,
    [id, waitingFor],
  );
}
/** The SLA timer loop of the replica whose calendar cache is `calendarStore`, firing what is due at `at`. */
function fireDueOn(calendarStore: CalendarStore, at: Date): Promise<number> {
  const config = loadServiceConfig('tickets', { NODE_ENV: 'test' });
  return new FireSlaTimers(db.dataSource, tickets, timers, jobs, ticketServices(db, calendarStore).run, dueWorkFailures(db.dataSource), createLogger('tickets', 'silent'), config).fireDue(at);
}
const replicaThatRead = (calendarId: string) => cacheThatRead(db, calendarId);
/** Runs `test` with complaints timed by `calendarId`, then by default again. */
async function timingComplaintsBy(calendarId: string, test: () => Promise<void>): Promise<void> {
  await rows(`UPDATE {s}.sla_policies SET document = jsonb_set(document::jsonb, '{calendarId}', to_jsonb($1::text)) WHERE id = 'complaint'`, [calendarId]);
  try {
    await test();
  } finally {
    await rows(`UPDATE {s}.sla_policies SET document = jsonb_set(document::jsonb, '{calendarId}', '"default"') WHERE id = 'complaint'`);
  }
}
const timersOf = (id: string) => rows<{ kind: string }>(`SELECT kind FROM {s}.sla_timers WHERE ticket_id = $1`, [id]);
const historyActions = async (id: string) => (await rows<{ action: string }>(`SELECT action FROM {s}.ticket_history WHERE ticket_id = $1 ORDER BY id`, [id])).map((r) => r.action);
const published = async (id: string) =>
  (await rows<{ event_type: string; payload: string }>(`SELECT event_type, payload FROM {s}.outbox WHERE message_key = $1 ORDER BY seq`, [id])).map((r) => ({
    type: r.event_type,
    payload: JSON.parse(r.payload) as Record<string, unknown>,
  }));
/** A logger keeping the warnings it is given, as their fields and message. */
function warningsKept(): { readonly logger: ReturnType<typeof createLogger>; readonly warnings: () => Record<string, unknown>[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter((line) => line.length > 0));
      done();
    },
  });
  const warnings = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((entry) => entry['level'] === 'warn');
  return { logger: createLogger('tickets', 'warn', stream), warnings };
}
/** A ticket whose resolution counts by `calendarId` and first response by `deskCalendarId`, both calendars new and walked. */
async function openTicketWithDesk(calendarId: string, deskCalendarId: string): Promise<Ticket> {
  await replica().drain(now);
  for (const id of [calendarId, deskCalendarId]) await store.put(id, { timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK }, undefined, 'admin-1');
  await replica().drain(now);
  const ticket = await openTicketTimedBy({ ...policy, id: calendarId, calendarId });
  const clocks = ticket.clocks.map((c) => (c.kind === 'first_response' ? { ...c, calendarId: deskCalendarId } : c));
  await rows(`UPDATE {s}.tickets SET clocks = $1::jsonb WHERE id = $2`, [JSON.stringify(clocks), ticket.id]);
  return ticket;
}
const pendingJobs = () => rows<{ version: number }>(`SELECT version FROM {s}.calendar_recompute_jobs WHERE finished_at IS NULL`);

beforeAll(async () => {
  db = await throwawaySchema('tickets_recompute', MIGRATIONS);
  store = new CalendarStore(db.dataSource);
});

afterAll(async () => {
  await db?.drop();
});

describe('official holidays in the default calendar', () => {
  it('given a fresh schema, when the official data is refreshed, then default knows National Day 2026 at a new version; again, nothing moves', async () => {
    const first = await refreshOfficialCalendar(db.dataSource, TODAY);
    expect(first).toMatchObject({ officialChanged: true, calendars: [{ id: 'default', version: 2 }] });
    expect(first.years).toContain(2026);
    const fresh = await new CalendarStore(db.dataSource).getWithVersion('default');
    expect(fresh.version).toBe(2);
    expect(isWorkingDay(fresh.calendar, cst('2026-10-01T12:00:00'))).toBe(false);
    expect(isWorkingDay(fresh.calendar, cst('2026-10-10T12:00:00'))).toBe(true);

    const again = await refreshOfficialCalendar(db.dataSource, TODAY);
    expect(again).toMatchObject({ officialChanged: false, calendars: [] });
    expect((await new CalendarStore(db.dataSource).getWithVersion('default')).version).toBe(2);
  });

  it('given calendars the company names itself, when the official data is refreshed, then they stay as uploaded', async () => {
    await store.put('warehouse', { timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK }, undefined, 'admin-1');
    await refreshOfficialCalendar(db.dataSource, TODAY);
    const warehouse = await new CalendarStore(db.dataSource).getWithVersion('warehouse');
    expect(warehouse.version).toBe(1);
    expect(warehouse.calendar.holidays).toEqual([]);
  });
});

describe('recomputing open tickets when a calendar changes', () => {
  it('given open tickets timed by default, when the company uploads its own 2026, then each open deadline moves once with history, timers and an event', async () => {
    // The refresh above left its own job; no ticket was open then.
    await replica().drain(now);
    const open = await Promise.all([openTicketTimedByDefault(), openTicketTimedByDefault(), openTicketTimedByDefault()]);
    const resolved = await openTicketTimedByDefault('resolved');
    const officialDue = cst('2026-10-09T17:30:00');
    expect(await resolutionBreach(open[0]!.id)).toEqual(officialDue);

    // A replica that read the calendar before the change, walking two tickets per batch, dies in its second batch.
    const staleStore = new CalendarStore(db.dataSource);
    await staleStore.get('default');
    const put = await store.put('default', COMPANY_2026, undefined, 'admin-1');
    expect(await pendingJobs()).toEqual([{ version: put.version }]);
    class FailingOnSecond extends RunTicketCommand {
      calls = 0;
      override async decideAndSave(tx: EntityManager, before: Ticket, data: TicketCommandData, by: string, at: Date): Promise<Ticket> {
        // The database gone: nobody's fault, the batch fails (a ticket's own failure is passed by).
        if (++this.calls === 3) throw new Error('Connection terminated: replica lost');
        return super.decideAndSave(tx, before, data, by, at);
      }
    }
    const { writer, policies } = ticketServices(db, staleStore);
    const failing = replica(staleStore, new FailingOnSecond(db.dataSource, tickets, policies, writer, staleStore, new CatalogueRepository()));
    expect(await failing.runOnce(now, 2)).toMatchObject({ walked: 2, finished: false });
    await expect(failing.runOnce(now, 2)).rejects.toThrow('replica lost');

    // Another replica finishes the job from its last committed batch.
    expect(await replica().drain(now, 2)).toEqual([expect.objectContaining({ version: put.version, finished: true })]);
    expect(await pendingJobs()).toEqual([]);

    const companyDue = cst('2026-10-02T17:30:00');
    for (const ticket of open) {
      const history = await recomputedHistory(ticket.id);
      expect(history).toHaveLength(1);
      expect(history[0]!.details).toMatchObject({
        calendarVersion: put.version,
        changes: expect.arrayContaining([{ clock: 'resolution', previousDueAt: officialDue.toISOString(), dueAt: companyDue.toISOString() }]),
      });
      expect(await resolutionBreach(ticket.id)).toEqual(companyDue);
    }
    expect(await recomputedHistory(resolved.id)).toEqual([]);
    const published = await rows<{ message_key: string }>(`SELECT message_key FROM {s}.outbox WHERE event_type = 'ticket.deadlines_recomputed.v1'`);
    expect(published.map((p) => p.message_key).sort()).toEqual(open.map((t) => t.id).sort());
  });

  it('given a calendar change that moves no deadline, when recomputed, then the job finishes without history', async () => {
    const ticket = await openTicketTimedByDefault();
    // A company day after every running deadline.
    await store.put('default', { ...COMPANY_2026, holidays: [...COMPANY_2026.holidays, { date: '2026-12-31', name: '年终盘点' }] }, undefined, 'admin-1');
    const passes = await replica().drain(now);
    expect(passes).toEqual([expect.objectContaining({ recomputed: 0, finished: true })]);
    expect(await recomputedHistory(ticket.id)).toEqual([]);
  });

  it('given timers that came due before the walk reached their ticket, then nothing breaches nor goes to the manager, and the breach is planned anew', async () => {
    await replica().drain(now);
    const ticket = await openTicketTimedByDefault();
    const plannedDue = await resolutionBreach(ticket.id);
    if (!plannedDue) throw new Error('no breach planned');
    const planned = await rows<{ kind: string; fire_at: Date }>(`SELECT kind, fire_at FROM {s}.sla_timers WHERE ticket_id = $1 AND fired_at IS NULL`, [ticket.id]);
    // A typhoon day on the day after the ticket was opened: every deadline of its clocks moves a working day later.
    await store.put('default', { ...COMPANY_2026, holidays: [...COMPANY_2026.holidays, { date: '2026-09-30', name: '台风停工' }] }, undefined, 'admin-1');

    // A replica's timer loop reaches the old moments before the walk reaches the ticket.
    await fireDueOn(store, plannedDue);
    const fired = await rows<{ kind: string }>(`SELECT kind FROM {s}.sla_timers WHERE ticket_id = $1 AND fired_at IS NOT NULL`, [ticket.id]);
    expect(fired.map((t) => t.kind).sort()).toEqual(planned.filter((t) => t.fire_at <= plannedDue).map((t) => t.kind).sort());
    const told = await rows<{ event_type: string }>(`SELECT event_type FROM {s}.outbox WHERE message_key = $1 AND event_type IN ('sla.breached.v1', 'ticket.escalated.v1')`, [ticket.id]);
    expect(told).toEqual([]);

    // Saving the pass planned the breaches and the manager's escalations at their new moments; the walk finds nothing left to move.
    const movedDue = await resolutionBreach(ticket.id);
    expect(movedDue?.getTime()).toBeGreaterThan(plannedDue.getTime());
    const managerTimers = await rows<{ fire_at: Date }>(`SELECT fire_at FROM {s}.sla_timers WHERE ticket_id = $1 AND kind = 'escalate_manager' AND fired_at IS NULL`, [ticket.id]);
    expect(managerTimers.length).toBeGreaterThan(0);
    await replica().drain(plannedDue);
    expect(await resolutionBreach(ticket.id)).toEqual(movedDue);
  });

  it('given a warning timer that came due after a calendar change moved its moment later, before the walk reached the ticket, then it warns of nothing and is planned at its new moment', async () => {
    await store.put('harbour', { timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK, holidays: [], workingDays: [] }, undefined, 'admin-1');
    await replica().drain(now);
    const ticket = await openTicketTimedBy({ ...policy, id: 'harbour-repairs', calendarId: 'harbour' });
    const warnings = () =>
      rows<{ clock: string; threshold: number; fire_at: Date }>(
        `SELECT clock, threshold, fire_at FROM {s}.sla_timers WHERE ticket_id = $1 AND kind = 'warning' AND fired_at IS NULL ORDER BY fire_at`,
        [ticket.id],
      );
    // The resolution's last warning: on or after Wednesday, the day the harbour then closes for a typhoon.
    const planned = (await warnings()).filter((w) => w.clock === 'resolution').at(-1);
    if (!planned || planned.fire_at < cst('2026-09-30T00:00:00')) throw new Error('no warning planned after the typhoon day');
    await store.put('harbour', { timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK, holidays: [{ date: '2026-09-30', name: '台风停工' }], workingDays: [] }, undefined, 'admin-1');

    await fireDueOn(store, planned.fire_at);

    const told = await rows<{ event_type: string }>(
      `SELECT event_type FROM {s}.outbox WHERE message_key = $1 AND event_type = 'sla.warning.v1'
          AND payload::jsonb ->> 'clock' = 'resolution' AND (payload::jsonb ->> 'thresholdPercent')::int = $2`,
      [ticket.id, planned.threshold],
    );
    expect(told).toEqual([]);
    const replanned = (await warnings()).find((w) => w.clock === 'resolution' && w.threshold === planned.threshold);
    expect(replanned?.fire_at.getTime()).toBeGreaterThan(planned.fire_at.getTime());
  });

  it('given a timer whose moment a calendar change moved later, when it comes due before the walk reaches its ticket, then the ticket keeps its version and history, and the timer is planned once at its new moment', async () => {
    await store.put('jetty', { timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK, holidays: [], workingDays: [] }, undefined, 'admin-1');
    await replica().drain(now);
    const ticket = await openTicketTimedBy({ ...policy, id: 'jetty-repairs', calendarId: 'jetty' });
    // What is due before the typhoon day fires as planned.
    const typhoonDay = cst('2026-09-30T00:00:00');
    await fireDueOn(store, typhoonDay);
    const unfired = () =>
      rows<{ clock: string; kind: string; threshold: number; fire_at: Date }>(
        `SELECT clock, kind, threshold, fire_at FROM {s}.sla_timers WHERE ticket_id = $1 AND fired_at IS NULL ORDER BY fire_at, clock, kind, threshold`,
        [ticket.id],
      );
    const [next] = await unfired();
    if (!next || next.fire_at < typhoonDay) throw new Error('no timer planned on or after the typhoon day');
    const seen = await tickets.find(db.dataSource.manager, ticket.id);
    const historyBefore = await tickets.history(db.dataSource.manager, ticket.id);
    // The jetty closes for a typhoon: every moment from that day on moves a working day later.
    await store.put('jetty', { timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK, holidays: [{ date: '2026-09-30', name: '台风停工' }], workingDays: [] }, undefined, 'admin-1');

    await fireDueOn(store, next.fire_at);

    // An If-Match taken before it still matches: nothing a reader sees changed.
    expect((await tickets.find(db.dataSource.manager, ticket.id))?.version).toBe(seen?.version);
    expect(await tickets.history(db.dataSource.manager, ticket.id)).toEqual(historyBefore);
    const same = (await unfired()).filter((t) => t.clock === next.clock && t.kind === next.kind && t.threshold === next.threshold);
    expect(same).toHaveLength(1);
    expect(same[0]!.fire_at.getTime()).toBeGreaterThan(next.fire_at.getTime());
    // The walk then finds the timers at their new moments: nothing moves again.
    const replanned = await unfired();
    await replica().drain(next.fire_at);
    expect(await unfired()).toEqual(replanned);
    expect((await tickets.find(db.dataSource.manager, ticket.id))?.version).toBe(seen?.version);
  });

  it('given a calendar stored without working time before such were refused, when its job walks the tickets it times, then they are passed by keeping their timers, and the job after it runs', async () => {
    await replica().drain(now);
    await store.put('night-desk', { timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK }, undefined, 'admin-1');
    await store.put('yard', { timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK }, undefined, 'admin-1');
    await replica().drain(now);
    const stranded = await openTicketTimedBy({ ...policy, id: 'night-desk', calendarId: 'night-desk' });
    const moved = await openTicketTimedBy({ ...policy, id: 'yard', calendarId: 'yard' });
    const strandedDue = await resolutionBreach(stranded.id);
    const movedDue = await resolutionBreach(moved.id);

    // Emptied as a release before this one took it, with its job; then the yard closes for a typhoon.
    const closed = JSON.stringify({ timezone: 'Asia/Shanghai', workingHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, holidays: [], workingDays: [] });
    await storedByAnEarlierRelease('night-desk', closed);
    await store.put('yard', { timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK, holidays: [{ date: '2026-09-30', name: '台风停工' }] }, undefined, 'admin-1');

    const { logger, warnings } = warningsKept();
    const passes = await replica(undefined, undefined, logger).drain(now);
    // Refused by its calendar, not failed: told once for the calendar, not as a fault of the ticket.
    expect(passes).toEqual([
      expect.objectContaining({ calendarId: 'night-desk', walked: 1, recomputed: 0, failed: 0, refused: 1, finished: true }),
      expect.objectContaining({ calendarId: 'yard', walked: 1, recomputed: 1, failed: 0, refused: 0, finished: true }),
    ]);
    expect(warnings()).toEqual([
      expect.objectContaining({ subject: 'ticket', calendarId: 'night-desk', refused: 1, refusedBy: [{ calendarId: 'night-desk', refusal: 'CALENDAR.NO_WORKING_TIME', count: 1 }] }),
    ]);
    expect(await pendingJobs()).toEqual([]);
    expect(await resolutionBreach(stranded.id)).toEqual(strandedDue);
    expect(await recomputedHistory(stranded.id)).toEqual([]);
    expect((await resolutionBreach(moved.id))?.getTime()).toBeGreaterThan(movedDue!.getTime());
    expect(await recomputedHistory(moved.id)).toHaveLength(1);
  });

  it('given a ticket passed by because a calendar of another of its clocks was refused, when that calendar is corrected and walked, then the clock counted by the calendar that changed meanwhile is planned by it, not left as before', async () => {
    const base = await openTicketWithDesk('quay', 'quay-desk');
    const plannedDue = await resolutionBreach(base.id);

    // The desk's calendar stored as a release before this one took it; then the quay closes for a typhoon.
    await storedByAnEarlierRelease('quay-desk', NINE_INTERVALS_ON_MONDAY);
    await store.put('quay', { timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK, holidays: [{ date: '2026-09-30', name: '台风停工' }] }, undefined, 'admin-1');
    expect(await replica().drain(now)).toEqual([
      expect.objectContaining({ calendarId: 'quay-desk', failed: 0, refused: 1 }),
      expect.objectContaining({ calendarId: 'quay', failed: 0, refused: 1 }),
    ]);
    expect(await resolutionBreach(base.id)).toEqual(plannedDue);

    // Corrected as it was: the first response's deadline does not move, the resolution's must.
    await store.put('quay-desk', { timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK }, undefined, 'admin-1');
    expect(await replica().drain(now)).toEqual([expect.objectContaining({ calendarId: 'quay-desk', walked: 1, recomputed: 1, failed: 0 })]);
    expect((await resolutionBreach(base.id))?.getTime()).toBeGreaterThan(plannedDue!.getTime());
    expect((await recomputedHistory(base.id)).map((h) => h.details.changes.map((c) => c.clock))).toEqual([['resolution']]);
  });

  it('given a batch that tells a calendar’s refusal and a ticket’s failure, when it fails as its cursor moves and is run again, then each is told once, by the run that committed', async () => {
    // Refused: its first response counted by the desk's calendar, stored as a release before this one took it.
    await openTicketWithDesk('pontoon', 'pontoon-desk');
    await storedByAnEarlierRelease('pontoon-desk', NINE_INTERVALS_ON_MONDAY);
    await replica().drain(now);
    // Failing: whatever records its recount times out.
    const failing = await openTicketTimedBy({ ...policy, id: 'pontoon', calendarId: 'pontoon' });
    const lift = await timeOut(failing.id, 'INSERT', 'ticket_history');
    try {
      await store.put('pontoon', { timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK, holidays: [{ date: '2026-09-30', name: '台风停工' }] }, undefined, 'admin-1');
      class FailingOnce extends CalendarRecomputeJobRepository {
        failed = false;
        override async advance(...args: Parameters<CalendarRecomputeJobRepository['advance']>): Promise<void> {
          if (!this.failed) {
            this.failed = true;
            throw new Error('the cursor could not be moved');
          }
          return super.advance(...args);
        }
      }
      const { logger, warnings } = warningsKept();
      const walk = replica(undefined, undefined, logger, undefined, new FailingOnce());

      await expect(walk.runOnce(now)).rejects.toThrow('the cursor could not be moved');
      expect(warnings()).toEqual([]);
      expect(await walk.drain(now)).toEqual([expect.objectContaining({ calendarId: 'pontoon', walked: 2, recomputed: 0, failed: 1, refused: 1, finished: true })]);

      expect(warnings()).toEqual([
        expect.objectContaining({ ticketId: failing.id, calendarId: 'pontoon', failure: 'sql:57014' }),
        expect.objectContaining({ subject: 'ticket', calendarId: 'pontoon', refused: 1, refusedBy: [{ calendarId: 'pontoon-desk', refusal: 'CALENDAR.NEEDS_CORRECTION', count: 1 }] }),
      ]);
    } finally {
      await lift();
    }
  });

  it('given a calendar stored before the limits of calendar.published with its job still waiting, when the jobs run, then its tickets are passed by keeping their timers, and the job after it runs', async () => {
    await replica().drain(now);
    await store.put('boiler-room', { timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK }, undefined, 'admin-1');
    await store.put('car-park', { timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK }, undefined, 'admin-1');
    await replica().drain(now);
    const stranded = await openTicketTimedBy({ ...policy, id: 'boiler-room', calendarId: 'boiler-room' });
    const moved = await openTicketTimedBy({ ...policy, id: 'car-park', calendarId: 'car-park' });
    const strandedDue = await resolutionBreach(stranded.id);
    const movedDue = await resolutionBreach(moved.id);

    // Put with nine intervals on Monday before such were refused, its job not walked when the release came; then the car park closes for a typhoon.
    await storedByAnEarlierRelease('boiler-room', NINE_INTERVALS_ON_MONDAY);
    await store.put('car-park', { timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK, holidays: [{ date: '2026-09-30', name: '台风停工' }] }, undefined, 'admin-1');

    const passes = await replica().drain(now);
    expect(passes).toEqual([
      expect.objectContaining({ calendarId: 'boiler-room', walked: 1, recomputed: 0, failed: 0, refused: 1, finished: true }),
      expect.objectContaining({ calendarId: 'car-park', walked: 1, recomputed: 1, failed: 0, finished: true }),
    ]);
    expect(await pendingJobs()).toEqual([]);
    expect(await resolutionBreach(stranded.id)).toEqual(strandedDue);
    expect((await resolutionBreach(moved.id))?.getTime()).toBeGreaterThan(movedDue!.getTime());
  });

  it('given a replica that read the calendar just before a change, when a breach comes due there before the walk reaches its ticket, then it is compared with the changed calendar and breaches nothing', async () => {
    await store.put('quay', { timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK, holidays: [], workingDays: [] }, undefined, 'admin-1');
    await replica().drain(now);
    const ticket = await openTicketTimedBy({ ...policy, id: 'quay-repairs', calendarId: 'quay' });
    const plannedDue = await resolutionBreach(ticket.id);
    if (!plannedDue) throw new Error('no breach planned');
    const behind = await replicaThatRead('quay');
    // The quay closes for a typhoon the day after the ticket was opened: its deadline moves a working day later.
    await store.put('quay', { timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK, holidays: [{ date: '2026-09-30', name: '台风停工' }], workingDays: [] }, undefined, 'admin-1');

    await fireDueOn(behind, plannedDue);

    const told = await rows<{ event_type: string }>(`SELECT event_type FROM {s}.outbox WHERE message_key = $1 AND event_type IN ('sla.breached.v1', 'ticket.escalated.v1')`, [ticket.id]);
    expect(told).toEqual([]);
    expect((await resolutionBreach(ticket.id))?.getTime()).toBeGreaterThan(plannedDue.getTime());
  });

  it('given a replica that read the calendar just before a change that moved a deadline earlier, when the walk ends before its cache is checked again and the breach comes due there, then it breaches at its new moment', async () => {
    const TYPHOON_DAY = [{ date: '2026-09-30', name: '台风停工' }];
    await store.put('slipway', { timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK, holidays: TYPHOON_DAY, workingDays: [] }, undefined, 'admin-1');
    await replica().drain(now);
    const ticket = await openTicketTimedBy({ ...policy, id: 'slipway-repairs', calendarId: 'slipway' });
    const plannedDue = await resolutionBreach(ticket.id);
    if (!plannedDue) throw new Error('no breach planned');
    const behind = await replicaThatRead('slipway');
    // The typhoon day is called off: the deadline moves a working day earlier, and the walk reaches its end a second before it.
    await store.put('slipway', { timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK, holidays: [], workingDays: [] }, undefined, 'admin-1');
    const movedDue = dueAt(await store.get('slipway'), ticket.clocks.find((c) => c.kind === 'resolution')!, now);
    expect(movedDue.getTime()).toBeLessThan(plannedDue.getTime());
    await replica().drain(new Date(movedDue.getTime() - 1_000));
    expect(await pendingJobs()).toEqual([]);
    expect(await resolutionBreach(ticket.id)).toEqual(movedDue);

    await fireDueOn(behind, movedDue);

    const told = await rows<{ clock: string }>(
      `SELECT payload::jsonb ->> 'clock' AS clock FROM {s}.outbox WHERE message_key = $1 AND event_type = 'sla.breached.v1' AND payload::jsonb ->> 'clock' = 'resolution'`,
      [ticket.id],
    );
    expect(told).toEqual([{ clock: 'resolution' }]);
    expect(await resolutionBreach(ticket.id)).toBeUndefined();
  });

  it('given a change still walked of a calendar stored before the limits it breaks, when a breach of a ticket timed by another calendar comes due, then it fires, not held back', async () => {
    await store.put('pump-house', { timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK }, undefined, 'admin-1');
    await store.put('gatehouse', { timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK }, undefined, 'admin-1');
    await replica().drain(now);
    const ticket = await openTicketTimedBy({ ...policy, id: 'gatehouse-repairs', calendarId: 'gatehouse' });
    const plannedDue = await resolutionBreach(ticket.id);
    if (!plannedDue) throw new Error('no breach planned');
    // Put with nine intervals on Monday before such were refused; its walk has not started when the breach comes due.
    await storedByAnEarlierRelease('pump-house', NINE_INTERVALS_ON_MONDAY, '0 seconds');

    // A replica that has not read the pump house's calendar yet: the batch brings it to the walk's version, and cannot count by it.
    const fresh = new CalendarStore(db.dataSource);
    await fireDueOn(fresh, plannedDue);

    const told = await rows<{ clock: string }>(
      `SELECT payload::jsonb ->> 'clock' AS clock FROM {s}.outbox WHERE message_key = $1 AND event_type = 'sla.breached.v1' AND payload::jsonb ->> 'clock' = 'resolution'`,
      [ticket.id],
    );
    expect(told).toEqual([{ clock: 'resolution' }]);
    expect(await resolutionBreach(ticket.id)).toBeUndefined();
  });
});

describe('reading tickets timed by a calendar stored before the limits it breaks', () => {
  it('given such a ticket beside others, when the queue is listed by any order or the ticket read, then it is shown as last planned and marked, while the calendar itself stays refused', async () => {
    await replica().drain(now);
    await store.put('dock', { timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK }, undefined, 'admin-1');
    await replica().drain(now);
    const stranded = await openTicketTimedBy({ ...policy, id: 'dock-repairs', calendarId: 'dock' });
    const counted = await openTicketTimedByDefault();
    const plannedDue = await resolutionBreach(stranded.id);
    await storedByAnEarlierRelease('dock', NINE_INTERVALS_ON_MONDAY);
    await replica().drain(now);

    const reader = new CalendarStore(db.dataSource);
    const find = new FindTickets(db.dataSource, tickets, new IncidentRepository(), reader, timers);
    const supervisor = { sub: 'supervisor-1', roles: ['supervisor' as const] };
    for (const sort of ['due', 'created'] as const) {
      const page = await find.list({ sort, limit: 100 }, supervisor, now);
      const shown = page.items.find((i) => i.ticket.id === stranded.id);
      const resolution = shown?.clocks.find((c) => c.kind === 'resolution');
      expect(resolution).toMatchObject({ calendarId: 'dock', state: 'running', dueAt: plannedDue?.toISOString(), calendarNeedsCorrection: true });
      const other = page.items.find((i) => i.ticket.id === counted.id);
      expect(other?.clocks.every((c) => c.calendarNeedsCorrection === undefined)).toBe(true);
    }
    const read = await find.byId(stranded.id, supervisor, now);
    expect(read.clocks.every((c) => c.calendarNeedsCorrection)).toBe(true);
    await expect(reader.get('dock')).rejects.toMatchObject({ code: 'CALENDAR.NEEDS_CORRECTION', field: 'calendarId' });
  });
});


describe('catching up to a calendar stored before the limits it breaks', () => {
  it('given such a calendar, when a transaction catches up to its version and then looks it up, as each opening and each change does, then it is read once and refused', async () => {
    await store.put('slipway', { timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK }, undefined, 'admin-1');
    await storedByAnEarlierRelease('slipway', NINE_INTERVALS_ON_MONDAY);
    await replica().drain(now);
    const [stored] = await rows<{ version: number }>(`SELECT version FROM {s}.business_calendars WHERE id = 'slipway'`);
    // A replica whose cache never goes stale here: what it reads twice, it reads for want of remembering.
    const reader = new (class extends CalendarStore {
      protected override now(): number {
        return 0;
      }
    })(db.dataSource);
    const { db: recording, statements } = recordingQueries(db.dataSource);

    await reader.catchUp('slipway', stored!.version, recording);
    const calendars = await loadCalendars(reader, ['slipway'], recording);

    expect(() => calendars('slipway')).toThrow(expect.objectContaining({ code: 'CALENDAR.NEEDS_CORRECTION', details: expect.objectContaining({ calendarId: 'slipway' }) }) as Error);
    expect(statements.filter((s) => /business_calendars/.test(s.sql))).toHaveLength(1);
  });
});

describe('reading a reopened ticket timed by a calendar stored before the limits it breaks', () => {
  it('given a resolution that breached, was reopened and resolved again in time, when read, then its new clock is shown met from its own start, not by the breach of the clock before', async () => {
    await store.put('wharf', { timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK }, undefined, 'admin-1');
    await replica().drain(now);
    const ticket = await openTicketTimedBy({ ...policy, id: 'wharf-repairs', calendarId: 'wharf' });
    const plannedDue = await resolutionBreach(ticket.id);
    if (!plannedDue) throw new Error('no breach planned');
    // The resolution breaches; the matter is resolved late, reopened, and resolved again within its new deadline.
    await fireDueOn(store, plannedDue);
    const hours = (n: number) => new Date(plannedDue.getTime() + n * 3_600_000);
    const supervisor = { sub: 'supervisor-1', roles: ['supervisor' as const] };
    const { run } = ticketServices(db, store);
    await run.execute(ticket.id, supervisor, { action: 'resolve', command: { type: 'resolve', resolution: '已处理' } }, undefined, hours(1));
    await run.execute(ticket.id, supervisor, { action: 'reopen', command: { type: 'reopen', reason: '客户不满意' } }, undefined, hours(2));
    await run.execute(ticket.id, supervisor, { action: 'resolve', command: { type: 'resolve', resolution: '已重新处理' } }, undefined, hours(3));
    await storedByAnEarlierRelease('wharf', NINE_INTERVALS_ON_MONDAY);
    await replica().drain(now);

    const find = new FindTickets(db.dataSource, tickets, new IncidentRepository(), new CalendarStore(db.dataSource), timers);
    const read = await find.byId(ticket.id, supervisor, hours(4));
    const resolution = read.clocks.find((c) => c.kind === 'resolution');
    expect(resolution).toMatchObject({ state: 'met', startedAt: hours(2).toISOString(), metAt: hours(3).toISOString(), calendarNeedsCorrection: true });
    expect(new Date(resolution!.dueAt!).getTime()).toBeGreaterThanOrEqual(hours(2).getTime());
    // The clock that did breach shows its breach, at the deadline its timer kept.
    const page = await find.list({ sort: 'due', limit: 100 }, supervisor, hours(4));
    const listed = page.items.find((i) => i.ticket.id === ticket.id);
    expect(listed?.clocks.find((c) => c.kind === 'resolution')).toMatchObject({ state: 'met' });
    expect(listed?.clocks.filter((c) => c.breachedAt).every((c) => c.state === 'breached' && c.dueAt === c.breachedAt)).toBe(true);
  });
});

describe('changing a ticket timed by a calendar stored without working time before such were refused', () => {
  it('given such a ticket, when a change that re-plans its timers is asked, then it is refused 422 naming the calendar, not failed, and the ticket still reads as last planned', async () => {
    await store.put('boathouse', { timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK }, undefined, 'admin-1');
    await replica().drain(now);
    const ticket = await openTicketTimedBy({ ...policy, id: 'boathouse-repairs', calendarId: 'boathouse' });
    const closed = JSON.stringify({ timezone: 'Asia/Shanghai', workingHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, holidays: [], workingDays: [] });
    await storedByAnEarlierRelease('boathouse', closed);
    await replica().drain(now);
    const reader = new CalendarStore(db.dataSource);
    const supervisor = { sub: 'supervisor-1', roles: ['supervisor' as const] };

    const escalating = ticketServices(db, reader).run.execute(ticket.id, supervisor, { action: 'escalate', command: { type: 'escalate' } }, undefined, now);

    await expect(escalating).rejects.toMatchObject({ code: 'CALENDAR.NO_WORKING_TIME', kind: 'invalid', field: 'calendarId', details: { calendarId: 'boathouse' } });
    const read = await new FindTickets(db.dataSource, tickets, new IncidentRepository(), reader, timers).byId(ticket.id, supervisor, now);
    expect(read.ticket.version).toBe(ticket.version);
    expect(read.clocks.every((c) => c.calendarNeedsCorrection)).toBe(true);
  });
});

describe('a calendar whose working time runs out', () => {
  /** No weekday hours, and its one 调休 day long past: it passes the check for working time, then has none left to count by. */
  const RAN_OUT = { timezone: 'Asia/Shanghai', workingHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, holidays: [], workingDays: [{ date: '2024-02-04', name: '春节调休', hours: [['09:00', '17:30']] }] };
  const supervisor = { sub: 'supervisor-1', roles: ['supervisor' as const] };
  const refusal = { code: 'CALENDAR.NO_WORKING_TIME', kind: 'invalid', field: 'calendarId', details: { calendarId: 'pier' } };
  let stranded: Ticket;
  let counted: Ticket;

  beforeAll(async () => {
    await replica().drain(now);
    await store.put('pier', { timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK }, undefined, 'admin-1');
    await replica().drain(now);
    stranded = await openTicketTimedBy({ ...policy, id: 'pier-repairs', calendarId: 'pier' });
    counted = await openTicketTimedByDefault();
    // Stored before such were refused: no weekday hours and its 调休 days past are refused now.
    await storedByAnEarlierRelease('pier', JSON.stringify(RAN_OUT));
  });

  it('given its change, when walked, then the tickets it times are passed by keeping their timers', async () => {
    const plannedDue = await resolutionBreach(stranded.id);
    expect(await replica().drain(now)).toEqual([expect.objectContaining({ calendarId: 'pier', walked: 1, recomputed: 0, failed: 0, refused: 1, finished: true })]);
    expect(await resolutionBreach(stranded.id)).toEqual(plannedDue);
  });

  it('given a ticket timed by it, when a change that counts a deadline is asked, then it is refused 422 naming the calendar, and the ticket reads as last planned', async () => {
    const escalating = ticketServices(db, store).run.execute(stranded.id, supervisor, { action: 'escalate', command: { type: 'escalate' } }, undefined, now);

    await expect(escalating).rejects.toMatchObject(refusal);
    const read = await new FindTickets(db.dataSource, tickets, new IncidentRepository(), store, timers).byId(stranded.id, supervisor, now);
    expect(read.ticket.version).toBe(stranded.version);
    expect(read.clocks.every((c) => c.calendarNeedsCorrection)).toBe(true);
  });

  it('given timers of a ticket timed by it due beside another ticket’s, when the batch fires, then the other’s fire and its ticket is held back as refused by the calendar', async () => {
    const due = await resolutionBreach(counted.id);
    if (!due) throw new Error('no breach planned');

    await fireDueOn(store, due);

    expect(await resolutionBreach(counted.id)).toBeUndefined();
    expect(await resolutionBreach(stranded.id)).toBeDefined();
    const held = await rows<{ last_error: string }>(`SELECT last_error FROM {s}.due_work_postponements WHERE subject_id = $1`, [stranded.id]);
    expect(held).toEqual([{ last_error: 'rule:CALENDAR.NO_WORKING_TIME' }]);
  });

  it('given a contact timed by it, when it arrives, then its ticket opens with its clocks held: no deadline, no timer', async () => {
    await timingComplaintsBy('pier', async () => {
      const event = contactReceived(randomUUID(), randomUUID(), { itemCode: 'complaint.service_quality', grade: 'general' });

      await db.dataSource.transaction((tx) => ticketServices(db, store).opening.handle(event, tx));

      const read = await new FindTickets(db.dataSource, tickets, new IncidentRepository(), store, timers).byId(event.data.ticketId!, supervisor, now);
      expect(read.clocks.length).toBeGreaterThan(0);
      expect(read.clocks.every((c) => c.calendarNeedsCorrection && c.state === 'running' && c.dueAt === undefined)).toBe(true);
      expect(await timersOf(event.data.ticketId!)).toEqual([]);
    });
  });
});

describe('a change on a replica that read a calendar just before it changed', () => {
  it('given the walk has moved a ticket’s deadline, when a change of that ticket comes through that replica, then its timers are planned by the calendar as changed, not put back', async () => {
    await store.put('marina', { timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK, holidays: [], workingDays: [] }, undefined, 'admin-1');
    await replica().drain(now);
    const ticket = await openTicketTimedBy({ ...policy, id: 'marina-repairs', calendarId: 'marina' });
    const plannedDue = await resolutionBreach(ticket.id);
    const behind = await replicaThatRead('marina');
    // The marina closes for a typhoon the day after the ticket was opened; the walk, on another replica, moves its deadline a working day later.
    await store.put('marina', { timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK, holidays: [{ date: '2026-09-30', name: '台风停工' }], workingDays: [] }, undefined, 'admin-1');
    await replica().drain(now);
    const movedDue = await resolutionBreach(ticket.id);
    expect(movedDue?.getTime()).toBeGreaterThan(plannedDue!.getTime());

    const supervisor = { sub: 'supervisor-1', roles: ['supervisor' as const] };
    await ticketServices(db, behind).run.execute(ticket.id, supervisor, { action: 'escalate', command: { type: 'escalate' } }, undefined, now);

    expect(await resolutionBreach(ticket.id)).toEqual(movedDue);
  });
});

describe('a merge on a replica that read a calendar just before it changed', () => {
  it('given the walk has moved the survivor’s deadline, when a duplicate is merged into it through that replica, then its timers are planned by the calendar as changed, not put back', async () => {
    await store.put('quay', { timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK, holidays: [], workingDays: [] }, undefined, 'admin-1');
    await replica().drain(now);
    const timing = { ...policy, id: 'quay-repairs', calendarId: 'quay' };
    const customerId = randomUUID();
    const survivor = await openTicketTimedBy(timing, 'in_progress', customerId);
    const duplicate = await openTicketTimedBy(timing, 'in_progress', customerId);
    const plannedDue = await resolutionBreach(survivor.id);
    const behind = await replicaThatRead('quay');
    // The quay closes for a typhoon the day after; the walk, on another replica, moves the survivor's deadline a working day later.
    await store.put('quay', { timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK, holidays: [{ date: '2026-09-30', name: '台风停工' }], workingDays: [] }, undefined, 'admin-1');
    await replica().drain(now);
    const movedDue = await resolutionBreach(survivor.id);
    expect(movedDue?.getTime()).toBeGreaterThan(plannedDue!.getTime());

    const services = ticketServices(db, behind);
    const merge = new MergeTickets(db.dataSource, services.tickets, services.policies, services.writer, behind);
    await merge.execute(survivor.id, { sub: 'supervisor-1', roles: ['supervisor'] }, { ticketId: duplicate.id }, undefined, now);

    expect(await resolutionBreach(survivor.id)).toEqual(movedDue);
  });
});

describe('a contact’s ticket opened on a replica that read a calendar just before it changed', () => {
  it('given the walk of the change has ended, when a contact timed by it opens its ticket through that replica, then its timers are planned by the calendar as changed', async () => {
    await store.put('jetty', { timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK, holidays: [], workingDays: [] }, undefined, 'admin-1');
    await replica().drain(now);
    await rows(`UPDATE {s}.sla_policies SET document = jsonb_set(document::jsonb, '{calendarId}', '"jetty"') WHERE id = 'complaint'`);
    try {
      const behind = await replicaThatRead('jetty');
      // The jetty closes for a typhoon the day after the contact; the walk finds no ticket of it yet.
      await store.put('jetty', { timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK, holidays: [{ date: '2026-09-30', name: '台风停工' }], workingDays: [] }, undefined, 'admin-1');
      await replica().drain(now);
      const contact = (calendarStore: CalendarStore) => {
        const event = contactReceived(randomUUID(), randomUUID(), { itemCode: 'complaint.service_quality', grade: 'general', occurredAt: opened.toISOString() });
        return db.dataSource.transaction((tx) => ticketServices(db, calendarStore).opening.handle(event, tx)).then(() => event.data.ticketId!);
      };
      const upToDate = await resolutionBreach(await contact(store));

      const openedBehind = await contact(behind);

      expect(upToDate).toEqual(cst('2026-10-05T17:30:00'));
      expect(await resolutionBreach(openedBehind)).toEqual(upToDate);
    } finally {
      await rows(`UPDATE {s}.sla_policies SET document = jsonb_set(document::jsonb, '{calendarId}', '"default"') WHERE id = 'complaint'`);
    }
  });
});

describe('a contact timed by a calendar stored before the limits it breaks', () => {
  const supervisor = { sub: 'supervisor-1', roles: ['supervisor' as const] };

  it('given such a calendar, when a contact timed by it arrives, then its ticket opens and is announced with its clocks held; a change of it is refused naming the calendar; the correction’s walk plans the clocks from the opening, late as they are', async () => {
    await replica().drain(now);
    await store.put('lighthouse', { timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK }, undefined, 'admin-1');
    await storedByAnEarlierRelease('lighthouse', NINE_INTERVALS_ON_MONDAY);
    await replica().drain(now);
    await timingComplaintsBy('lighthouse', async () => {
      // Received a week ago: a complaint's three working days have passed by any calendar.
      const occurredAt = new Date(Date.now() - 7 * 86_400_000);
      const event = contactReceived(randomUUID(), randomUUID(), { itemCode: 'complaint.service_quality', grade: 'general', occurredAt: occurredAt.toISOString() });
      const ticketId = event.data.ticketId!;

      await db.dataSource.transaction((tx) => ticketServices(db, store).opening.handle(event, tx));

      const reader = new CalendarStore(db.dataSource);
      const find = new FindTickets(db.dataSource, tickets, new IncidentRepository(), reader, timers);
      const read = await find.byId(ticketId, supervisor);
      expect(read.ticket).toMatchObject({ id: ticketId, status: 'new', policyId: 'complaint' });
      expect(read.clocks.map((c) => c.kind).sort()).toEqual(['dispatch', 'first_response', 'resolution']);
      for (const clock of read.clocks) {
        expect(clock).toMatchObject({ calendarId: 'lighthouse', state: 'running', startedAt: occurredAt.toISOString(), calendarNeedsCorrection: true });
        expect(clock.dueAt).toBeUndefined();
        expect(clock.remainingMinutes).toBeUndefined();
      }
      expect(await historyActions(ticketId)).toEqual(['created']);
      const created = await published(ticketId);
      expect(created.map((e) => e.type)).toEqual(['ticket.created.v1']);
      expect(created[0]!.payload).not.toHaveProperty('nextDueAt');
      expect(await timersOf(ticketId)).toEqual([]);

      // Meanwhile a change that plans the ticket's timers is refused, naming the calendar, and changes nothing.
      const escalating = ticketServices(db, reader).run.execute(ticketId, supervisor, { action: 'escalate', command: { type: 'escalate' } }, undefined, new Date());
      await expect(escalating).rejects.toMatchObject({ code: 'CALENDAR.NEEDS_CORRECTION', kind: 'invalid', field: 'calendarId' });
      expect((await find.byId(ticketId, supervisor)).ticket.version).toBe(read.ticket.version);

      await store.put('lighthouse', { timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK }, undefined, 'admin-1');
      const walkedAt = new Date();
      expect(await replica().drain(walkedAt)).toEqual([expect.objectContaining({ calendarId: 'lighthouse', walked: 1, recomputed: 1, failed: 0, finished: true })]);

      const corrected = (await loadCalendars(new CalendarStore(db.dataSource), ['lighthouse']))('lighthouse');
      const ticket = (await tickets.find(db.dataSource.manager, ticketId))!;
      const resolution = ticket.clocks.find((c) => c.kind === 'resolution')!;
      const due = dueAt(corrected, resolution, walkedAt);
      expect(await resolutionBreach(ticketId)).toEqual(due);
      expect(due.getTime()).toBeLessThan(walkedAt.getTime());
      const [recomputed] = await recomputedHistory(ticketId);
      expect(recomputed?.details.changes.map((c) => c.clock).sort()).toEqual(['dispatch', 'first_response', 'resolution']);
      expect(recomputed?.details.changes.every((c) => c.previousDueAt === undefined)).toBe(true);
      // Told as a type of its own: ticket.deadlines_recomputed.v1's subscribers hold previousDueAt required (ADR 0134).
      const told = await published(ticketId);
      expect(told.filter((e) => e.type === 'ticket.deadlines_recomputed.v1')).toEqual([]);
      const announced = told.filter((e) => e.type === 'ticket.deadlines_planned.v1');
      expect(announced).toHaveLength(1);
      expect(announced[0]!.payload).toMatchObject({ calendarId: 'lighthouse', nextDueAt: expect.any(String) as string });
      expect((announced[0]!.payload['clocks'] as { clock: string; dueAt: string }[]).find((c) => c.clock === 'resolution')).toEqual({ clock: 'resolution', dueAt: due.toISOString() });
      expect(validateConsumedEventData(TicketDeadlinesRecomputedV1, { ...announced[0]!.payload, changes: [{ clock: 'resolution', dueAt: due.toISOString() }] })).not.toEqual([]);

      // Planned late, the breach fires at once.
      await fireDueOn(store, walkedAt);
      const after = await new FindTickets(db.dataSource, tickets, new IncidentRepository(), new CalendarStore(db.dataSource), timers).byId(ticketId, supervisor, walkedAt);
      expect(after.clocks.find((c) => c.kind === 'resolution')).toMatchObject({ state: 'breached', dueAt: due.toISOString() });
      expect(after.clocks.some((c) => c.calendarNeedsCorrection)).toBe(false);
    });
  });
});

describe('a held clock the correction’s walk did not plan', () => {
  const CORRECTED = { timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK };
  /**
   * Runs `test` with a complaint's contact, received when the suite's other tickets were opened,
   * timed by `calendarId` stored before the limits it breaks and its job walked: its ticket opens held.
   */
  async function withComplaintHeldBy(calendarId: string, test: (event: ReturnType<typeof contactReceived>, ticketId: string) => Promise<void>): Promise<void> {
    await replica().drain(now);
    await store.put(calendarId, CORRECTED, undefined, 'admin-1');
    await storedByAnEarlierRelease(calendarId, NINE_INTERVALS_ON_MONDAY);
    await replica().drain(now);
    const event = contactReceived(randomUUID(), randomUUID(), { itemCode: 'complaint.service_quality', grade: 'general', occurredAt: opened.toISOString() });
    await timingComplaintsBy(calendarId, () => test(event, event.data.ticketId!));
  }
  /** The ticket is planned by the corrected calendar, as the walk plans a held clock, and told so once. */
  async function expectPlannedBy(calendarId: string, ticketId: string): Promise<void> {
    const corrected = (await loadCalendars(new CalendarStore(db.dataSource), [calendarId]))(calendarId);
    const resolution = (await tickets.find(db.dataSource.manager, ticketId))!.clocks.find((c) => c.kind === 'resolution')!;
    const due = dueAt(corrected, resolution, now);
    expect(await resolutionBreach(ticketId)).toEqual(due);
    const announced = (await published(ticketId)).filter((e) => e.type === 'ticket.deadlines_planned.v1');
    expect(announced).toHaveLength(1);
    expect(announced[0]!.payload).toMatchObject({ calendarId, calendarVersion: (await store.getWithVersion(calendarId)).version });
    expect((announced[0]!.payload['clocks'] as { clock: string; dueAt: string }[]).find((c) => c.clock === 'resolution')).toEqual({ clock: 'resolution', dueAt: due.toISOString() });
    expect(await historyActions(ticketId)).toEqual(['created', 'deadlines_recomputed']);
  }

  it('given a contact whose opening read its calendar just before the correction committed and commits after the correction’s walk ended, when the walk loop next runs, then its held clocks are planned by the corrected calendar and announced', async () => {
    await withComplaintHeldBy('breakwater', async (event, ticketId) => {

      await db.dataSource.transaction(async (tx) => {
        await ticketServices(db, new CalendarStore(db.dataSource)).opening.handle(event, tx);
        // The correction commits and its walk ends before the opening commits: the walk cannot see the ticket.
        await store.put('breakwater', CORRECTED, undefined, 'admin-1');
        expect(await replica().drain(now)).toEqual([expect.objectContaining({ calendarId: 'breakwater', walked: 0, finished: true })]);
      });
      expect(await timersOf(ticketId)).toEqual([]);
      expect(await pendingJobs()).toEqual([]);

      await replica().drain(now);

      await expectPlannedBy('breakwater', ticketId);
      // Planned once: the next pass finds nothing held.
      await replica().drain(now);
      expect(await historyActions(ticketId)).toEqual(['created', 'deadlines_recomputed']);
    });
  });

  it('given a held ticket whose calendar’s correction was walked by a replica of the release before, which passes a clock with no planned deadline by, when the walk loop next runs, then its held clocks are planned by the corrected calendar and announced', async () => {
    await withComplaintHeldBy('seawall', async (event, ticketId) => {
      await db.dataSource.transaction((tx) => ticketServices(db, store).opening.handle(event, tx));
      // While the calendar still refuses, a pass leaves the ticket held and tells nothing.
      await replica().drain(now);
      expect(await timersOf(ticketId)).toEqual([]);
      expect(await historyActions(ticketId)).toEqual(['created']);

      await store.put('seawall', CORRECTED, undefined, 'admin-1');
      // The release before compares only the deadlines its timers were planned for: it finds none moved, and marks the job done.
      await rows(`UPDATE {s}.calendar_recompute_jobs SET finished_at = now() WHERE calendar_id = 'seawall' AND finished_at IS NULL`);
      expect(await timersOf(ticketId)).toEqual([]);

      await replica().drain(now);

      await expectPlannedBy('seawall', ticketId);
    });
  });
  it('given two held tickets whose calendar is corrected, when planning one fails for a reason not the calendar’s (a statement timed out), then the other is planned, the one that failed is held back with a growing back-off and planned by a later sweep once the fault is gone, with no new calendar version', async () => {
    await withComplaintHeldBy('groyne', async (event, ticketId) => {
      const other = contactReceived(randomUUID(), randomUUID(), { itemCode: 'complaint.service_quality', grade: 'general', occurredAt: opened.toISOString() });
      for (const contact of [event, other]) await db.dataSource.transaction((tx) => ticketServices(db, store).opening.handle(contact, tx));
      // Whatever plans this ticket times out; the other's planning and every read stay as they are.
      const lift = await timeOut(ticketId, 'INSERT', 'ticket_history');
      const postponement = () => rows<{ failures: number; retry_at: Date; last_error: string }>(`SELECT failures, retry_at, last_error FROM {s}.due_work_postponements WHERE work = 'held_clocks' AND subject_id = $1`, [ticketId]);
      const failuresCounted = () => heldMetrics.registry.getSingleMetricAsString('due_work_failures_total');

      await store.put('groyne', CORRECTED, undefined, 'admin-1');
      // The correction's walk meets the same fault: a failure, not a calendar's refusal.
      expect(await replica().drain(now)).toEqual([expect.objectContaining({ calendarId: 'groyne', walked: 2, recomputed: 1, failed: 1, refused: 0 })]);

      await expectPlannedBy('groyne', other.data.ticketId!);
      expect(await timersOf(ticketId)).toEqual([]);
      expect(await postponement()).toEqual([{ failures: 1, retry_at: new Date(now.getTime() + 30_000), last_error: 'sql:57014' }]);
      expect(await failuresCounted()).toContain('due_work_failures_total{work="held_clocks",service="tickets"} 1');
      // Held back, it is not tried before its time; tried then and failing again, it waits twice as long.
      await replica().drain(now);
      expect((await postponement())[0]?.failures).toBe(1);
      const firstRetry = new Date(now.getTime() + 30_000);
      await replica().drain(firstRetry);
      expect(await postponement()).toEqual([{ failures: 2, retry_at: new Date(firstRetry.getTime() + 60_000), last_error: 'sql:57014' }]);
      expect(await timersOf(ticketId)).toEqual([]);

      await lift();
      const version = (await store.getWithVersion('groyne')).version;
      await replica().drain(new Date(firstRetry.getTime() + 60_000));

      await expectPlannedBy('groyne', ticketId);
      expect((await store.getWithVersion('groyne')).version).toBe(version);
      expect(await postponement()).toEqual([]);
      expect(await rows(`SELECT ticket_id FROM {s}.held_clocks WHERE ticket_id IN ($1, $2)`, [ticketId, other.data.ticketId])).toEqual([]);
    });
  });
  it('given a held ticket held back after its planning failed, when a change of its calendar is walked before its retry, then the walk that plans it ends its held row and its hold-back with it, and no sweep tries it again', async () => {
    await withComplaintHeldBy('caisson', async (event, ticketId) => {
      await db.dataSource.transaction((tx) => ticketServices(db, store).opening.handle(event, tx));
      const lift = await timeOut(ticketId, 'INSERT', 'ticket_history');
      const heldRows = () => rows(`SELECT calendar_id FROM {s}.held_clocks WHERE ticket_id = $1`, [ticketId]);
      const holdBack = () => rows(`SELECT failures FROM {s}.due_work_postponements WHERE work = 'held_clocks' AND subject_id = $1`, [ticketId]);
      try {
        await store.put('caisson', CORRECTED, undefined, 'admin-1');
        // The correction's walk and then the sweep meet the fault: the ticket is held back.
        await replica().drain(now);
        expect(await holdBack()).toEqual([{ failures: 1 }]);
        expect(await heldRows()).toEqual([{ calendar_id: 'caisson' }]);
      } finally {
        await lift();
      }
      // A company day at the year's end: another change, walked before the ticket's retry.
      await store.put('caisson', { ...CORRECTED, holidays: [{ date: '2026-12-31', name: '年终盘点' }] }, undefined, 'admin-1');

      expect(await replica().runOnce(now)).toMatchObject({ calendarId: 'caisson', walked: 1, recomputed: 1, failed: 0 });

      await expectPlannedBy('caisson', ticketId);
      expect(await heldRows()).toEqual([]);
      expect(await holdBack()).toEqual([]);
      expect(await replica().planHeldOnce(new Date(now.getTime() + 60 * 60_000))).toMatchObject({ tried: 0 });
    });
  });
  it.each([
    ['an escalation, which plans its clocks', 'cofferdam', { action: 'escalate', command: { type: 'escalate' } }, 'escalate', true],
    ['a resolution, which meets its clocks', 'jetty', { action: 'resolve', command: { type: 'resolve', resolution: '已处理' } }, 'resolve', false],
  ] as const)(
    'given a held ticket held back after its planning failed, its calendar corrected, when a person’s command on it (%s) commits before its retry, then its held row and hold-back go in the command’s transaction, and no sweep tries it again',
    async (_, calendarId, request, action, planned) => {
      const supervisor = { sub: 'supervisor-1', roles: ['supervisor' as const] };
      await withComplaintHeldBy(calendarId, async (event, ticketId) => {
        await db.dataSource.transaction((tx) => ticketServices(db, store).opening.handle(event, tx));
        // Read on `on`: the command's transaction, or another connection.
        const heldRows = (on: Pick<EntityManager, 'query'>) => on.query(`SELECT calendar_id FROM ${db.schema}.held_clocks WHERE ticket_id = $1`, [ticketId]) as Promise<unknown[]>;
        const holdBack = (on: Pick<EntityManager, 'query'>) =>
          on.query(`SELECT failures FROM ${db.schema}.due_work_postponements WHERE work = 'held_clocks' AND subject_id = $1`, [ticketId]) as Promise<unknown[]>;
        const lift = await timeOut(ticketId, 'INSERT', 'ticket_history');
        try {
          await store.put(calendarId, CORRECTED, undefined, 'admin-1');
          // The correction's walk and then the sweep meet the fault: the ticket is held back, still held.
          await replica().drain(now);
          expect(await holdBack(db.dataSource)).toEqual([{ failures: 1 }]);
          expect(await heldRows(db.dataSource)).toEqual([{ calendar_id: calendarId }]);
        } finally {
          await lift();
        }

        await db.dataSource.transaction(async (tx) => {
          await ticketServices(db, store).run.executeIn(tx, ticketId, supervisor, request, undefined, now);
          expect(await heldRows(tx)).toEqual([]);
          expect(await holdBack(tx)).toEqual([]);
        });

        expect(await historyActions(ticketId)).toEqual(['created', action]);
        expect((await resolutionBreach(ticketId)) !== undefined).toBe(planned);
        expect(await heldRows(db.dataSource)).toEqual([]);
        expect(await holdBack(db.dataSource)).toEqual([]);
        expect(await replica().planHeldOnce(new Date(now.getTime() + 60 * 60_000))).toMatchObject({ tried: 0 });
      });
    },
  );
  it('given a held ticket whose planning fails for a reason not the calendar’s, when another replica sweeps as soon as the failing sweep commits, then it finds the ticket held back and does not try it again before its back-off ends', async () => {
    await withComplaintHeldBy('revetment', async (event, ticketId) => {
      await db.dataSource.transaction((tx) => ticketServices(db, store).opening.handle(event, tx));
      const lift = await timeOut(ticketId, 'INSERT', 'ticket_history');
      try {
        await store.put('revetment', CORRECTED, undefined, 'admin-1');
        // The correction's walk meets the fault and passes the ticket by, leaving it to the sweep.
        for (let pass = await replica().runOnce(now); pass; pass = await replica().runOnce(now));
        // The other replica sweeps the moment this replica's sweep commits, before anything after it runs.
        let other: HeldPass | undefined;
        const committing = new Proxy(db.dataSource, {
          get(target, property) {
            if (property === 'transaction') {
              return async (run: (tx: EntityManager) => Promise<unknown>) => {
                const result = await target.transaction(run);
                other ??= await replica().planHeldOnce(now);
                return result;
              };
            }
            const value: unknown = Reflect.get(target, property, target);
            return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
          },
        });

        expect(await replica(undefined, undefined, undefined, committing).planHeldOnce(now)).toMatchObject({ tried: 1, postponed: 1 });

        expect(other).toMatchObject({ tried: 0, postponed: 0 });
        expect(await rows(`SELECT failures, retry_at FROM {s}.due_work_postponements WHERE work = 'held_clocks' AND subject_id = $1`, [ticketId])).toEqual([
          { failures: 1, retry_at: new Date(now.getTime() + 30_000) },
        ]);
      } finally {
        await lift();
      }
    });
  });
  it('given a held ticket whose calendar is corrected, when a person’s command plans it while the sweep that took it fails to plan it (a statement timed out), then once both commit it holds no row and no hold-back for a sweep to try it again by', async () => {
    const supervisor = { sub: 'supervisor-1', roles: ['supervisor' as const] };
    await withComplaintHeldBy('sluice', async (event, ticketId) => {
      await db.dataSource.transaction((tx) => ticketServices(db, store).opening.handle(event, tx));
      await store.put('sluice', CORRECTED, undefined, 'admin-1');
      // Walked by a replica of the release before, which passes it by: the sweep is what plans it.
      await rows(`UPDATE {s}.calendar_recompute_jobs SET finished_at = now() WHERE calendar_id = 'sluice' AND finished_at IS NULL`);
      // The sweep's release of the held row times out; the command's does not.
      const lift = await timeOut(ticketId, 'DELETE', 'held_clocks');
      const escalation = () =>
        db.dataSource.transaction(async (tx) => {
          await spareTimeOuts(tx);
          await ticketServices(db, store).run.executeIn(tx, ticketId, supervisor, { action: 'escalate', command: { type: 'escalate' } }, undefined, now);
        });
      const held = new SweepLettingThrough(escalation);
      try {
        expect(await replica(undefined, undefined, undefined, undefined, undefined, held).planHeldOnce(now)).toMatchObject({ postponed: expect.any(Number) });
        await held.between;
      } finally {
        await lift();
      }

      expect(await historyActions(ticketId)).toContain('escalate');
      expect(await resolutionBreach(ticketId)).toBeDefined();
      expect(await rows(`SELECT calendar_id FROM {s}.held_clocks WHERE ticket_id = $1`, [ticketId])).toEqual([]);
      expect(await rows(`SELECT failures FROM {s}.due_work_postponements WHERE work = 'held_clocks' AND subject_id = $1`, [ticketId])).toEqual([]);
    });
  });
  it.each([
    ['the sweep takes the pair first', 'weir', 'sweep'],
    ['the merge takes the pair first', 'culvert', 'merge'],
  ] as const)(
    'given two held tickets of one customer whose calendar is corrected, when one is merged into the other while the sweep plans them (%s), then both commit, without a deadlock, and neither holds a row or a hold-back',
    async (_, calendarId, first) => {
      await withComplaintHeldBy(calendarId, async (event, survivorId) => {
        const other = contactReceived(event.data.customerId, randomUUID(), { itemCode: 'complaint.service_quality', grade: 'general', occurredAt: opened.toISOString() });
        const duplicateId = other.data.ticketId!;
        for (const contact of [event, other]) await db.dataSource.transaction((tx) => ticketServices(db, store).opening.handle(contact, tx));
        await store.put(calendarId, CORRECTED, undefined, 'admin-1');
        await rows(`UPDATE {s}.calendar_recompute_jobs SET finished_at = now() WHERE calendar_id = $1 AND finished_at IS NULL`, [calendarId]);
        const services = ticketServices(db, store);
        const merging = (dataSource: DataSource) =>
          new MergeTickets(dataSource, services.tickets, services.policies, services.writer, store).execute(survivorId, { sub: 'agent-1', roles: ['agent'], projects: ['P001'] }, { ticketId: duplicateId }, undefined, now);

        if (first === 'sweep') {
          const held = new SweepLettingThrough(() => merging(db.dataSource));
          await replica(undefined, undefined, undefined, undefined, undefined, held).planHeldOnce(now);
          await held.between;
        } else {
          // The merge has locked and saved both tickets when the sweep runs; it commits once the sweep ended or waits for it.
          let sweeping: Promise<unknown> | undefined;
          const sweepingBeforeCommit = new Proxy(db.dataSource, {
            get(target, property) {
              if (property === 'transaction') {
                return (run: (tx: EntityManager) => Promise<unknown>) =>
                  target.transaction(async (tx) => {
                    const result = await run(tx);
                    sweeping = (await letThrough(tx, () => replica().planHeldOnce(now))).outcome;
                    return result;
                  });
              }
              const value: unknown = Reflect.get(target, property, target);
              return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
            },
          });
          await merging(sweepingBeforeCommit);
          await sweeping;
        }

        expect((await tickets.find(db.dataSource.manager, duplicateId))?.mergedInto).toBe(survivorId);
        expect(await resolutionBreach(survivorId)).toBeDefined();
        expect(await rows(`SELECT ticket_id FROM {s}.held_clocks WHERE ticket_id IN ($1, $2)`, [survivorId, duplicateId])).toEqual([]);
        expect(await rows(`SELECT subject_id FROM {s}.due_work_postponements WHERE work = 'held_clocks' AND subject_id IN ($1, $2)`, [survivorId, duplicateId])).toEqual([]);
      });
    },
  );
  it('given two held tickets whose calendar is corrected, when releasing one’s held row fails (a statement timed out), then the other’s row goes and the one that failed is held back, its row kept for the retry', async () => {
    await withComplaintHeldBy('dolphin', async (event, ticketId) => {
      const other = contactReceived(randomUUID(), randomUUID(), { itemCode: 'complaint.service_quality', grade: 'general', occurredAt: opened.toISOString() });
      for (const contact of [event, other]) await db.dataSource.transaction((tx) => ticketServices(db, store).opening.handle(contact, tx));
      const lift = await timeOut(ticketId, 'DELETE', 'held_clocks');
      try {
        await store.put('dolphin', CORRECTED, undefined, 'admin-1');
        // Walked by a replica of the release before, which passes both by: the sweep plans them and releases their rows.
        await rows(`UPDATE {s}.calendar_recompute_jobs SET finished_at = now() WHERE calendar_id = 'dolphin' AND finished_at IS NULL`);

        expect(await replica().planHeldOnce(now)).toMatchObject({ tried: 2, postponed: 1 });

        expect(await rows(`SELECT ticket_id::text FROM {s}.held_clocks WHERE ticket_id IN ($1, $2)`, [ticketId, other.data.ticketId])).toEqual([{ ticket_id: ticketId }]);
        expect(await rows(`SELECT failures, last_error FROM {s}.due_work_postponements WHERE work = 'held_clocks' AND subject_id = $1`, [ticketId])).toEqual([
          { failures: 1, last_error: 'sql:57014' },
        ]);
      } finally {
        await lift();
      }
    });
  });
});
