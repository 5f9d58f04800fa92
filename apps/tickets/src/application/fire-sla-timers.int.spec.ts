import { Writable } from 'node:stream';
import pino from 'pino';
import type { EntityManager } from 'typeorm';
import { loadServiceConfig } from '@cs/config';
import { ServiceMetrics, createLogger } from '@cs/observability';
import { ThrowawaySchema, throwawaySchema, withRoundTripsCounted } from '@cs/testing';
import { DueWorkFailures, DueWorkPostponementRepository } from '@cs/platform';
import { startClock } from '../domain/sla-clock';
import type { Ticket } from '../domain/ticket';
import { MIGRATIONS } from '../infrastructure/migrations';
import { CalendarRecomputeJobRepository } from '../infrastructure/calendar-recompute-jobs.repository';
import { SlaTimerRepository } from '../infrastructure/sla-timer.repository';
import { TicketRepository } from '../infrastructure/ticket.repository';
import { cacheThatRead } from '../testing/calendar-caches';
import { aTicket } from '../testing/fixtures';
import { ticketServices } from '../testing/ticket-services';
import { dueWorkFailures } from '../testing/due-work';
import { loadCalendars } from './calendar-source';
import { FireSlaTimers } from './fire-sla-timers';

/**
 * Durable SLA timers fired in batches (ADR 0040): a burst larger than a batch drains in one go,
 * two replicas firing at once fire each timer exactly once, and a ticket whose due work fails
 * is held back with back-off while every other ticket's timers fire.
 */
let db: ThrowawaySchema;
const tickets = new TicketRepository();
const timers = new SlaTimerRepository();
const opened = new Date('2026-11-30T02:00:00Z');
/** Half of a 60-minute calendar clock: the 50 % warning is due, the 80 % one and the breach are not. */
const warned = new Date(opened.getTime() + 31 * 60_000);

/** What one replica's loop is made of, with its own calendar cache. */
function replicaParts(failures: DueWorkFailures = dueWorkFailures(db.dataSource)): ConstructorParameters<typeof FireSlaTimers> {
  const { run } = ticketServices(db);
  return [
    db.dataSource,
    tickets,
    timers,
    new CalendarRecomputeJobRepository(),
    run,
    failures,
    createLogger('tickets', 'silent'),
    loadServiceConfig('tickets', { NODE_ENV: 'test' }),
  ];
}

/** One replica's loop; its polling is never started here. */
function replica(failures?: DueWorkFailures): FireSlaTimers {
  return new FireSlaTimers(...replicaParts(failures));
}

let numbered = 0;
/** Tickets timed by a 60-minute calendar clock warned at 50 % and 80 %, opened together, with their timers planned. */
async function openTickets(count: number, change: Partial<Ticket> = {}): Promise<Ticket[]> {
  const clock = startClock('resolution', { amount: 60, unit: 'minutes', basis: 'calendar' }, 'default', [50, 80], opened);
  const opening = Array.from({ length: count }, () =>
    aTicket({ number: `TK-20261130-${String(++numbered).padStart(6, '0')}`, status: 'dispatched', department: 'engineering', clocks: [clock], ...change }, opened),
  );
  const { writer, calendars: store } = ticketServices(db);
  const calendars = await loadCalendars(store, ['default']);
  const history = { actor: 'agent-1', action: 'created' as const, details: {} };
  await db.dataSource.transaction((tx) =>
    writer.saveAll(tx, opening.map((after) => ({ before: undefined, after, events: [], saving: { calendars, policy: undefined, now: opened, history } }))),
  );
  return opening;
}

