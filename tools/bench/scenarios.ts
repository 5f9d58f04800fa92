import autocannon from 'autocannon';
import Fastify from 'fastify';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Pool, PoolClient } from 'pg';
import { Figure, latencyOf, round } from './figures';

export interface LoadSettings {
  readonly seconds: number;
  readonly connections: number;
}

/** What autocannon measured, with only the answers that succeeded counted as done. */
async function hammer(options: autocannon.Options): Promise<{ rate: number; p50: number; p99: number; errors: number }> {
  const result = await autocannon({ ...options, excludeErrorStats: true });
  const seconds = result.duration;
  return { rate: result['2xx'] / seconds, p50: result.latency.p50, p99: result.latency.p99, errors: result.non2xx + result.errors + result.timeouts };
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

/** A contact about a lift, from a phone no one has called from (or, one in five, a repeat: a follow-up). */
export function contactBody(n: number, phonePrefix: string): string {
  const caller = n % 5 === 4 ? n - 1 : n;
  return JSON.stringify({
    channel: 'phone',
    content: '3栋电梯停在12楼不动了，里面没有人',
    customer: { name: '压测', phone: `${phonePrefix}${String(caller).padStart(8, '0')}`, projectCode: 'P001', building: '3', room: '1202' },
    itemCode: 'repair.public_area',
  });
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

/** GET /v1/customers/lookup for callers who exist, at a fixed rate. */
export async function callerLookup(intakeUrl: string, token: string, load: LoadSettings, phonePrefix: string, callers: number, perSecond: number): Promise<Figure> {
  let n = 0;
  const r = await hammer({
    url: `${intakeUrl}/v1/customers/lookup`,
    connections: load.connections,
    duration: load.seconds,
    overallRate: perSecond,
    headers: { authorization: `Bearer ${token}` },
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: `/v1/customers/lookup?phone=${phonePrefix}${String(n++ % callers).padStart(8, '0')}` }) }],
  });
  return { name: `caller lookup at ${perSecond}/s`, rate: round(r.rate), unit: 'lookups/s', latencyMs: { p50: r.p50, p99: r.p99 }, target: 'p99 < 20 ms', met: r.p99 < 20 };
}

/**
 * Contact accepted → its ticket visible in the tickets API: contacts at a steady rate; one in
 * `SAMPLE` is watched, its ticket polled until it shows (watching every one would load the
 * tickets service with polls more than with the work measured).
 */
const SAMPLE = 10;

export async function pipeline(intakeUrl: string, ticketsUrl: string, token: string, load: LoadSettings, perSecond: number, phonePrefix: string): Promise<Figure> {
  const latencies: number[] = [];
  const pending: Promise<void>[] = [];
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const total = load.seconds * perSecond;
  const watched = Math.ceil(total / SAMPLE);
  const started = Date.now();
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / perSecond;
    if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
    pending.push(
      (async () => {
        const body = JSON.parse(contactBody(i * 5, phonePrefix)) as Record<string, unknown>;
        const response = await fetch(`${intakeUrl}/v1/contacts`, { method: 'POST', headers, body: JSON.stringify(body) });
        if (response.status !== 201 || i % SAMPLE !== 0) return;
        const accepted = performance.now();
        const { id } = (await response.json()) as { id: string };
        for (let poll = 0; poll < 200; poll++) {
          const list = await fetch(`${ticketsUrl}/v1/tickets?contactId=${id}`, { headers });
          const page = (await list.json()) as { items?: unknown[] };
          if (page.items && page.items.length > 0) {
            latencies.push(performance.now() - accepted);
            return;
          }
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      })(),
    );
  }
  await Promise.all(pending);
  const latency = latencyOf(latencies);
  return {
    name: `contact → ticket visible, at ${perSecond} contacts/s`,
    unit: 'tickets/s',
    latencyMs: latency,
    target: 'p99 < 250 ms',
    met: latencies.length === watched && latency.p99 < 250,
    note: latencies.length < watched ? `${watched - latencies.length} of ${watched} watched tickets not seen within 4 s` : `${watched} of ${total} watched`,
  };
}

/**
 * After a burst of contacts: how long the tickets consumer takes to open a ticket for every new
 * matter intake accepted, read from both services' tables in the copy's database.
 */
export async function ticketBacklog(databaseUrl: string, loadSeconds: number, timeoutSeconds = 120): Promise<Figure> {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    const count = async () => {
      const { rows } = await pool.query<{ matters: number; tickets: number }>(
        `SELECT (SELECT count(*)::int FROM intake.contacts WHERE route = 'new_matter') AS matters, (SELECT count(*)::int FROM tickets.tickets) AS tickets`,
      );
      return rows[0]!;
    };
    const started = Date.now();
    let state = await count();
    const behind = state.matters - state.tickets;
    while (state.tickets < state.matters && Date.now() - started < timeoutSeconds * 1000) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      state = await count();
    }
    const drainSeconds = (Date.now() - started) / 1000;
    return {
      name: 'tickets consumer after the intake burst',
      rate: round(state.tickets / (loadSeconds + drainSeconds)),
      unit: 'tickets/s',
      target: 'keeps up: nothing left behind',
      met: behind === 0,
      note: `${behind} matters behind when the burst ended, caught up ${round(drainSeconds)} s later${state.tickets < state.matters ? ` (still ${state.matters - state.tickets} behind)` : ''}`,
    };
  } finally {
    await pool.end();
  }
}
