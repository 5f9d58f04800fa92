import { IncidentDeclaredV1, IncidentDispatchedV1, IncidentSlaBreachedV1, SlaBreachedV1, TicketDispatchedV1, TicketOnSiteV1 } from '@cs/contracts';
import { randomUUID } from 'node:crypto';
import { CalendarReplica } from '@cs/platform';
import { ThrowawaySchema, columnsOf, throwawaySchema } from '@cs/testing';
import { KpiQuery } from '../../application/kpi-query';
import { projectEvent } from '../../application/project-event';
import { WorkingCalendar } from '../../application/working-calendar';
import { monthPeriod } from '../../domain/period';
import { created, delivered, ticket, ticketEvent } from '../../testing/event-builders';
import { sh } from '../../testing/november';
import { MIGRATIONS } from '.';
import { DispatchAndOnSiteTimeliness1766040000000 } from './1766040000000-dispatch-and-on-site-timeliness';

let db: ThrowawaySchema;

beforeAll(async () => {
  db = await throwawaySchema('reporting_timeliness', MIGRATIONS.filter((m) => m !== DispatchAndOnSiteTimeliness1766040000000));
});

afterAll(async () => {
  await db?.drop();
});

const columns = (table: string): Promise<string[]> => columnsOf(db, table);

const notify = { roles: ['manager' as const] };
const november = monthPeriod('2026-11', 'Asia/Shanghai');
const kpis = async () => (await new KpiQuery(db.dataSource, new WorkingCalendar(new CalendarReplica(db.dataSource))).kpis({ period: november, projects: [], scope: undefined }, 'project')).total;
const project = (events: Parameters<typeof projectEvent>[0][]) => db.dataSource.transaction(async (tx) => {
  for (const event of events) await projectEvent(event, tx);
});

