import { Pool } from 'pg';
import { CATALOGUE_SEED, CHANNELS, TOPICS } from '@cs/contracts';
import { call, until } from './copy';
import { Figure, Latency, Percentile, censoredLatency, round } from './figures';

/** The month the read model is filled for: long past, so nothing else the run does falls in it. */
const MONTH = { label: '2025-06', start: '2025-06-01T00:00:00+08:00', seconds: 30 * 86_400 };

/**
 * Tickets `from + 1` … `to` of `count` received over the month, straight into the reporting
 * read model of the copy (rows as the migrations shape them and the projections fill them),
 * spread over every channel, catalogue item, 20 projects, 80 agents and 5 departments, with the
 * mix of outcomes a centre has: most replied and resolved, some invalid, breached, reopened,
 * escalated, extended. Ticket g is received at slot (g × a prime) mod `count` of the month, so
 * every part filled is spread over the whole month.
 */
async function fillMonth(pool: Pool, from: number, to: number, count: number): Promise<void> {
  const items = CATALOGUE_SEED.flatMap((section) => section.items.map((item) => ({ section: section.code, item: item.code })));
  await pool.query(
    `INSERT INTO reporting.ticket_facts (ticket_id, number, channel, section_code, item_code, project_code, owner_id, opened_at,
       validity, department, dispatched_at, first_reply_at, answered_from_knowledge, replied, first_response_breached,
       resolution_breached, resolved_at, reopened_at, closed_at, reopen_count, escalation_level, major_complaint, extension_count)
     SELECT gen_random_uuid(), 'TK-' || to_char(r.at AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || '-' || lpad(g::text, 9, '0'),
            ($4::text[])[1 + g % cardinality($4::text[])],
            ($5::text[])[1 + g % cardinality($5::text[])], ($6::text[])[1 + g % cardinality($6::text[])],
            'P' || lpad((1 + g % 20)::text, 3, '0'), 'agent-' || (g % 80), r.at,
            CASE WHEN g % 20 = 0 THEN 'invalid' WHEN g % 50 = 1 THEN 'out_of_scope' ELSE 'valid' END,
            (ARRAY['engineering', 'customer_service', 'security', 'cleaning', 'landscaping'])[1 + g % 5],
            r.at + interval '12 minutes', r.at + (20 + g % 90) * interval '1 minute', g % 4 = 0, true, g % 17 = 0, g % 23 = 0,
            CASE WHEN g % 10 < 8 THEN r.at + (1 + g % 72) * interval '1 hour' END,
            CASE WHEN g % 33 = 0 THEN r.at + interval '3 days' END,
            CASE WHEN g % 10 < 6 THEN r.at + interval '4 days' END,
            CASE WHEN g % 33 = 0 THEN 1 ELSE 0 END, CASE WHEN g % 40 = 0 THEN 1 ELSE 0 END, g % 250 = 0, CASE WHEN g % 12 = 0 THEN 1 ELSE 0 END
       FROM generate_series($1::bigint + 1, $2::bigint) g,
            LATERAL (SELECT $7::timestamptz + ((g * 7919) % $3::bigint) * ($8::float8 / $3::bigint) * interval '1 second' AS at) r`,
    [from, to, count, [...CHANNELS], items.map((i) => i.section), items.map((i) => i.item), MONTH.start, MONTH.seconds],
  );
  await pool.query('ANALYZE reporting.ticket_facts');
}

/**
 * Rows written straight into `ticket_facts` are counted by no calendar yet: the service's rollup
 * maintenance counts them into the rollups (ADR 0039), and reads sum the rollups once every
 * ticket is counted. Waits for that (at most `waitSeconds`); returns the seconds it took, or
 * undefined when it had not finished.
 */
async function countedIntoRollups(pool: Pool, waitSeconds: number): Promise<number | undefined> {
  const started = performance.now();
  const done = await until(
    async () => (await pool.query<{ left: boolean }>('SELECT EXISTS (SELECT 1 FROM reporting.ticket_facts WHERE counted_calendar_version IS NULL) AS left')).rows[0]!.left === false,
    waitSeconds * 1000,
    500,
  );
  if (!done) return undefined;
  await pool.query('ANALYZE reporting.ticket_rollups, reporting.ticket_duration_rollups');
  return round((performance.now() - started) / 1000);
}

