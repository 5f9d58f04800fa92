import { Pool } from 'pg';
import { randomUUID } from 'node:crypto';
import { CATALOGUE_SEED, CHANNELS, EventDefinition, TOPICS, TicketCreatedV1, TicketDispatchedV1, TicketRepliedV1, TicketResolvedV1, validateEventData } from '@cs/contracts';
import { kafkaFromEnv, toKafkaRecord } from '@cs/messaging';
import { Backlog } from './backlog';
import { call, until } from './copy';
import { Figure, Latency, Percentile, censoredLatency, round } from './figures';
import { TARGETS, latencyTargetText } from './targets';

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
 * maintenance counts them into the rollups and folds what it appended (ADR 0039); reads sum the
 * rollups once every ticket is counted. Waits for both (at most `waitSeconds`), then vacuums what
 * was written, as autovacuum would soon after such a load; returns the seconds counting took, or
 * undefined when it had not finished.
 */
async function countedIntoRollups(pool: Pool, waitSeconds: number): Promise<number | undefined> {
  const started = performance.now();
  const done = await until(
    async () =>
      (
        await pool.query<{ left: boolean }>(
          `SELECT EXISTS (SELECT 1 FROM reporting.ticket_facts WHERE counted_calendar_version IS NULL)
               OR EXISTS (SELECT 1 FROM reporting.ticket_rollups WHERE NOT folded)
               OR EXISTS (SELECT 1 FROM reporting.ticket_duration_rollups WHERE NOT folded) AS left`,
        )
      ).rows[0]!.left === false,
    waitSeconds * 1000,
    500,
  );
  if (!done) return undefined;
  const seconds = round((performance.now() - started) / 1000);
  await pool.query('VACUUM ANALYZE reporting.ticket_facts, reporting.ticket_rollups, reporting.ticket_duration_rollups');
  return seconds;
}

interface Timed {
  readonly latencyMs: Latency;
  readonly asked: number;
  readonly failed: readonly string[];
}

/**
 * Times asked at the month's full size, after one first answer shown apart: a p99 of fewer than a
 * hundred answers is their slowest. The steps before it are asked three times, to show the growth.
 */
const ASKED_AT_FULL_SIZE = 100;
const ASKED_AT_A_STEP = 3;

