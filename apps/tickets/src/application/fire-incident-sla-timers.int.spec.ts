import { loadServiceConfig } from '@cs/config';
import { createLogger } from '@cs/observability';
import { ThrowawaySchema, throwawaySchema } from '@cs/testing';
import { CalendarRecomputeJobRepository } from '../infrastructure/calendar-recompute-jobs.repository';
import { IncidentRepository } from '../infrastructure/incident.repository';
import { MIGRATIONS } from '../infrastructure/migrations';
import { IncidentSlaTimerRepository } from '../infrastructure/sla-timer.repository';
import { dueWorkFailures } from '../testing/due-work';
import { incidentServices } from '../testing/ticket-services';
import { FireIncidentSlaTimers } from './fire-incident-sla-timers';
import { RunIncidentCommand } from './run-incident-command';

/**
 * 群发事件 — an incident's own SLA timers (ADR 0040): planned with every change, fired once
 * each across replicas as `incident.sla.*` and `incident.escalated`, withdrawn as its clocks are
 * met and when it is resolved.
 */
let db: ThrowawaySchema;
const incidents = new IncidentRepository();
const timers = new IncidentSlaTimerRepository();
const supervisor = { sub: 'sup-1', roles: ['supervisor'], projects: ['P-SLA'] };
const cst = (local: string) => new Date(`${local}+08:00`);

/** One replica's objects, with its own calendar cache; the loop's polling is never started here. */
function replica(): { run: RunIncidentCommand; fire: FireIncidentSlaTimers } {
  const { run } = incidentServices(db);
  const fire = new FireIncidentSlaTimers(
    db.dataSource,
    incidents,
    timers,
    new CalendarRecomputeJobRepository(),
    run,
    dueWorkFailures(db.dataSource),
    createLogger('tickets', 'silent'),
    loadServiceConfig('tickets', { NODE_ENV: 'test' }),
  );
  return { run, fire };
}

/** A lift stopped, declared by the supervisor at `at` (a Monday 09:00), timed by the repair policy. */
const declareAt = (run: RunIncidentCommand, at: Date, where: { building?: string; area?: string }) =>
  run.declare(supervisor, { place: { projectCode: 'P-SLA', ...where }, itemCode: 'repair.public_area', title: '电梯停运', description: '电梯停在12楼', priority: 'high' }, at);

const rows = <Row>(sql: string, params: unknown[] = []) => db.dataSource.query(sql.replaceAll('{s}', db.schema), params) as Promise<Row[]>;
const unfired = (id: string) =>
  rows<{ clock: string; kind: string; threshold: number; fire_at: Date }>(
    `SELECT clock, kind, threshold, fire_at FROM {s}.incident_sla_timers WHERE incident_id = $1 AND fired_at IS NULL ORDER BY fire_at, clock, kind`,
    [id],
  );
const published = async (id: string) =>
  (await rows<{ event_type: string; payload: string }>(`SELECT event_type, payload FROM {s}.outbox WHERE message_key = $1 ORDER BY seq`, [id])).map((r) => ({
    type: r.event_type,
    data: JSON.parse(r.payload) as Record<string, unknown>,
  }));
const at = (planned: { clock: string; kind: string; threshold: number; fire_at: Date }[], clock: string, kind: string, threshold?: number) =>
  planned.find((t) => t.clock === clock && t.kind === kind && (threshold === undefined || t.threshold === threshold))!.fire_at;

beforeAll(async () => {
  db = await throwawaySchema('tickets_incident_timers', MIGRATIONS);
});

afterAll(async () => {
  await db?.drop();
});