interface Timed {
  readonly latencyMs: Latency;
  readonly asked: number;
  readonly failed: readonly string[];
}

/** `url` asked in turn up to three times, while the time spent stays within `budgetMs`; a request unanswered after the budget counts as at least that long. */
async function timed(url: string, bearer: string, budgetMs: number): Promise<Timed> {
  const latencies: number[] = [];
  const failed: string[] = [];
  const begun = performance.now();
  let asked = 0;
  while (asked < 3 && performance.now() - begun < budgetMs) {
    asked++;
    const started = performance.now();
    try {
      const answer = await call(url, bearer, { timeoutMs: budgetMs });
      if (answer.status === 200) latencies.push(performance.now() - started);
      else failed.push(String(answer.status));
    } catch (error) {
      // Unanswered within the budget: counted as at least that long.
      if (!(error instanceof Error && error.name === 'TimeoutError')) failed.push(error instanceof Error ? error.message : String(error));
      break;
    }
  }
  return { latencyMs: censoredLatency(latencies, asked, budgetMs), asked, failed };
}

/**
 * Waits until the service answers its readiness check within a second again: a request the
 * benchmark gave up on goes on being computed there, and would weigh on what is measured next.
 */
export async function settled(serviceUrl: string, waitSeconds: number): Promise<boolean> {
  return until(
    async () => {
      try {
        return (await fetch(`${serviceUrl}/health/ready`, { signal: AbortSignal.timeout(1_000) })).ok;
      } catch {
        return false;
      }
    },
    waitSeconds * 1000,
    1_000,
  );
}

/**
 * The monthly report and the month's KPIs over `count` tickets received in that month, asked
 * as a manager of every project. The month is filled in steps (a hundredth, a tenth, all) and
 * each endpoint asked at every step, so the figures show how the time grows; an endpoint that
 * took longer than the wait at one step is not asked at the larger ones, where it can only take
 * longer still.
 */
export async function monthOfTickets(reportingUrl: string, databaseUrl: string, manager: string, count: number, waitSeconds: number): Promise<Figure[]> {
  const endpoints = [
    { name: `monthly report over ${count} tickets (GET /v1/reports/monthly)`, path: `/v1/reports/monthly?month=${MONTH.label}`, steps: [] as string[], last: undefined as Timed | undefined },
    { name: `KPIs of a month of ${count} tickets (GET /v1/kpis)`, path: `/v1/kpis?from=${MONTH.label}&groupBy=section`, steps: [] as string[], last: undefined as Timed | undefined },
  ];
  const budgetMs = waitSeconds * 1000;
  const sizes = [...new Set([Math.round(count / 100), Math.round(count / 10), count])].filter((n) => n > 0);
  const exceeded = new Set<number>();
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  const filling: string[] = [];
  const counting: string[] = [];
  try {
    let filled = 0;
    for (const size of sizes) {
      if (exceeded.size === endpoints.length) break;
      const started = performance.now();
      await fillMonth(pool, filled, size, count);
      filling.push(`${size}: ${round((performance.now() - started) / 1000)} s`);
      // Counting a million rows takes the service a while; it is not what the endpoints are measured on.
      const seconds = await countedIntoRollups(pool, Math.max(waitSeconds, Math.ceil((size - filled) / 2_000)));
      counting.push(`${size}: ${seconds === undefined ? 'not finished' : `${seconds} s`}`);
      filled = size;
      for (const [i, endpoint] of endpoints.entries()) {
        if (exceeded.has(i)) continue;
        const t = await timed(`${reportingUrl}${endpoint.path}`, manager, budgetMs);
        endpoint.last = size === count ? t : undefined;
        endpoint.steps.push(`${size}: ${t.failed.length > 0 ? t.failed.join(', ') : `p50 ${percentileText(t.latencyMs, 'p50')} ms`}`);
        if (t.failed.length > 0 || t.latencyMs.atLeast) {
          exceeded.add(i);
          await settled(reportingUrl, waitSeconds * 2);
        }
      }
    }
  } finally {
    await pool.end();
  }
  return endpoints.map((endpoint, i): Figure => {
    const latency = endpoint.last?.latencyMs ?? censoredLatency([], 1, budgetMs);
    return {
      name: endpoint.name,
      unit: 'requests',
      latencyMs: latency,
      target: 'p99 < 100 ms',
      met: endpoint.last !== undefined && endpoint.last.failed.length === 0 && latency.p99 < 100,
      note: [`by tickets in the month: ${endpoint.steps.join('; ')}`, exceeded.has(i) && !endpoint.last ? `not asked beyond (over ${waitSeconds} s already)` : '', i === 0 ? `filled in ${filling.join(', ')}; counted into the rollups in ${counting.join(', ')}` : '']
        .filter((p) => p !== '')
        .join('; '),
    };
  });
}

