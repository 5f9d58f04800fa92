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

  it('given tickets and an incident on record before it, then they count in neither rate until a breach is told; those opened after count by their clocks', async () => {
    const before = ticket({ itemCode: 'repair.own_unit', projectCode: 'P001', channel: 'phone', ownerId: 'agent-a', openedAt: sh(2, '09:00') });
    const breachedLater = ticket({ itemCode: 'complaint.service_quality', projectCode: 'P001', channel: 'phone', ownerId: 'agent-a', openedAt: sh(2, '09:30') });
    const incidentId = randomUUID();
    const incident = { incidentId, number: 'INC-20261102-0001', projectCode: 'P001', itemCode: 'repair.public_area' };
    // Their rows, as the release before wrote and counted them.
    await project([
      created(before),
      created(breachedLater),
      delivered(IncidentDeclaredV1, incidentId, { ...incident, status: 'open', at: sh(2, '09:00'), by: 'sup-1', sectionCode: 'repair', title: '停水', description: '全楼停水', priority: 'high' }),
    ]);
    await db.dataSource.query('UPDATE ticket_facts SET dispatch_breached = NULL, on_site_breached = NULL');
    await db.dataSource.query('UPDATE incident_facts SET dispatch_breached = NULL');
    expect(await db.dataSource.query('SELECT count(*)::int AS n FROM ticket_timeliness_rollups')).toEqual([{ n: 0 }]);

    const after = ticket({ itemCode: 'repair.own_unit', projectCode: 'P001', channel: 'wechat', ownerId: 'agent-b', openedAt: sh(3, '09:00') });
    await project([
      ticketEvent(TicketDispatchedV1, before, sh(2, '10:00'), { department: 'engineering' }),
      ticketEvent(TicketOnSiteV1, before, sh(2, '11:00'), { arrivedAt: sh(2, '11:00') }),
      delivered(IncidentDispatchedV1, incidentId, { ...incident, status: 'open', at: sh(2, '09:20'), by: 'sup-1', department: 'engineering' }),
      ticketEvent(SlaBreachedV1, breachedLater, sh(2, '11:30'), { clock: 'dispatch', dueAt: sh(2, '11:30'), notify }),
      created(after),
      ticketEvent(TicketDispatchedV1, after, sh(3, '09:10'), { department: 'engineering' }),
      ticketEvent(SlaBreachedV1, after, sh(3, '10:00'), { clock: 'on_site', dueAt: sh(3, '10:00'), notify }),
      ticketEvent(TicketOnSiteV1, after, sh(3, '10:30'), { arrivedAt: sh(3, '10:30') }),
    ]);
    // `before` and the incident: dispatched, but whether in time was not followed. `breachedLater`: late. `after`: dispatched in time, on site late.
    expect(await kpis()).toMatchObject({ dispatched: 2, dispatchOnTimeRate: 1 / 2, onSiteOnTimeRate: 0 });

    const followed = ticket({ itemCode: 'repair.own_unit', projectCode: 'P001', channel: 'phone', ownerId: 'agent-b', openedAt: sh(4, '09:00') });
    const incidentLater = randomUUID();
    const declared = { ...incident, incidentId: incidentLater, number: 'INC-20261104-0001' };
    await project([
      created(followed),
      ticketEvent(TicketDispatchedV1, followed, sh(4, '09:05'), { department: 'engineering' }),
      ticketEvent(TicketOnSiteV1, followed, sh(4, '09:40'), { arrivedAt: sh(4, '09:40'), department: 'engineering' }),
      delivered(IncidentDeclaredV1, incidentLater, { ...declared, status: 'open', at: sh(4, '09:00'), by: 'sup-1', sectionCode: 'repair', title: '停电', description: '全楼停电', priority: 'high' }),
      delivered(IncidentSlaBreachedV1, incidentLater, { ...declared, status: 'open', at: sh(4, '10:00'), by: 'system', clock: 'dispatch', dueAt: sh(4, '10:00'), notify }),
    ]);
    // + `followed` in time on both; + the later incident, late to dispatch (the first incident stays unjudged).
    expect(await kpis()).toMatchObject({ dispatchOnTimeRate: 2 / 4, onSiteOnTimeRate: 1 / 2 });
  });
});
