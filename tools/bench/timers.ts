import { Pool } from 'pg';
import { SlaWarningV1 } from '@cs/contracts';
import { call, required, sleep, token, until } from './copy';
import { Figure, censoredLatency, round } from './figures';
import { contactBody } from './scenarios';
import { TARGETS, latencyTargetText } from './targets';

interface StoredClock {
  readonly kind: string;
  readonly warnAt: readonly number[];
  readonly warned: readonly number[];
  readonly metAt?: string;
  readonly breachedAt?: string;
}

/** A ticket with a running SLA clock that has a warning still to give: the one the burst's tickets copy. */
async function template(pool: Pool): Promise<{ id: string; clock: string; threshold: number } | undefined> {
  const { rows } = await pool.query<{ id: string; clocks: StoredClock[] }>(
    `SELECT id::text, clocks FROM tickets.tickets WHERE status NOT IN ('resolved', 'closed') AND jsonb_array_length(clocks) > 0
      ORDER BY created_at DESC LIMIT 50`,
  );
  for (const row of rows) {
    for (const clock of row.clocks) {
      const threshold = clock.metAt || clock.breachedAt ? undefined : clock.warnAt.find((t) => !clock.warned.includes(t));
      if (threshold !== undefined) return { id: row.id, clock: clock.kind, threshold };
    }
  }
  return undefined;
}

/**
 * The template, opened through intake when no scenario before this one left an open ticket
 * (`BENCH_ONLY=timers`): one contact about a repair, and the ticket the tickets service opens
 * for it, waited for as any caller would.
 */
async function templateOpenedIfNeeded(pool: Pool, waitSeconds: number): Promise<{ id: string; clock: string; threshold: number } | undefined> {
  const found = await template(pool);
  if (found) return found;
  const desk = await token({ roles: ['agent'], sub: 'bench-timers', name: '压测', projects: ['P001'] });
  const posted = await call(`${required('BENCH_INTAKE_URL')}/v1/contacts`, desk, { method: 'POST', body: JSON.parse(contactBody(0, '134')) });
  if (posted.status !== 201) throw new Error(`opening the template ticket: intake answered ${posted.status}`);
  let opened: { id: string; clock: string; threshold: number } | undefined;
  await until(async () => (opened = await template(pool)) !== undefined, waitSeconds * 1000, 250);
  return opened;
}

/**
 * Rows inserted into `schema.table` from `source` (whose template row is `t`), every column the
 * migrations gave the table copied from `t` but the `own` ones, given as SQL.
 */
async function insertCopies(pool: Pool, schema: string, table: string, own: Record<string, string>, source: string, params: unknown[]): Promise<void> {
  const { rows: columns } = await pool.query<{ name: string }>(
    'SELECT column_name AS name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position',
    [schema, table],
  );
  const names = columns.map((c) => `"${c.name}"`).join(', ');
  const values = columns.map((c) => own[c.name] ?? `t."${c.name}"`).join(', ');
  await pool.query(`INSERT INTO ${schema}.${table} (${names}) SELECT ${values} ${source}`, params);
}

/**
 * `count` copies of the template ticket, row for row as the tickets service stores them (every
 * column the migrations gave it) but with their own id, number and contact.
 */
async function copyTickets(pool: Pool, templateId: string, count: number, numberPrefix: string): Promise<void> {
  await insertCopies(
    pool,
    'tickets',
    'tickets',
    { id: 'gen_random_uuid()', number: `$2 || lpad(g::text, 9, '0')`, contact_id: 'gen_random_uuid()' },
    'FROM tickets.tickets t, generate_series(1, $3) g WHERE t.id = $1',
    [templateId, numberPrefix, count],
  );
}

/**
 * Intake's row for each copy, as it keeps one for every ticket it was told of (the desk's open
 * tickets and their deadlines): a warning then updates the row it follows, as for a real ticket,
 * rather than adding one the table never had. Copied from the template's, once intake took in
 * the template's `ticket.created`; false when it did not within `waitSeconds`.
 */