const percentileText = (latency: Latency, name: Percentile) => `${latency.atLeast?.includes(name) ? '≥ ' : ''}${latency[name]}`;

interface RebuildProgress {
  readonly status: 'running' | 'completed';
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly eventsTotal: number;
  readonly eventsApplied: number;
}

/**
 * The events the run published on the topics the rebuild replays, and as many again as needed
 * to make `atLeast`: the tickets service's outbox rows copied (same CloudEvents ids, so every live consumer skips them as
 * redeliveries, while a rebuild replays each). Returns how many were copied.
 */
async function republishTo(pool: Pool, atLeast: number, waitSeconds: number): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n
       FROM (SELECT topic FROM intake.outbox UNION ALL SELECT topic FROM tickets.outbox UNION ALL SELECT topic FROM callbacks.outbox) o
      WHERE topic = ANY($1)`,
    [[TOPICS.intake, TOPICS.tickets, TOPICS.callbacks]],
  );
  const missing = atLeast - rows[0]!.n;
  if (missing <= 0) return 0;
  const { rowCount } = await pool.query(
    `INSERT INTO tickets.outbox (event_id, topic, message_key, event_type, headers, payload)
     SELECT gen_random_uuid(), o.topic, o.message_key, o.event_type, o.headers, o.payload
       FROM (SELECT * FROM tickets.outbox WHERE topic = $2 ORDER BY seq) o, generate_series(1, $1::int) g
      LIMIT $1`,
    [missing, TOPICS.tickets],
  );
  await until(async () => (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM tickets.outbox WHERE published_at IS NULL')).rows[0]!.n === 0, waitSeconds * 1000, 250);
  return rowCount ?? 0;
}

/**
 * 重建 — the reporting read model rebuilt from the start of the intake, tickets and callbacks
 * topics (`POST /v1/projections/rebuild`), at least `atLeast` events: events replayed per
 * second, from the rebuild's own progress. Watched for at most `waitSeconds`; a rebuild cannot
 * be stopped, so this scenario runs last.
 */
export async function projectionRebuild(reportingUrl: string, databaseUrl: string, admin: string, atLeast: number, waitSeconds: number): Promise<Figure> {
  const name = 'reporting projection rebuild';
  await settled(reportingUrl, waitSeconds * 2);
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  let copied: number;
  try {
    copied = await republishTo(pool, atLeast, waitSeconds);
  } finally {
    await pool.end();
  }
  const started = await call<RebuildProgress>(`${reportingUrl}/v1/projections/rebuild`, admin, { method: 'POST' });
  if (started.status !== 202) return { name, unit: 'events/s', met: false, note: `the rebuild was refused: ${started.status}` };
  const begun = performance.now();
  let progress = started.body;
  await until(
    async () => {
      progress = (await call<RebuildProgress>(`${reportingUrl}/v1/projections/rebuild`, admin)).body;
      return progress.status === 'completed';
    },
    waitSeconds * 1000,
    500,
  );
  const seconds =
    progress.status === 'completed' && progress.finishedAt
      ? (Date.parse(progress.finishedAt) - Date.parse(progress.startedAt)) / 1000
      : (performance.now() - begun) / 1000;
  const rate = round(progress.eventsApplied / Math.max(seconds, 0.001));
  const made = copied > 0 ? ` (${copied} of them the run's ticket events published again)` : '';
  return {
    name: `${name} (${progress.eventsTotal} events)`,
    rate,
    unit: 'events/s',
    target: '≥ 10,000 events/s',
    met: progress.status === 'completed' && rate >= 10_000,
    note:
      progress.status === 'completed'
        ? `${progress.eventsTotal} events${made} replayed and swapped in in ${round(seconds)} s`
        : `${progress.eventsApplied} of ${progress.eventsTotal} events${made} replayed in ${round(seconds)} s; still running when the run ended`,
  };
}
