import { OFFICE_WEEK } from '@cs/business-calendar';
import { loadServiceConfig } from '@cs/config';
import { OutboxWriter } from '@cs/messaging';
import { createLogger } from '@cs/observability';
import { ThrowawaySchema, throwawaySchema } from '@cs/testing';
import { CalendarStore } from '../infrastructure/calendar-store';
import { CatalogueRepository } from '../infrastructure/catalogue.repository';
import { IncidentChildrenRepository } from '../infrastructure/incident-children.repository';
import { IncidentRepository } from '../infrastructure/incident.repository';
import { MIGRATIONS } from '../infrastructure/migrations';
import { SlaPolicyRepository } from '../infrastructure/sla-policy.repository';
import { IncidentSlaTimerRepository } from '../infrastructure/sla-timer.repository';
import { dueWorkFailures } from '../testing/due-work';
import { FireIncidentSlaTimers } from './fire-incident-sla-timers';
import { IncidentWriter } from './incident-writer';
import { RunIncidentCommand } from './run-incident-command';

/**
 * 群发事件 — an incident's deadlines counted by the calendars as its transaction sees them, on a
 * replica whose calendar cache read a calendar just before another replica changed it (ADR 0018,
 * ADR 0040).
 */
let db: ThrowawaySchema;
const incidents = new IncidentRepository();
const timers = new IncidentSlaTimerRepository();
const supervisor = { sub: 'sup-1', roles: ['supervisor'], projects: ['P-CAL'] };
const cst = (local: string) => new Date(`${local}+08:00`);
/** Monday 09:00: the repair policy's resolution is due at the close of the third working day after. */
const monday = cst('2026-11-23T09:00:00');
const dueByOfficeWeek = cst('2026-11-26T17:30:00');
/** Closed on the Tuesday for a typhoon: the resolution is due a working day later. */
const dueAfterTyphoon = cst('2026-11-27T17:30:00');
const OPEN = { timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK, holidays: [], workingDays: [] };
const TYPHOON = { ...OPEN, holidays: [{ date: '2026-11-24', name: '台风停工' }] };

/** One replica's objects, with its own calendar cache (a fresh one unless given); the loop's polling is never started here. */
function replica(store = new CalendarStore(db.dataSource)): { run: RunIncidentCommand; fire: FireIncidentSlaTimers } {
  const writer = new IncidentWriter(incidents, new IncidentChildrenRepository(), timers, new OutboxWriter(db.schema, '/cs/tickets'));
  const run = new RunIncidentCommand(db.dataSource, incidents, new SlaPolicyRepository(), new CatalogueRepository(), writer, store);
  const fire = new FireIncidentSlaTimers(
    db.dataSource,
    incidents,
    timers,
    run,
    dueWorkFailures(db.dataSource),
    createLogger('tickets', 'silent'),
    loadServiceConfig('tickets', { NODE_ENV: 'test' }),
  );
  return { run, fire };
}

/** Another replica's calendar cache: it read `calendarId` just before a change, and trusts what it holds for a while yet. */
async function replicaThatRead(calendarId: string): Promise<CalendarStore> {
  const behind = new (class extends CalendarStore {
    protected override now(): number {
      return 0;
    }
  })(db.dataSource);
  await behind.get(calendarId);
  return behind;
}

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