async function copyKnownTickets(pool: Pool, templateId: string, numberPrefix: string, waitSeconds: number): Promise<boolean> {
  const known = async () =>
    (await pool.query('SELECT 1 FROM intake.known_tickets WHERE ticket_id = $1 AND number IS NOT NULL', [templateId])).rows.length === 1;
  if (!(await until(known, waitSeconds * 1000, 250))) return false;
  await insertCopies(
    pool,
    'intake',
    'known_tickets',
    { ticket_id: 'c.id', number: 'c.number' },
    `FROM intake.known_tickets t JOIN tickets.tickets c ON c.number LIKE $2 || '%' WHERE t.ticket_id = $1`,
    [templateId, numberPrefix],
  );
  await pool.query('ANALYZE intake.known_tickets');
  return true;
}

/**
 * Gives each copy the template's other unfired timers, as opening a ticket plans them all: the
 * burst's warning firing then leaves them as they are, which is what it costs a real ticket.
 */
async function copyOtherTimers(pool: Pool, template: { id: string; clock: string; threshold: number }, numberPrefix: string): Promise<void> {
  await pool.query(
    `INSERT INTO tickets.sla_timers (ticket_id, clock, kind, threshold, fire_at)
     SELECT c.id, s.clock, s.kind, s.threshold, s.fire_at
       FROM tickets.tickets c
       JOIN tickets.sla_timers s ON s.ticket_id = $1 AND s.fired_at IS NULL AND NOT (s.clock = $2 AND s.kind = 'warning' AND s.threshold = $3)
      WHERE c.number LIKE $4 || '%'`,
    [template.id, template.clock, template.threshold, numberPrefix],
  );
}

interface Outcome {
  readonly fired: number;
  /** Timers whose warning reached the outbox more than once, or not at all though the timer fired. */
  readonly twice: number;
  readonly firedSilently: number;
  readonly lagsMs: number[];
}

/** How long before they come due the burst's timers are written. */
const PLANNED_AHEAD_SECONDS = 10;

/**
 * A burst of `count` SLA warning timers due at the same instant, one per ticket, on copies of a
 * ticket the run opened (inserted straight into the tickets service's tables of the copy, and
 * intake's row for each, as the migrations shape them) a few seconds before they come due: the lag from that instant to each
 * warning's publication (outbox `published_at` − due), and whether each fired exactly once.
 * Watched for at most `waitSeconds`; timers still unfired then are withdrawn, so they do not
 * load the scenarios after this one, and count as at least that late.
 */