/** `url` asked in turn up to `times` times, while the time spent stays within `budgetMs`; a request unanswered after the budget counts as at least that long. */
async function timed(url: string, bearer: string, budgetMs: number, times: number): Promise<Timed> {
  const latencies: number[] = [];
  const failed: string[] = [];
  const begun = performance.now();
  let asked = 0;
  while (asked < times && performance.now() - begun < budgetMs) {
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
 * each endpoint asked at every step, so the figures show how the time grows (the figure itself is of
 * the last step, asked a hundred times one after another); an endpoint that
 * took longer than the wait at one step is not asked at the larger ones, where it can only take
 * longer still.
 */
export async function monthOfTickets(reportingUrl: string, databaseUrl: string, manager: string, count: number, waitSeconds: number): Promise<Figure[]> {
  const endpoints = [
    { name: `monthly report over ${count} tickets (GET /v1/reports/monthly)`, path: `/v1/reports/monthly?month=${MONTH.label}`, steps: [] as string[], last: undefined as Timed | undefined, cold: undefined as Timed | undefined },
    { name: `KPIs of a month of ${count} tickets (GET /v1/kpis)`, path: `/v1/kpis?from=${MONTH.label}&groupBy=section`, steps: [] as string[], last: undefined as Timed | undefined, cold: undefined as Timed | undefined },
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
        // The first answer after the month is filled reads its rows from disk and plans its queries
        // anew (the fill ended with ANALYZE): shown apart, the hundred measure the steady state.
        if (size === count) endpoint.cold = await timed(`${reportingUrl}${endpoint.path}`, manager, budgetMs, 1);
        const t = await timed(`${reportingUrl}${endpoint.path}`, manager, budgetMs, size === count ? ASKED_AT_FULL_SIZE : ASKED_AT_A_STEP);
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
      target: latencyTargetText('p99', TARGETS.reportP99Ms),
      met: endpoint.last !== undefined && endpoint.last.failed.length === 0 && latency.p99 < TARGETS.reportP99Ms,
      note: [
        endpoint.last ? `asked ${endpoint.last.asked} times at ${count}` : '',
        endpoint.cold && endpoint.last ? `after a first (cold) answer in ${percentileText(endpoint.cold.latencyMs, 'p50')} ms` : '', `by tickets in the month: ${endpoint.steps.join('; ')}`, exceeded.has(i) && !endpoint.last ? `not asked beyond (over ${waitSeconds} s already)` : '', i === 0 ? `filled in ${filling.join(', ')}; counted into the rollups in ${counting.join(', ')}` : '']
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

/** A ticket's life as the tickets service publishes it: opened, dispatched, replied to, resolved. */
function lifeOfTicket(n: number, items: readonly { section: string; item: string }[], at: number): { definition: EventDefinition; data: Record<string, unknown> }[] {
  const ticketId = randomUUID();
  const { section, item } = items[n % items.length]!;
  const stamp = (minutes: number) => new Date(at + minutes * 60_000).toISOString();
  const day = stamp(0).slice(0, 10).replace(/-/g, '');
  const base = (status: string, minutes: number) => ({
    ticketId,
    number: `TK-${day}-${String(n).padStart(9, '0')}`,
    customerId: ticketId,
    status,
    itemCode: item,
    projectCode: `P${String(1 + (n % 20)).padStart(3, '0')}`,
    at: stamp(minutes),
    by: `agent-${n % 80}`,
  });
  return [
    {
      definition: TicketCreatedV1,
      data: {
        ticketId,
        number: base('new', 0).number,
        contactId: ticketId,
        customerId: ticketId,
        channel: CHANNELS[n % CHANNELS.length],
        itemCode: item,
        sectionCode: section,
        unit: { projectCode: base('new', 0).projectCode },
        ownerId: `agent-${n % 80}`,
        status: 'new',
        createdAt: stamp(0),
      },
    },
    { definition: TicketDispatchedV1, data: { ...base('dispatched', 12), department: ['engineering', 'customer_service', 'security', 'cleaning', 'landscaping'][n % 5] } },
    { definition: TicketRepliedV1, data: { ...base('in_progress', 20 + (n % 90)), firstReply: true } },
    { definition: TicketResolvedV1, data: { ...base('resolved', 60 * (1 + (n % 72))), resolution: '已处理', reopenCount: 0, breached: n % 23 === 0 } },
  ];
}

/**
 * As many events on the topics the rebuild replays as make `atLeast`, counting those the run
 * published: the lives of new tickets (opened, dispatched, replied to, resolved), written into
 * the tickets service's outbox as it writes them. They all share one CloudEvents id, so each live
 * consumer handles one of them and skips the rest as redeliveries, while a rebuild replays every
 * one. Returns how many were written.
 */
async function writeTicketLives(pool: Pool, atLeast: number, waitSeconds: number): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n
       FROM (SELECT topic FROM intake.outbox UNION ALL SELECT topic FROM tickets.outbox UNION ALL SELECT topic FROM callbacks.outbox) o
      WHERE topic = ANY($1)`,
    [[TOPICS.intake, TOPICS.tickets, TOPICS.callbacks]],
  );
  const missing = atLeast - rows[0]!.n;
  if (missing <= 0) return 0;
  const items = CATALOGUE_SEED.flatMap((section) => section.items.map((item) => ({ section: section.code, item: item.code })));
  const ceId = randomUUID();
  const start = Date.parse(MONTH.start);
  const events = Array.from({ length: Math.ceil(missing / 4) }, (_, n) => lifeOfTicket(n, items, start + ((n * 7919) % MONTH.seconds) * 1000))
    .flat()
    .slice(0, missing);
  const invalid = events.flatMap((e) => validateEventData(e.definition, e.data).map((v) => `${e.definition.type}: ${v.path} ${v.message}`));
  if (invalid.length > 0) throw new Error(`the benchmark's ticket events break their contracts: ${invalid.slice(0, 3).join('; ')}`);
  const records = events.map((e) => toKafkaRecord(e.definition.topic, { id: ceId, type: e.definition.type, source: '/cs/tickets', subject: String(e.data['ticketId']), time: String(e.data['at'] ?? e.data['createdAt']), data: e.data }));
  const { rowCount } = await pool.query(
    `INSERT INTO tickets.outbox (event_id, topic, message_key, event_type, headers, payload)
     SELECT gen_random_uuid(), r.topic, r.key, r.type, r.headers, r.payload FROM jsonb_to_recordset($1::jsonb) AS r(topic text, key text, type text, headers jsonb, payload text)`,
    [JSON.stringify(records.map((r) => ({ topic: r.topic, key: r.key, type: r.headers['ce_type'], headers: r.headers, payload: r.value })))],
  );
  await until(async () => (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM tickets.outbox WHERE published_at IS NULL')).rows[0]!.n === 0, waitSeconds * 1000, 250);
  return rowCount ?? 0;
}

/**
 * Waits (at most `waitSeconds`) until every live consumer group has read what was published:
 * skipping thousands of redeliveries is work of their own, which would otherwise share the
 * machine with the rebuild being measured.
 */
async function liveConsumersCaughtUp(databaseUrl: string, waitSeconds: number): Promise<void> {
  const backlog = await Backlog.connect(kafkaFromEnv('bench-rebuild'), databaseUrl);
  try {
    await until(
      async () => Object.entries(await backlog.sample()).every(([, behind]) => behind === 0),
      waitSeconds * 1000,
      500,
    );
  } finally {
    await backlog.close();
  }
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
  let written: number;
  try {
    written = await writeTicketLives(pool, atLeast, waitSeconds);
  } finally {
    await pool.end();
  }
  await liveConsumersCaughtUp(databaseUrl, waitSeconds);
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
  const made = written > 0 ? ` (${written} of them the lives of tickets written for it)` : '';
  return {
    name: `${name} (${progress.eventsTotal} events)`,
    rate,
    unit: 'events/s',
    target: `≥ ${TARGETS.rebuildEventsPerSecond.toLocaleString('en-US')} events/s`,
    met: progress.status === 'completed' && rate >= TARGETS.rebuildEventsPerSecond,
    note:
      progress.status === 'completed'
        ? `${progress.eventsTotal} events${made} replayed and swapped in in ${round(seconds)} s`
        : `${progress.eventsApplied} of ${progress.eventsTotal} events${made} replayed in ${round(seconds)} s; still running when the run ended`,
  };
}
