import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { TOPICS, TicketCreatedV1 } from '@cs/contracts';
import { toKafkaRecord } from '@cs/messaging';
import { scrapeMetric, sumOf } from '@cs/observability';
import { startReplica, stopReplica, until } from './copy';
import { Figure, ratio, round } from './figures';
import { hammerAll } from './load';
import { LoadSettings, contactBody } from './scenarios';
import { TARGETS, shareText } from './targets';

/** A relay-ceiling probe: a well-formed event of a type no service handles. */
const PROBE_TYPE = 'bench.relay-probe.v1';
/**
 * Where the probes go: the notifications stream, which no service consumes and the reporting
 * rebuild does not replay, so they load only the relay measured and the broker.
 */
const PROBE_TOPIC = TOPICS.notifications;

export interface ScaleOutSettings {
  readonly intakeUrl: string;
  readonly stateDir: string;
  readonly databaseUrl: string;
  readonly token: string;
  readonly load: LoadSettings;
  /** Unpublished outbox rows the relay ceiling is measured on. */
  readonly relayEvents: number;
  readonly waitSeconds: number;
  /** The contact rate one intake replica reached in the same run, when measured. */
  readonly oneReplica?: Figure;
}

/**
 * A second process of intake and of tickets (same database, Kafka consumer group and
 * partitions) while contacts are sent to both intake replicas: the contact rate against one
 * replica's, whether every contact still had exactly one effect, and the ceiling of the outbox
 * relay, of which only one replica publishes at a time. The replicas are stopped again after.
 */
export async function scaleOut(s: ScaleOutSettings): Promise<Figure[]> {
  const [intake2] = await Promise.all([startReplica(s.stateDir, 'intake', 2), startReplica(s.stateDir, 'tickets', 2)]);
  const pool = new Pool({ connectionString: s.databaseUrl, max: 2 });
  try {
    const intakes = [s.intakeUrl, intake2];
    const since = await databaseNow(pool);
    // Callers of its own: with the warm-up's ('134') most of its contacts were follow-ups of
    // matters the warm-up opened, and exactly once was checked on few new matters.
    let n = 0;
    const r = await hammerAll(
      intakes.map((url) => `${url}/v1/contacts`),
      {
      connections: s.load.connections,
      duration: s.load.seconds,
      method: 'POST',
      headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' },
      requests: [{ method: 'POST', setupRequest: (request) => ({ ...request, body: contactBody(n++, '133') }) }],
      },
    );
    const throughputRatio = ratio(r.rate, s.oneReplica);
    const throughput: Figure = {
      name: 'intake ×2, tickets ×2: POST /v1/contacts',
      rate: round(r.rate),
      unit: 'contacts/s',
      latencyMs: { p50: r.p50, p99: r.p99 },
      ...(throughputRatio ? { ofBaseline: throughputRatio } : {}),
      target: `${shareText(TARGETS.scaleOutShareOfOne)} of one replica’s rate`,
      ...(throughputRatio ? { met: throughputRatio.ratio >= TARGETS.scaleOutShareOfOne } : {}),
      ...(r.errors ? { note: `${r.errors} answers were not 2xx` } : {}),
    };
    const effects = await exactlyOnce(pool, since, s.waitSeconds);
    const relay = await relayCeiling(pool, intakes, s.relayEvents, s.waitSeconds);
    return [throughput, effects, relay];
  } finally {
    await pool.end();
    await Promise.all([stopReplica(s.stateDir, 'intake', 2), stopReplica(s.stateDir, 'tickets', 2)]);
  }
}

async function databaseNow(pool: Pool): Promise<Date> {
  const { rows } = await pool.query<{ now: Date }>('SELECT clock_timestamp() AS now');
  return rows[0]!.now;
}

interface Effects {
  readonly contacts: number;
  /** New matters without a ticket, and follow-ups not linked to theirs. */
  readonly missing: number;
  /** Tickets announced as created more than once. */
  readonly announcedTwice: number;
}

/**
 * Each contact accepted since `since` had exactly one effect in the tickets service: a new
 * matter opened one ticket (announced once), a follow-up was linked to its ticket once.
 * Waits for the tickets consumers to catch up first.
 */