export async function slaTimerBurst(databaseUrl: string, count: number, waitSeconds: number): Promise<Figure> {
  const name = `${count} SLA timers due at once`;
  const pool = new Pool({ connectionString: databaseUrl, max: 2 });
  try {
    const ticket = await templateOpenedIfNeeded(pool, waitSeconds);
    if (!ticket) return { name, unit: 'timers/s', met: false, note: 'no open ticket with a warning to give to copy, and none opened through intake in time' };
    // A day no real ticket is numbered on, so the copies are told apart by their numbers.
    const prefix = 'TK-20000101-';
    await copyTickets(pool, ticket.id, count, prefix);
    await copyOtherTimers(pool, ticket, prefix);
    if (!(await copyKnownTickets(pool, ticket.id, prefix, waitSeconds))) {
      return { name, unit: 'timers/s', met: false, note: 'intake did not take in the copied ticket’s ticket.created in time' };
    }
    // Planned ahead of their due time, as timers are (a ticket's are written when it opens); what
    // autovacuum does to a table long before such a burst comes due is done here, so the planner
    // knows how many timers wait rather than guessing from before the burst.
    const { rows: inserted } = await pool.query<{ first: string; last: string; due: Date }>(
      `WITH burst AS (
         INSERT INTO tickets.sla_timers (ticket_id, clock, kind, threshold, fire_at)
         SELECT id, $2, 'warning', $3, now() + make_interval(secs => $4) FROM tickets.tickets WHERE number LIKE $1 || '%'
         RETURNING id, fire_at)
       SELECT min(id)::text AS first, max(id)::text AS last, min(fire_at) AS due FROM burst`,
      [prefix, ticket.clock, ticket.threshold, PLANNED_AHEAD_SECONDS],
    );
    const { first, last, due } = inserted[0]!;
    await pool.query('ANALYZE tickets.sla_timers');
    await sleep(Math.max(0, due.getTime() - Date.now()));
    const mine = `id BETWEEN $1 AND $2 AND kind = 'warning' AND threshold = $3`;
    const unfired = async () =>
      (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM tickets.sla_timers WHERE ${mine} AND fired_at IS NULL`, [first, last, ticket.threshold])).rows[0]!.n;
    const started = Date.now();
    const allFired = await until(async () => (await unfired()) === 0, waitSeconds * 1000, 500);
    const watchedMs = Date.now() - started;
    if (!allFired) {
      await pool.query(`DELETE FROM tickets.sla_timers WHERE ${mine} AND fired_at IS NULL`, [first, last, ticket.threshold]);
    }
    // What fired is published by the relay within its poll; give it a few seconds to do so.
    await until(async () => (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM tickets.outbox WHERE published_at IS NULL')).rows[0]!.n === 0, 10_000, 250);
    const outcome = await outcomeOf(pool, { first, last, threshold: ticket.threshold, due });
    const latency = censoredLatency(outcome.lagsMs, count, watchedMs);
    const seconds = watchedMs / 1000;
    return {
      name,
      rate: round(outcome.fired / seconds),
      unit: 'timers/s',
      latencyMs: latency,
      target: `${latencyTargetText('p99', TARGETS.timerP99Ms)} from due to published; each fired once`,
      met: outcome.fired === count && outcome.twice === 0 && outcome.firedSilently === 0 && latency.p99 < TARGETS.timerP99Ms,
      note:
        `${outcome.fired} of ${count} fired in ${round(seconds)} s${allFired ? '' : ' (the rest withdrawn)'}; ` +
        `${outcome.twice} warned twice, ${outcome.firedSilently} fired without a warning published`,
    };
  } finally {
    await pool.end();
  }
}

/** Per timer of the burst: its warnings in the tickets outbox (one expected), and the lag to the first one's publication. */
async function outcomeOf(pool: Pool, burst: { first: string; last: string; threshold: number; due: Date }): Promise<Outcome> {
  const { rows } = await pool.query<{ fired: boolean; warnings: number; lag_ms: number | null }>(
    `WITH burst AS (
       SELECT ticket_id::text AS ticket, fired_at IS NOT NULL AS fired FROM tickets.sla_timers
        WHERE id BETWEEN $1 AND $2 AND kind = 'warning' AND threshold = $3),
     warnings AS (
       SELECT message_key AS ticket, count(*)::int AS warnings, min(published_at) AS published_at FROM tickets.outbox
        WHERE event_type = $4 AND created_at >= $5 AND (payload::jsonb ->> 'thresholdPercent')::int = $3
        GROUP BY message_key)
     SELECT b.fired, coalesce(w.warnings, 0) AS warnings, extract(epoch FROM w.published_at - $5::timestamptz) * 1000 AS lag_ms
       FROM burst b LEFT JOIN warnings w USING (ticket)`,
    [burst.first, burst.last, burst.threshold, SlaWarningV1.type, burst.due],
  );
  return {
    fired: rows.filter((r) => r.fired).length,
    twice: rows.filter((r) => r.warnings > 1).length,
    firedSilently: rows.filter((r) => r.fired && r.warnings === 0).length,
    lagsMs: rows.flatMap((r) => (r.lag_ms === null ? [] : [Math.max(0, Number(r.lag_ms))])),
  };
}