describe('migration 1766040000000 (dispatch and on-site timeliness)', () => {
  it('given a rebuild running as it is applied, then its shadow tables get what it adds; a rebuild the release before starts gets the new shadow ledger; emptying the tickets empties it; down takes it all back', async () => {
    const runner = db.dataSource.createQueryRunner();
    try {
      await db.dataSource.query('CREATE TABLE rebuild_ticket_facts (LIKE ticket_facts INCLUDING ALL)');
      await db.dataSource.query('CREATE TABLE rebuild_incident_facts (LIKE incident_facts INCLUDING ALL)');
      await new DispatchAndOnSiteTimeliness1766040000000().up(runner);
      expect(await columns('rebuild_ticket_facts')).toEqual(expect.arrayContaining(['dispatch_breached', 'on_site_at', 'on_site_breached']));
      expect(await columns('rebuild_incident_facts')).toContain('dispatch_breached');
      expect(await columns('rebuild_ticket_timeliness_rollups')).toEqual(await columns('ticket_timeliness_rollups'));

      await db.dataSource.query('DROP TABLE rebuild_ticket_timeliness_rollups');
      await db.dataSource.query(`INSERT INTO projection_rebuilds (id, status, requested_by, started_at, events_total) VALUES (gen_random_uuid(), 'completed', 'admin-1', now(), 0)`);
      expect(await columns('rebuild_ticket_timeliness_rollups')).toEqual(await columns('ticket_timeliness_rollups'));

      await db.dataSource.query(`INSERT INTO ticket_timeliness_rollups (day, project, dimension, key, dispatch_judged) VALUES (20000, '*', 'total', '', 1)`);
      await db.dataSource.query('TRUNCATE ticket_facts');
      expect(await db.dataSource.query('SELECT * FROM ticket_timeliness_rollups')).toEqual([]);

      await new DispatchAndOnSiteTimeliness1766040000000().down(runner);
      expect(await columns('ticket_facts')).not.toContain('dispatch_breached');
      expect(await columns('incident_facts')).not.toContain('dispatch_breached');
      expect(await columns('rebuild_ticket_facts')).not.toContain('on_site_at');
      expect(await columns('ticket_timeliness_rollups')).toEqual([]);
      // The trigger still empties what the release before knows.
      await db.dataSource.query(`INSERT INTO ticket_record_rollups (day, project, dimension, key) VALUES (20000, '*', 'total', '')`);
      await db.dataSource.query('TRUNCATE ticket_facts');
      expect(await db.dataSource.query('SELECT * FROM ticket_record_rollups')).toEqual([]);
      await db.dataSource.query('DROP TABLE rebuild_ticket_facts, rebuild_incident_facts');
      await new DispatchAndOnSiteTimeliness1766040000000().up(runner);
    } finally {
      await runner.release();
    }
  });

  it('given the rows already there, then they take null: told nothing, judged neither way', async () => {
    const defaults = (await db.dataSource.query(
      `SELECT table_name || '.' || column_name AS name, is_nullable, column_default FROM information_schema.columns
        WHERE table_schema = $1 AND column_name IN ('dispatch_breached', 'on_site_at', 'on_site_breached') AND table_name IN ('ticket_facts', 'incident_facts') ORDER BY 1`,
      [db.schema],
    )) as { name: string; is_nullable: string; column_default: string | null }[];
    expect(defaults).toEqual(
      ['incident_facts.dispatch_breached', 'ticket_facts.dispatch_breached', 'ticket_facts.on_site_at', 'ticket_facts.on_site_breached'].map((name) => ({ name, is_nullable: 'YES', column_default: null })),
    );
  });

  it('given dispatches and arrivals with and without a verdict, and clocks that ran out, then each rate counts the verdicts told, a breach standing over an on-time verdict', async () => {
    const repair = (day: number, channel: 'phone' | 'wechat') => ticket({ itemCode: 'repair.own_unit', projectCode: 'P001', channel, ownerId: 'agent-a', openedAt: sh(day, '09:00') });
    // Dispatched before this release, or under no dispatch clock: no verdict.
    const untold = repair(2, 'phone');
    // Its dispatch clock ran out before the dispatch, which says late too; its handler arrived in time.
    const late = repair(2, 'wechat');
    // Dispatched in time; its on-site clock ran out after the arrival was told in time (a breach stands).
    const inTime = repair(3, 'phone');
    const declared = (incidentId: string, day: number) => {
      const incident = { incidentId, number: `INC-202611${String(day).padStart(2, '0')}-0001`, projectCode: 'P001', itemCode: 'repair.public_area' };
      return {
        incident,
        event: delivered(IncidentDeclaredV1, incidentId, { ...incident, status: 'open', at: sh(day, '09:00'), by: 'sup-1', sectionCode: 'repair', title: '停水', description: '全楼停水', priority: 'high' }),
      };
    };
    const noClock = declared(randomUUID(), 2);
    const lateIncident = declared(randomUUID(), 4);
    await project([
      created(untold),
      ticketEvent(TicketDispatchedV1, untold, sh(2, '10:00'), { department: 'engineering' }),
      ticketEvent(TicketOnSiteV1, untold, sh(2, '11:00'), { arrivedAt: sh(2, '11:00') }),
      created(late),
      ticketEvent(SlaBreachedV1, late, sh(2, '11:00'), { clock: 'dispatch', dueAt: sh(2, '11:00'), notify }),
      ticketEvent(TicketDispatchedV1, late, sh(2, '11:30'), { department: 'engineering', breached: true }),
      ticketEvent(TicketOnSiteV1, late, sh(2, '13:00'), { arrivedAt: sh(2, '13:00'), breached: false }),
      created(inTime),
      ticketEvent(TicketDispatchedV1, inTime, sh(3, '09:10'), { department: 'engineering', breached: false }),
      ticketEvent(TicketOnSiteV1, inTime, sh(3, '09:40'), { arrivedAt: sh(3, '09:40'), breached: false }),
      noClock.event,
      delivered(IncidentDispatchedV1, noClock.incident.incidentId, { ...noClock.incident, status: 'open', at: sh(2, '09:20'), by: 'sup-1', department: 'engineering' }),
      lateIncident.event,
      delivered(IncidentSlaBreachedV1, lateIncident.incident.incidentId, { ...lateIncident.incident, status: 'open', at: sh(4, '10:00'), by: 'system', clock: 'dispatch', dueAt: sh(4, '10:00'), notify }),
      delivered(IncidentDispatchedV1, lateIncident.incident.incidentId, { ...lateIncident.incident, status: 'open', at: sh(4, '10:30'), by: 'sup-1', department: 'engineering', breached: false }),
    ]);
    // Dispatch: `inTime` of `late`, `inTime` and the late incident. On site: `late` and `inTime`, both in time so far.
    expect(await kpis()).toMatchObject({ dispatched: 3, dispatchOnTimeRate: 1 / 3, onSiteOnTimeRate: 1 });

    await project([ticketEvent(SlaBreachedV1, inTime, sh(3, '10:00'), { clock: 'on_site', dueAt: sh(3, '10:00'), notify })]);
    expect(await kpis()).toMatchObject({ dispatchOnTimeRate: 1 / 3, onSiteOnTimeRate: 1 / 2 });
  });
});