const rows = <Row>(sql: string, params: unknown[] = []) => db.dataSource.query(sql.replaceAll('{s}', db.schema), params) as Promise<Row[]>;
/** Per ticket, how many 50 % warnings reached the outbox. */
async function warningsOf(ids: readonly string[]): Promise<Map<string, number>> {
  const found = await rows<{ ticket: string; n: number }>(
    `SELECT message_key AS ticket, count(*)::int AS n FROM {s}.outbox
      WHERE event_type = 'sla.warning.v1' AND message_key = ANY($1) AND (payload::jsonb ->> 'thresholdPercent')::int = 50 GROUP BY message_key`,
    [ids],
  );
  return new Map(found.map((r) => [r.ticket, r.n]));
}
const unfiredDue = async (ids: readonly string[], at: Date) =>
  (await rows<{ n: number }>(`SELECT count(*)::int AS n FROM {s}.sla_timers WHERE ticket_id = ANY($1) AND fired_at IS NULL AND fire_at <= $2`, [ids, at]))[0]!.n;

beforeAll(async () => {
  db = await throwawaySchema('tickets_timers', MIGRATIONS, { poolSize: 6 });
});

afterAll(async () => {
  await db?.drop();
});

describe('a burst of timers due at once', () => {
  it('given 1,000 tickets with a warning due, when two replicas fire at the same time, then each warning is fired and published exactly once', async () => {
    const burst = await openTickets(1000);
    const ids = burst.map((t) => t.id);
    expect(await unfiredDue(ids, warned)).toBe(1000);

    const [a, b] = await Promise.all([replica().fireDue(warned), replica().fireDue(warned)]);

    expect(a + b).toBe(1000);
    // Both took part: batches, not one replica doing it all while the other waited.
    expect(Math.min(a, b)).toBeGreaterThan(0);
    expect(await unfiredDue(ids, warned)).toBe(0);
    const warnings = await warningsOf(ids);
    expect(ids.filter((id) => warnings.get(id) !== 1)).toEqual([]);
    const history = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM {s}.ticket_history WHERE ticket_id = ANY($1) AND action = 'sla_timers'`, [ids]);
    expect(history[0]!.n).toBe(1000);

    // Firing again finds nothing; the 80 % warning and the breach are still planned, once each.
    expect(await replica().fireDue(warned)).toBe(0);
    const planned = await rows<{ kind: string; threshold: number; n: number }>(
      `SELECT kind, threshold, count(*)::int AS n FROM {s}.sla_timers WHERE ticket_id = ANY($1) AND fired_at IS NULL GROUP BY kind, threshold ORDER BY kind, threshold`,
      [ids],
    );
    expect(planned).toEqual([
      { kind: 'breach', threshold: 100, n: 1000 },
      { kind: 'warning', threshold: 80, n: 1000 },
    ]);
    const saved = await tickets.find(db.dataSource.manager, ids[0]!);
    expect(saved?.clocks[0]?.warned).toEqual([50]);
    expect(saved?.version).toBe(2);
  });

  it('given a replica whose first batch another replica fires between its read and its lock, when it fires, then it goes on with the rest rather than stopping', async () => {
    const burst = await openTickets(1000);
    const ids = burst.map((t) => t.id);
    const other = replica();
    /** Reads its candidates, then lets the other replica fire and commit the batch they begin with. */
    class Overtaken extends FireSlaTimers {
      private overtaken = false;
      protected override async candidates(db: EntityManager, now: Date, limit: number): Promise<string[]> {
        const read = await super.candidates(db, now, limit);
        if (!this.overtaken) {
          this.overtaken = true;
          expect(await other.pass(now)).toEqual({ fired: 200, postponed: 0, full: true });
        }
        return read;
      }
    }
    const slow = new Overtaken(...replicaParts());

    expect(await slow.fireDue(warned)).toBe(800);

    expect(await unfiredDue(ids, warned)).toBe(0);
    const warnings = await warningsOf(ids);
    expect(ids.filter((id) => warnings.get(id) !== 1)).toEqual([]);
  });

  it('given a ticket a person holds, when the timers fire, then it is skipped and fires on a later pass', async () => {
    const [held, free] = await openTickets(2);
    const loop = replica();
    await db.dataSource.transaction(async (tx) => {
      await tickets.find(tx, held!.id, true);
      expect(await loop.fireDue(warned)).toBe(1);
    });
    expect(await loop.fireDue(warned)).toBe(1);
    const warnings = await warningsOf([held!.id, free!.id]);
    expect([warnings.get(held!.id), warnings.get(free!.id)]).toEqual([1, 1]);
  });
});

/**
 * Every column some index of the table reads: its keys, and those its expressions and condition
 * name; an expression or condition over the whole row (`t.*`) reads them all.
 */
async function indexedColumns(table: string): Promise<string[]> {
  const found = await rows<{ column: string }>(
    `SELECT DISTINCT a.attname AS column
       FROM pg_index i
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum > 0 AND NOT a.attisdropped
      WHERE i.indrelid = $1::regclass
        AND (a.attnum = ANY (i.indkey)
          OR EXISTS (SELECT 1 FROM pg_depend d
                      WHERE d.classid = 'pg_class'::regclass AND d.objid = i.indexrelid
                        AND d.refclassid = 'pg_class'::regclass AND d.refobjid = i.indrelid AND d.refobjsubid IN (0, a.attnum)))
      ORDER BY 1`,
    [table],
  );
  return found.map((r) => r.column);
}

describe('the statements of a batch', () => {
  it('claim the due timers and read the calendar walks under way together (ADR 0191)', async () => {
    const burst = await openTickets(3);
    // A calendar cache that read the calendar and trusts it however slow the run, as between a busy replica's batches.
    const { run, outbox } = ticketServices(db, await cacheThatRead(db, 'default'));
    const [, , , walks, , failures, logger, config] = replicaParts();
    const trips = await withRoundTripsCounted(db.schema, async (relayed, roundTripsOf) => {
      // The events are written as the transaction commits, as the service's are.
      relayed.subscribers.push(outbox.committed);
      const loop = new FireSlaTimers(relayed, tickets, timers, walks, run, failures, logger, config);
      return roundTripsOf(async () => expect(await loop.fireDue(warned)).toBe(3));
    });
    // The candidates; the opening and the lock; the claim and the walks; the policies; the rows,
    // the histories and the timers; the events, the postponements cleared and COMMIT.
    expect(trips).toBe(8);
    expect(await unfiredDue(burst.map((t) => t.id), warned)).toBe(0);
  });
});

describe('a warning rewrites the ticket row in place (ADR 0063)', () => {
  it('changes no column an index of tickets reads, and the table keeps room on its pages, so the new row can stay on its page', async () => {
    const [ticket] = await openTickets(1);
    const rowOf = async () => (await rows<{ row: Record<string, unknown> }>(`SELECT to_jsonb(t) AS row FROM {s}.tickets t WHERE id = $1`, [ticket!.id]))[0]!.row;
    const before = await rowOf();
    expect(await replica().fireDue(warned)).toBe(1);
    const after = await rowOf();

    const changed = Object.keys(after).filter((column) => JSON.stringify(after[column]) !== JSON.stringify(before[column]));
    expect(changed.sort()).toEqual(['clocks', 'version']);
    const indexed = await indexedColumns(`${db.schema}.tickets`);
    // The walk after a calendar change reads open tickets by id and status: those are indexed, the clocks are not.
    expect(indexed).toEqual(expect.arrayContaining(['id', 'status']));
    expect(indexed.filter((column) => changed.includes(column))).toEqual([]);
    const [options] = await rows<{ reloptions: string[] | null }>(`SELECT reloptions FROM pg_class WHERE oid = $1::regclass`, [`${db.schema}.tickets`]);
    expect(options!.reloptions).toContain('fillfactor=80');
  });
});

describe('saving many tickets at once', () => {
  it('refuses a ticket both opened and changed in one save, writing nothing: the change would be lost to the insert after it', async () => {
    const [existing] = await openTickets(1, { clocks: [] });
    const { writer, calendars: store } = ticketServices(db);
    const calendars = await loadCalendars(store, ['default']);
    const history = { actor: 'agent-1', action: 'created' as const, details: {} };
    const fresh = aTicket({ number: `TK-20261130-${String(++numbered).padStart(6, '0')}` }, opened);
    const saving = { calendars, policy: undefined, now: opened, history };
    await expect(
      db.dataSource.transaction((tx) =>
        writer.saveAll(tx, [
          { before: undefined, after: fresh, events: [], saving },
          { before: existing!, after: { ...fresh, version: 2 }, events: [], saving },
        ]),
      ),
    ).rejects.toThrow('both opened and changed');
    expect(await rows(`SELECT id FROM {s}.tickets WHERE id = $1`, [fresh.id])).toEqual([]);
  });
});

describe('a ticket whose due work fails', () => {
  it('given one ticket whose warning breaks its contract and one whose row cannot be read among good ones, then the rest fire and each is held back with back-off, counted and logged without personal data', async () => {
    const metrics = new ServiceMetrics('tickets');
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const failures = new DueWorkFailures(db.dataSource, new DueWorkPostponementRepository(), metrics, pino({ level: 'warn' }, sink));
    // Opened first, so its warning is the first due: every pass used to fail on it.
    const [poisoned] = await openTickets(1, { number: 'TK-BROKEN', customerName: '王小明' });
    // A row that cannot even be read fails the batch's lock, not only its own save.
    const [unreadable] = await openTickets(1);
    await rows(`UPDATE {s}.tickets SET clocks = '[{"target": {}}]' WHERE id = $1`, [unreadable!.id]);
    const good = await openTickets(30);
    const loop = replica(failures);

    expect(await loop.fireDue(warned)).toBe(30);

    const warnings = await warningsOf([poisoned!.id, ...good.map((t) => t.id)]);
    expect(good.filter((t) => warnings.get(t.id) !== 1)).toEqual([]);
    expect(warnings.get(poisoned!.id)).toBeUndefined();
    expect(await unfiredDue([poisoned!.id], warned)).toBe(1);
    const postponements = new DueWorkPostponementRepository();
    expect(await postponements.find(db.dataSource.manager, 'sla_timers', poisoned!.id)).toEqual({ failures: 1, retryAt: new Date(warned.getTime() + 30_000) });
    expect(await metrics.registry.getSingleMetricAsString('due_work_failures_total')).toContain('due_work_failures_total{work="sla_timers",service="tickets"} 2');
    const logged = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logged).toEqual([
      expect.objectContaining({ work: 'sla_timers', subjectId: poisoned!.id, failure: 'contract:sla.warning.v1:/number', failures: 1 }),
      expect.objectContaining({ work: 'sla_timers', subjectId: unreadable!.id, failure: 'RowShapeError', failures: 1 }),
    ]);
    expect(lines.join('\n')).not.toContain('王小明');
    expect(await unfiredDue([unreadable!.id], warned)).toBe(1);

    // Held back: passes before its retry leave it alone, a pass after tries again and doubles the wait.
    expect(await loop.fireDue(new Date(warned.getTime() + 20_000))).toBe(0);
    expect(await postponements.find(db.dataSource.manager, 'sla_timers', poisoned!.id)).toMatchObject({ failures: 1 });
    const retried = new Date(warned.getTime() + 31_000);
    expect(await loop.fireDue(retried)).toBe(0);
    expect(await postponements.find(db.dataSource.manager, 'sla_timers', poisoned!.id)).toEqual({ failures: 2, retryAt: new Date(retried.getTime() + 60_000) });

    // Mended, it fires on its next try and is no longer held back.
    await rows(`UPDATE {s}.tickets SET number = 'TK-20261130-900001' WHERE id = $1`, [poisoned!.id]);
    expect(await loop.fireDue(new Date(retried.getTime() + 61_000))).toBe(1);
    expect((await warningsOf([poisoned!.id])).get(poisoned!.id)).toBe(1);
    expect(await postponements.find(db.dataSource.manager, 'sla_timers', poisoned!.id)).toBeUndefined();
  });
});