describe('an incident’s SLA timers', () => {
  it('given a declared lift incident, when its timers come due on two replicas at once, then each fires once; telling the callers and resolving withdraw the rest', async () => {
    const declared = await declareAt(replica().run, cst('2026-11-23T09:00:00'), { building: '3' });
    // Monday 09:00, by the repair policy: a first response within 24 hours and a resolution within 3 working days, warned at 75 % and 90 %, the manager a working day after a breach.
    const planned = await unfired(declared.id);
    expect(planned.filter((t) => t.clock === 'first_response').map((t) => [t.kind, t.threshold])).toEqual([
      ['warning', 75],
      ['warning', 90],
      ['breach', 100],
      ['escalate_manager', 0],
    ]);
    expect(planned.filter((t) => t.clock === 'resolution').map((t) => t.kind).sort()).toEqual(['breach', 'escalate_manager', 'warning', 'warning']);

    const firstWarning = at(planned, 'first_response', 'warning', 75);
    const [a, b] = [replica(), replica()];
    expect((await Promise.all([a.fire.fireDue(firstWarning), b.fire.fireDue(firstWarning)])).reduce((x, y) => x + y)).toBe(1);
    const breach = at(planned, 'first_response', 'breach');
    expect((await Promise.all([a.fire.fireDue(breach), b.fire.fireDue(breach)])).reduce((x, y) => x + y)).toBe(2);
    expect(await a.fire.fireDue(breach)).toBe(0);

    const events = await published(declared.id);
    expect(events.map((e) => e.type)).toEqual(['incident.declared.v1', 'incident.sla.warning.v1', 'incident.sla.warning.v1', 'incident.sla.breached.v1', 'incident.escalated.v1']);
    expect(events[1]!.data).toMatchObject({
      incidentId: declared.id,
      number: declared.number,
      status: 'open',
      projectCode: 'P-SLA',
      by: 'system',
      at: firstWarning.toISOString(),
      clock: 'first_response',
      thresholdPercent: 75,
      notify: { roles: ['supervisor'], projectCode: 'P-SLA', userIds: ['sup-1'] },
    });
    expect(events[4]!.data).toMatchObject({ level: 1, reason: 'sla_breached', notify: { roles: ['supervisor'] } });
    const escalated = (await incidents.find(db.dataSource, declared.id))!;
    expect([escalated.escalationLevel, escalated.clocks.find((c) => c.kind === 'first_response')?.breachedAt]).toEqual([1, breach]);
    expect((await incidents.history(db.dataSource, declared.id)).filter((h) => h.action === 'fire_sla_timers').map((h) => h.details)).toEqual([
      { fired: ['first_response:warning@75%'] },
      { fired: ['first_response:warning@90%', 'first_response:breach', 'escalated:1'] },
    ]);

    // Telling the callers meets the first response: the manager is no longer owed its breach.
    await a.run.execute(declared.id, supervisor, { action: 'post_update', updateId: '6f1d2c1e-6a55-4c1b-9a53-0b9d2f2c0a11', message: '维保单位已到场' }, undefined, breach);
    expect((await unfired(declared.id)).filter((t) => t.clock === 'first_response')).toEqual([]);
    expect(await a.fire.fireDue(at(planned, 'first_response', 'escalate_manager'))).toBe(0);

    // Resolved, nothing of it is left to fire.
    await a.run.execute(declared.id, supervisor, { action: 'resolve', resolution: '更换编码器，电梯已恢复', resolveChildren: true });
    expect(await unfired(declared.id)).toEqual([]);
    expect(await a.fire.fireDue(new Date(Date.now() + 30 * 86_400_000))).toBe(0);
    expect((await published(declared.id)).map((e) => e.type).slice(5)).toEqual(['incident.updated.v1', 'incident.resolved.v1']);
  });

  it('given a breach left open, when its manager timer fires, then the manager hears of it once and the incident is at level 2', async () => {
    const { run, fire } = replica();
    const declared = await declareAt(run, cst('2026-12-07T09:00:00'), { area: '地下车库' });
    // The end of Wednesday, the working day after the first response breached: the resolution is not due before Thursday.
    const manager = at(await unfired(declared.id), 'first_response', 'escalate_manager');
    expect(await fire.fireDue(manager)).toBe(4);
    expect(await fire.fireDue(manager)).toBe(0);
    const types = (await published(declared.id)).map((e) => e.type);
    expect(types).toEqual(['incident.declared.v1', 'incident.sla.warning.v1', 'incident.sla.warning.v1', 'incident.sla.breached.v1', 'incident.escalated.v1', 'incident.escalated.v1']);
    expect((await incidents.find(db.dataSource, declared.id))!.escalationLevel).toBe(2);
    // At level 2 the manager is not told again: no escalation is planned for the resolution clock any more.
    expect((await unfired(declared.id)).map((t) => t.kind)).not.toContain('escalate_manager');
  });
});
