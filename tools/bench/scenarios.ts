import Fastify from 'fastify';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Pool, PoolClient } from 'pg';
import type { Backlog } from './backlog';
import { call, relativePolling, until } from './copy';
import { CountedInReporting } from './counted-in-reporting';
import { Figure, LagSummary, censoredLatency, keptUpWithBurst, latencyOf, round, summarizeLag } from './figures';
import { firstSecondNote, generatorLagNote, hammer, paced, pacedAfterFirstSecond, warmedPacedProblems } from './load';
import { TARGETS, durationText, latencyTargetText } from './targets';

export interface LoadSettings {
  readonly seconds: number;
  readonly connections: number;
}

/** Baseline: the same HTTP stack answering at once, no database, no validation, no auth. */
export async function bareFastify(load: LoadSettings): Promise<Figure> {
  const app = Fastify({ logger: false });
  app.get('/ping', async () => ({ ok: true }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const { port } = app.server.address() as AddressInfo;
    const r = await hammer({ url: `http://127.0.0.1:${port}/ping`, connections: load.connections, duration: load.seconds });
    return { name: 'bare Fastify', rate: round(r.rate), unit: 'req/s', latencyMs: { p50: r.p50, p99: r.p99 } };
  } finally {
    await app.close();
  }
}

const RAW_SCHEMA = 'bench_raw';

/**
 * The shape of intake's contact transaction, issued directly with `pg` on tables of the same
 * kind (a customer found by blind index and locked or inserted, the open matters looked up, a
 * matter remembered, the contact and an outbox row inserted): what Postgres allows this
 * machine, with no service in between.
 */
async function prepareRawSchema(pool: Pool): Promise<void> {
  await pool.query(`DROP SCHEMA IF EXISTS ${RAW_SCHEMA} CASCADE`);
  await pool.query(`CREATE SCHEMA ${RAW_SCHEMA}`);
  for (const ddl of [
    `CREATE TABLE ${RAW_SCHEMA}.customers (id uuid PRIMARY KEY, phone_index bytea NOT NULL UNIQUE, name_cipher bytea NOT NULL, created_at timestamptz NOT NULL)`,
    `CREATE TABLE ${RAW_SCHEMA}.known_tickets (ticket_id uuid PRIMARY KEY, customer_id uuid NOT NULL, item_code text, open boolean NOT NULL, opened_at timestamptz NOT NULL)`,
    `CREATE INDEX ON ${RAW_SCHEMA}.known_tickets (customer_id, item_code) WHERE open`,
    `CREATE TABLE ${RAW_SCHEMA}.contacts (id uuid PRIMARY KEY, customer_id uuid NOT NULL, channel text NOT NULL, content text NOT NULL, occurred_at timestamptz NOT NULL, route text NOT NULL, ticket_id uuid, created_at timestamptz NOT NULL DEFAULT now())`,
    `CREATE INDEX ON ${RAW_SCHEMA}.contacts (customer_id, occurred_at)`,
    `CREATE TABLE ${RAW_SCHEMA}.outbox (seq bigserial PRIMARY KEY, event_id uuid NOT NULL UNIQUE, topic text NOT NULL, message_key text NOT NULL, event_type text NOT NULL, headers jsonb NOT NULL, payload text NOT NULL, created_at timestamptz NOT NULL DEFAULT now(), published_at timestamptz)`,
    `CREATE INDEX ON ${RAW_SCHEMA}.outbox (seq) WHERE published_at IS NULL`,
  ]) {
    await pool.query(ddl);
  }
}

async function rawContact(client: PoolClient, phone: string): Promise<void> {
  const index = Buffer.from(phone);
  await client.query('BEGIN');
  try {
    const found = await client.query<{ id: string }>(`SELECT id FROM ${RAW_SCHEMA}.customers WHERE phone_index = $1 FOR UPDATE`, [index]);
    const customerId =
      found.rows[0]?.id ??
      (
        await client.query<{ id: string }>(
          `INSERT INTO ${RAW_SCHEMA}.customers (id, phone_index, name_cipher, created_at) VALUES ($1, $2, $3, now())
           ON CONFLICT (phone_index) DO UPDATE SET phone_index = EXCLUDED.phone_index RETURNING id`,
          [randomUUID(), index, Buffer.alloc(48, 7)],
        )
      ).rows[0]!.id;
    await client.query(`SELECT ticket_id FROM ${RAW_SCHEMA}.known_tickets WHERE customer_id = $1 AND open`, [customerId]);
    const ticketId = randomUUID();
    await client.query(`INSERT INTO ${RAW_SCHEMA}.known_tickets VALUES ($1, $2, 'repair.public_area', true, now())`, [ticketId, customerId]);
    await client.query(`INSERT INTO ${RAW_SCHEMA}.contacts (id, customer_id, channel, content, occurred_at, route, ticket_id) VALUES ($1, $2, 'phone', $3, now(), 'new_matter', $4)`, [
      randomUUID(),
      customerId,
      '3栋电梯停在12楼不动了',
      ticketId,
    ]);
    await client.query(
      `INSERT INTO ${RAW_SCHEMA}.outbox (event_id, topic, message_key, event_type, headers, payload) VALUES ($1, 'intake.events.v1', $2, 'contact.received.v1', '{}'::jsonb, $3)`,
      [randomUUID(), customerId, JSON.stringify({ customerId, ticketId, content: '3栋电梯停在12楼不动了' })],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

/** Baseline: intake's transaction issued directly, `connections` at a time, distinct phones. */
export async function rawTransaction(databaseUrl: string, load: LoadSettings): Promise<Figure> {
  const pool = new Pool({ connectionString: databaseUrl, max: load.connections });
  try {
    await prepareRawSchema(pool);
    const latencies: number[] = [];
    const until = Date.now() + load.seconds * 1000;
    let next = 0;
    const worker = async () => {
      const client = await pool.connect();
      try {
        while (Date.now() < until) {
          const started = performance.now();
          await rawContact(client, `139${String(next++).padStart(8, '0')}`);
          latencies.push(performance.now() - started);
        }
      } finally {
        client.release();
      }
    };
    await Promise.all(Array.from({ length: load.connections }, worker));
    return { name: 'raw transaction (pg)', rate: round(latencies.length / load.seconds), unit: 'tx/s', latencyMs: latencyOf(latencies) };
  } finally {
    await pool.query(`DROP SCHEMA IF EXISTS ${RAW_SCHEMA} CASCADE`).catch(() => undefined);
    await pool.end();
  }
}

const phoneOf = (caller: number, phonePrefix: string): string => `${phonePrefix}${String(caller).padStart(8, '0')}`;

/**
 * How many contacts after its caller's first a repeat comes: a customer calling again, not the
 * same number twice at the same instant. ≡ 1 (mod 5), so the contact it repeats is a first call.
 */
const REPEAT_AFTER = 101;

/** A contact about a lift, from a phone no one has called from (or, one in five, a repeat: a follow-up). */
export function contactBody(n: number, phonePrefix: string): string {
  const caller = n % 5 !== 4 ? n : n >= REPEAT_AFTER ? n - REPEAT_AFTER : n - 1;
  return JSON.stringify({
    channel: 'phone',
    content: '3栋电梯停在12楼不动了，里面没有人',
    customer: { name: '压测', phone: phoneOf(caller, phonePrefix), projectCode: 'P001', building: '3', room: '1202' },
    itemCode: 'repair.public_area',
  });
}

/** How many distinct callers the first `contacts` contacts of `contactBody` came from: every fifth is a repeat. */
export function callersOf(contacts: number): number {
  return contacts - Math.floor(contacts / 5);
}

/** The phone of the k-th distinct caller of `contactBody` (a repeat's number, n ≡ 4 mod 5, is no caller of its own). */
export function callerPhone(k: number, phonePrefix: string): string {
  return phoneOf(k + Math.floor(k / 4), phonePrefix);
}

/** POST /v1/contacts as fast as the service takes them. */
export async function intakeContacts(intakeUrl: string, token: string, load: LoadSettings, phonePrefix: string): Promise<Figure> {
  let n = 0;
  const r = await hammer({
    url: `${intakeUrl}/v1/contacts`,
    connections: load.connections,
    duration: load.seconds,
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    requests: [{ method: 'POST', setupRequest: (request) => ({ ...request, body: contactBody(n++, phonePrefix) }) }],
  });
  return { name: 'intake POST /v1/contacts', rate: round(r.rate), unit: 'contacts/s', latencyMs: { p50: r.p50, p99: r.p99 }, note: r.errors ? `${r.errors} answers were not 2xx` : undefined };
}

/** GET /v1/customers/lookup at a steady rate, cycling through the first `callers` distinct callers of `contactBody` with `phonePrefix`. */
export async function callerLookup(intakeUrl: string, token: string, load: LoadSettings, phonePrefix: string, callers: number, perSecond: number): Promise<Figure> {
  const maxInFlight = 4 * load.connections;
  const warmed = await pacedAfterFirstSecond(perSecond, load.seconds, maxInFlight, async (i) => {
    return (await call(`${intakeUrl}/v1/customers/lookup?phone=${callerPhone(i % callers, phonePrefix)}`, token)).status === 200;
  });
  const looked = warmed.measured;
  const latency = latencyOf(looked.latencies);
  const problems = warmedPacedProblems(warmed, maxInFlight);
  return {
    name: `caller lookup at ${perSecond}/s`,
    rate: round(looked.latencies.length / load.seconds),
    unit: 'lookups/s',
    latencyMs: latency,
    target: latencyTargetText('p99', TARGETS.lookupP99Ms),
    met: problems.length === 0 && latency.p99 < TARGETS.lookupP99Ms,
    note: [firstSecondNote(warmed.firstSecond), generatorLagNote(warmed), ...problems].join('; '),
  };
}

/**
 * Contacts watched per second in the pipeline, whatever the rate: enough for percentiles, few
 * enough that polling for them does not become the load measured.
 */
const WATCHED_PER_SECOND = 5;

export interface PipelineUrls {
  readonly intake: string;
  readonly tickets: string;
  readonly reporting: string;
}

/**
 * Contact accepted → its ticket visible in the tickets API → counted in reporting's KPIs, with
 * contacts sent at a steady rate (open loop: a service that falls behind shows as contacts not
 * sent, at most `4 × connections` in flight). A sample of them is watched: its ticket polled
 * until it shows, then reporting's rows behind the KPIs until they count it (one poll for all
 * the watched tickets). The backlog (outboxes and consumer groups) is sampled every second
 * meanwhile.
 */
export async function pipeline(
  urls: PipelineUrls,
  token: string,
  load: LoadSettings,
  perSecond: number,
  phonePrefix: string,
  waitSeconds: number,
  backlog: Backlog | undefined,
): Promise<{ figures: Figure[]; backlog?: Record<string, LagSummary> }> {
  const toTicket: number[] = [];
  const toReporting: number[] = [];
  const watchers: Promise<void>[] = [];
  const every = Math.max(1, Math.round(perSecond / WATCHED_PER_SECOND));
  const reporting = new CountedInReporting(urls.reporting, token);
  let accepted = 0;
  const watch = async (contactId: string, acceptedAt: number) => {
    const deadline = acceptedAt + waitSeconds * 1000;
    let ticket: { id: string; createdAt: string } | undefined;
    await until(async () => {
      ticket = (await call<{ items?: { id: string; createdAt: string }[] }>(`${urls.tickets}/v1/tickets?contactId=${contactId}`, token)).body.items?.[0];
      return ticket !== undefined;
    }, deadline - performance.now(), relativePolling(20));
    if (!ticket) return;
    toTicket.push(performance.now() - acceptedAt);
    if (await reporting.counted(ticket.id, new Date(ticket.createdAt), deadline)) toReporting.push(performance.now() - acceptedAt);
  };
  const watching = backlog?.watch();
  const sent = await paced(perSecond, load.seconds, 4 * load.connections, async (i) => {
    const response = await call<{ id: string }>(`${urls.intake}/v1/contacts`, token, { method: 'POST', body: JSON.parse(contactBody(i * 5, phonePrefix)) as unknown });
    if (response.status !== 201) return;
    accepted++;
    if (i % every === 0) watchers.push(watch(response.body.id, performance.now()).catch(() => undefined));
  });
  const loadEndsAt = watching ? (Date.now() - watching.startedAt) / 1000 : 0;
  await Promise.all(watchers);
  // Bounded means back to 0 after the load: watching goes on until every backlog drained (or the wait ends).
  await backlog?.settle(waitSeconds);
  const samples = await watching?.stop();
  const watched = watchers.length;
  const limitMs = waitSeconds * 1000;
  const ticketLatency = censoredLatency(toTicket, watched, limitMs);
  const reportingLatency = censoredLatency(toReporting, watched, limitMs);
  const notSent = sent.skipped > 0 ? `; ${sent.skipped} not sent (${4 * load.connections} in flight already)` : '';
  const failed = sent.failed > 0 ? `; ${sent.failed} requests failed` : '';
  const rate = round(accepted / load.seconds);
  // The targets hold at the issue's rate: met at a lower one says nothing about it.
  const atTargetRate = perSecond >= TARGETS.pipelineRate && sent.skipped === 0 && sent.failed === 0;
  const belowTargetRate = perSecond >= TARGETS.pipelineRate ? '' : `; sent at ${perSecond}/s, the target is at ${TARGETS.pipelineRate}/s`;
  return {
    figures: [
      {
        name: `contact → ticket visible, at ${perSecond} contacts/s`,
        rate,
        unit: 'contacts/s',
        latencyMs: ticketLatency,
        target: `${latencyTargetText('p99', TARGETS.ticketP99Ms)} at ${TARGETS.pipelineRate} contacts/s`,
        met: atTargetRate && toTicket.length === watched && ticketLatency.p99 < TARGETS.ticketP99Ms,
        note: `${watched} of ${accepted} accepted contacts watched${toTicket.length < watched ? `, ${watched - toTicket.length} tickets not seen within ${waitSeconds} s` : ''}${notSent}${failed}${belowTargetRate}`,
      },
      {
        name: `contact → counted in reporting (GET /v1/kpis/tickets), at ${perSecond} contacts/s`,
        rate,
        unit: 'contacts/s',
        latencyMs: reportingLatency,
        target: `${latencyTargetText('p99', TARGETS.reportingP99Ms)} at ${TARGETS.pipelineRate} contacts/s`,
        met: atTargetRate && toReporting.length === watched && reportingLatency.p99 < TARGETS.reportingP99Ms,
        note: `${toReporting.length < watched ? `${watched - toReporting.length} of ${watched} not counted within ${waitSeconds} s` : `${watched} watched`}${belowTargetRate}`,
      },
    ],
    ...(samples ? { backlog: summarizeLag(samples, loadEndsAt) } : {}),
  };
}

/**
 * After a burst of contacts: how long the tickets consumer takes to open a ticket for every new
 * matter intake accepted, read from both services' tables in the copy's database.
 */
export async function ticketBacklog(databaseUrl: string, loadSeconds: number, ticketsBefore: number, timeoutSeconds = 120): Promise<Figure> {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    await pool.query('SELECT 1');
    const started = performance.now();
    let sentAt = started;
    let state = { matters: 0, tickets: 0 };
    let behind: number | undefined;
    // Counted from when each count was sent: a count sees the tables as its statement began.
    await until(
      async () => {
        sentAt = performance.now();
        state = await countMattersAndTickets(pool);
        behind ??= state.matters - state.tickets;
        return state.tickets >= state.matters;
      },
      timeoutSeconds * 1000,
      relativePolling(25),
    );
    const drainSeconds = (sentAt - started) / 1000;
    const left = state.matters - state.tickets;
    const drained = drainSeconds < 1 ? `${Math.round(drainSeconds * 1000)} ms` : `${round(drainSeconds)} s`;
    return {
      name: 'tickets consumer after the intake burst',
      rate: round((state.tickets - ticketsBefore) / (loadSeconds + drainSeconds)),
      unit: 'tickets/s',
      target: `keeps up: what is left when the burst ends drains within ${durationText(TARGETS.ticketP99Ms)} of its end`,
      met: keptUpWithBurst(drainSeconds, left),
      note:
        behind === undefined || behind <= 0
          ? 'none left behind when the burst ended'
          : left > 0
            ? `${behind} matters behind when the burst ended, not caught up after ${drained} (still ${left} behind)`
            : `${behind} matters behind when the burst ended, caught up ${drained} later`,
    };
  } finally {
    await pool.end();
  }
}

/** New matters intake recorded and tickets the tickets service opened, counted in one statement. */
async function countMattersAndTickets(db: Pool): Promise<{ matters: number; tickets: number }> {
  const { rows } = await db.query<{ matters: number; tickets: number }>(
    `SELECT (SELECT count(*)::int FROM intake.contacts WHERE route = 'new_matter') AS matters, (SELECT count(*)::int FROM tickets.tickets) AS tickets`,
  );
  return rows[0]!;
}

/** Tickets open or closed so far: what a burst's tickets are counted from. */
export async function ticketCount(databaseUrl: string): Promise<number> {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    return (await countMattersAndTickets(pool)).tickets;
  } finally {
    await pool.end();
  }
}