async function exactlyOnce(pool: Pool, since: Date, waitSeconds: number): Promise<Figure> {
  const count = async (): Promise<Effects> => {
    const { rows } = await pool.query<Effects>(
      `SELECT count(*)::int AS contacts,
              (count(*) FILTER (WHERE c.route = 'new_matter' AND NOT EXISTS (SELECT 1 FROM tickets.tickets t WHERE t.contact_id = c.id))
             + count(*) FILTER (WHERE c.route = 'follow_up' AND NOT EXISTS (SELECT 1 FROM tickets.ticket_contacts l WHERE l.contact_id = c.id)))::int AS missing,
              (SELECT count(*)::int FROM (SELECT message_key FROM tickets.outbox WHERE event_type = $2 AND created_at >= $1
                                            GROUP BY message_key HAVING count(*) > 1) twice) AS "announcedTwice"
         FROM intake.contacts c WHERE c.created_at >= $1`,
      [since, TicketCreatedV1.type],
    );
    return rows[0]!;
  };
  const started = Date.now();
  let effects = await count();
  await until(async () => (effects = await count()).missing === 0, waitSeconds * 1000, 500);
  const seconds = (Date.now() - started) / 1000;
  return {
    name: 'exactly once across replicas',
    unit: 'contacts',
    target: 'each contact → exactly one ticket or link',
    met: effects.missing === 0 && effects.announcedTwice === 0,
    note:
      `${effects.contacts} contacts; ${effects.missing} without their effect ${effects.missing ? `after waiting ${round(seconds)} s` : `(caught up ${round(seconds)} s after the load)`}; ` +
      `${effects.announcedTwice} tickets announced twice`,
  };
}

/**
 * The outbox relay's ceiling: `events` unpublished rows put in intake's outbox at once, timed
 * until the relay has published them all. Both intake replicas run a relay; the advisory lock
 * lets one publish at a time, which the replicas' published counters show.
 */
async function relayCeiling(pool: Pool, intakes: readonly string[], events: number, waitSeconds: number): Promise<Figure> {
  const before = await Promise.all(intakes.map(async (url) => sumOf(await scrapeMetric(url, 'outbox_events_published_total'))));
  const records = Array.from({ length: events }, () => {
    const id = randomUUID();
    const subject = randomUUID();
    return { id, ...toKafkaRecord(PROBE_TOPIC, { id, type: PROBE_TYPE, source: 'bench', subject, time: new Date().toISOString(), data: {} }) };
  });
  const { rows } = await pool.query<{ first: string }>(
    `WITH probes AS (
       INSERT INTO intake.outbox (event_id, topic, message_key, event_type, headers, payload)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::text[])
       RETURNING seq)
     SELECT min(seq)::text AS first FROM probes`,
    [
      records.map((r) => r.id),
      records.map((r) => r.topic),
      records.map((r) => r.key),
      records.map(() => PROBE_TYPE),
      records.map((r) => JSON.stringify(r.headers)),
      records.map((r) => r.value),
    ],
  );
  const started = performance.now();
  let pending = events;
  const drained = await until(
    async () => {
      const { rows: left } = await pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM intake.outbox WHERE seq >= $1 AND published_at IS NULL AND event_type = $2`,
        [rows[0]!.first, PROBE_TYPE],
      );
      pending = left[0]!.n;
      return pending === 0;
    },
    waitSeconds * 1000,
    100,
  );
  const seconds = (performance.now() - started) / 1000;
  const after = await Promise.all(intakes.map(async (url) => sumOf(await scrapeMetric(url, 'outbox_events_published_total'))));
  const shares = after.map((n, i) => `replica ${i + 1}: ${n - (before[i] ?? 0)}`).join(', ');
  return {
    name: `outbox relay ceiling (${events} events queued at once)`,
    rate: round((events - pending) / seconds),
    unit: 'events/s',
    note: `${drained ? `published in ${round(seconds)} s` : `${pending} still unpublished after ${round(seconds)} s`}; published by ${shares} (one at a time: the lock is taken per batch, and a relay whose batch came full goes again at once, so one replica may publish them all)`,
  };
}
