import { Static, Type } from '@sinclair/typebox';
import type { EntityManager } from 'typeorm';
import type { DomainEvent } from '@cs/messaging';
import { IdRow, Nullable, Queryable, execute, quoteIdentifier, selectRow, selectRows, sendAhead } from '@cs/persistence';
import { OffsetRange, offsetOf } from '../domain/kafka-offset';
import { LIVE_TABLES, SHADOW_TABLES } from './projection-tables';

export interface RebuildPosition extends OffsetRange {
  readonly topic: string;
  readonly partition: number;
}

export interface Rebuild {
  readonly id: string;
  readonly status: 'running' | 'completed';
  readonly requestedBy: string;
  readonly startedAt: Date;
  readonly finishedAt: Date | null;
  readonly eventsTotal: bigint;
  readonly eventsApplied: bigint;
  readonly positions: readonly RebuildPosition[];
}

/**
 * Offsets and record counts are bigint columns, as Kafka's offsets are 64-bit. They are read as
 * Postgres prints them (`::int` failed with "integer out of range" past 2^31), held as bigint (a
 * number rounds them past 2^53) and written back as text.
 */
const BigintText = Type.String({ pattern: '^-?[0-9]+$' });

const RebuildRow = Type.Object({
  id: Type.String(),
  status: Type.Union([Type.Literal('running'), Type.Literal('completed')]),
  requestedBy: Type.String(),
  startedAt: Type.Date(),
  finishedAt: Nullable(Type.Date()),
  eventsTotal: BigintText,
  eventsApplied: BigintText,
});
const PositionRow = Type.Object({ topic: Type.String(), partition: Type.Integer(), nextOffset: BigintText, endOffset: BigintText });

const TABLES = ['tickets', 'callbacks', 'grades', 'incidents', 'rollups', 'durationRollups', 'recordRollups', 'timelinessRollups'] as const;

/** Starts a rebuild with empty shadow tables shaped as the live ones; false when one is running already. */
export async function startRebuild(tx: EntityManager, id: string, by: string, positions: readonly RebuildPosition[]): Promise<boolean> {
  const total = positions.reduce((sum, p) => sum + (p.endOffset - p.nextOffset), 0n);
  const inserted = await selectRows(
    tx,
    IdRow,
    `INSERT INTO projection_rebuilds (id, status, requested_by, started_at, events_total) VALUES ($1, 'running', $2, now(), $3)
     ON CONFLICT DO NOTHING RETURNING id::text`,
    [id, by, String(total)],
  );
  if (inserted.length === 0) return false;
  for (const p of positions) {
    await execute(tx, 'INSERT INTO projection_rebuild_positions (rebuild_id, topic, partition, next_offset, end_offset) VALUES ($1, $2, $3, $4, $5)', [
      id,
      p.topic,
      p.partition,
      String(p.nextOffset),
      String(p.endOffset),
    ]);
  }
  for (const t of TABLES) {
    await execute(tx, `DROP TABLE IF EXISTS ${SHADOW_TABLES[t]}`);
    await execute(tx, `CREATE TABLE ${SHADOW_TABLES[t]} (LIKE ${LIVE_TABLES[t]} INCLUDING ALL)`);
  }
  return true;
}

const EndRow = Type.Object({ topic: Type.String(), partition: Type.Integer(), endOffset: BigintText });

/** Where the running rebuild reads a partition up to; the offset exact, as compared with every live record's. */
export interface RebuildEnd {
  readonly topic: string;
  readonly partition: number;
  readonly endOffset: bigint;
}

/** The lock a rebuild's start takes alone and each live transaction shares: one per schema, as each has its own read model. */
const REBUILD_START_LOCK = `hashtext(current_schema() || '.projection-rebuild-start')`;

/**
 * Held by a live transaction before it asks for the running rebuild's end offsets, until it
 * commits: a rebuild starting meanwhile reads the topics' ends only after that transaction's
 * records were written live, and a transaction asking after the start sees the started rebuild.
 */
export async function shareRebuildStart(tx: EntityManager): Promise<void> {
  // Sent ahead (ADR 0189): the read of the running rebuild that follows is what waits for it.
  await sendAhead(tx, `SELECT pg_advisory_xact_lock_shared(${REBUILD_START_LOCK})`);
}

/** Taken by a rebuild's start before it reads the topics' ends; see {@link shareRebuildStart}. */
export async function holdRebuildStart(tx: EntityManager): Promise<void> {
  await execute(tx, `SELECT pg_advisory_xact_lock(${REBUILD_START_LOCK})`);
}

/** The session lock the replica replaying a rebuild holds for as long as it replays: one per schema. */
const REBUILD_REPLAY_LOCK = `hashtext(current_schema() || '.projection-rebuild-replay')`;
const ReplayLockRow = Type.Object({ held: Type.Boolean() });

/**
 * Takes the replay of the running rebuild for the caller's connection, unless another replica
 * holds it; held until {@link releaseReplay} on that connection, or until the connection ends (a
 * replica that dies lets go of it).
 */
export async function tryHoldReplay(db: Queryable): Promise<boolean> {
  return (await selectRow(db, ReplayLockRow, `SELECT pg_try_advisory_lock(${REBUILD_REPLAY_LOCK}) AS held`))?.held ?? false;
}

/** Lets go of the replay, on the connection that took it. */
export async function releaseReplay(db: Queryable): Promise<void> {
  await execute(db, `SELECT pg_advisory_unlock(${REBUILD_REPLAY_LOCK})`);
}

/**
 * Where the running rebuild reads each partition of each topic up to (its end offsets); none
 * when no rebuild runs (one runs at most: projection_rebuilds_one_running). One statement for a
 * transaction's events of every partition: asked by every live transaction.
 */
export async function runningRebuildEnds(db: Queryable): Promise<readonly RebuildEnd[]> {
  const rows = await selectRows(
    db,
    EndRow,
    `SELECT p.topic, p.partition, p.end_offset::text AS "endOffset"
       FROM projection_rebuild_positions p
      WHERE p.rebuild_id = (SELECT id FROM projection_rebuilds WHERE status = 'running')`,
    [],
  );
  return rows.map((r) => ({ ...r, endOffset: offsetOf(r.endOffset) }));
}

const PartitionRow = Type.Object({ topic: Type.String(), partition: Type.Integer() });
export type RebuildPartition = Static<typeof PartitionRow>;

/**
 * Of these partitions, those the running rebuild has not replayed to their end yet, their rows
 * shared until the caller commits: the transaction that replays a partition's last records moves
 * its row before it takes the held events, so it waits for a caller that found the partition
 * unfinished and holds events back ({@link holdEvents}), and then takes them; a caller that
 * waited for it finds it finished.
 */
export async function unfinishedPartitions(tx: EntityManager, partitions: readonly RebuildPartition[]): Promise<RebuildPartition[]> {
  if (partitions.length === 0) return [];
  return selectRows(
    tx,
    PartitionRow,
    `SELECT p.topic, p.partition
       FROM projection_rebuild_positions p
       JOIN unnest($1::text[], $2::int[]) AS w (topic, partition) ON w.topic = p.topic AND w.partition = p.partition
      WHERE p.rebuild_id = (SELECT id FROM projection_rebuilds WHERE status = 'running') AND p.next_offset < p.end_offset
      ORDER BY p.topic, p.partition
        FOR SHARE OF p`,
    [partitions.map((p) => p.topic), partitions.map((p) => p.partition)],
  );
}

/** A live event held for the running rebuild, where it was read. */
export interface HeldEvent extends RebuildPartition {
  readonly offset: string;
  readonly event: DomainEvent;
}

/** Holds live events past the running rebuild's end, of partitions it has not replayed to their end yet. */
export async function holdEvents(tx: EntityManager, held: readonly HeldEvent[]): Promise<void> {
  if (held.length === 0) return;
  await execute(
    tx,
    `INSERT INTO projection_rebuild_held_events (rebuild_id, topic, partition, "offset", event)
     SELECT (SELECT id FROM projection_rebuilds WHERE status = 'running'), h.topic, h.partition, h.offset, h.event
       FROM unnest($1::text[], $2::int[], $3::bigint[], $4::jsonb[]) AS h (topic, partition, "offset", event)
     ON CONFLICT DO NOTHING`,
    [held.map((h) => h.topic), held.map((h) => h.partition), held.map((h) => h.offset), held.map((h) => JSON.stringify(h.event))],
  );
}

const HeldRow = Type.Object({
  event: Type.Object({
    id: Type.String(),
    type: Type.String(),
    source: Type.String(),
    subject: Type.String(),
    time: Type.String(),
    data: Type.Unknown(),
    traceparent: Type.Optional(Type.String()),
  }),
});

/** The events held for a partition of a rebuild, in the order they were read; taken, so none is applied twice. */
export async function takeHeldEvents(tx: EntityManager, id: string, topic: string, partition: number): Promise<DomainEvent[]> {
  const rows = await selectRows(
    tx,
    HeldRow,
    `WITH taken AS (
       DELETE FROM projection_rebuild_held_events WHERE rebuild_id = $1 AND topic = $2 AND partition = $3 RETURNING "offset", event
     )
     SELECT event FROM taken ORDER BY "offset"`,
    [id, topic, partition],
  );
  return rows.map((r) => r.event);
}

export async function latestRebuild(db: Queryable, status?: 'running'): Promise<Rebuild | undefined> {
  const row = await selectRow(
    db,
    RebuildRow,
    `SELECT id::text, status, requested_by AS "requestedBy", started_at AS "startedAt", finished_at AS "finishedAt",
            events_total::text AS "eventsTotal", events_applied::text AS "eventsApplied"
       FROM projection_rebuilds WHERE ($1::text IS NULL OR status = $1) ORDER BY started_at DESC LIMIT 1`,
    [status ?? null],
  );
  if (!row) return undefined;
  const positions = await selectRows(
    db,
    PositionRow,
    `SELECT topic, partition, next_offset::text AS "nextOffset", end_offset::text AS "endOffset"
       FROM projection_rebuild_positions WHERE rebuild_id = $1 ORDER BY topic, partition`,
    [row.id],
  );
  return {
    ...row,
    eventsTotal: BigInt(row.eventsTotal),
    eventsApplied: BigInt(row.eventsApplied),
    positions: positions.map((p) => ({ ...p, nextOffset: offsetOf(p.nextOffset), endOffset: offsetOf(p.endOffset) })),
  };
}

/**
 * Moves the partition's position past `offset`, in the transaction that wrote the rows of the
 * `applied` records up to it, so a restart resumes exactly after them.
 */
export async function advance(tx: EntityManager, id: string, topic: string, partition: number, offset: bigint, applied = 1): Promise<void> {
  await execute(
    tx,
    `WITH moved AS (
       UPDATE projection_rebuild_positions SET next_offset = $4 WHERE rebuild_id = $1 AND topic = $2 AND partition = $3
     )
     UPDATE projection_rebuilds SET events_applied = events_applied + $5 WHERE id = $1`,
    [id, topic, partition, String(offset + 1n), applied],
  );
}

/**
 * An index or statistics object of a table: its name, what it is apart from its name (`shape`),
 * and the statement that makes it (`definition`).
 */
const TablePart = Type.Object({
  kind: Type.Union([Type.Literal('INDEX'), Type.Literal('STATISTICS')]),
  name: Type.String(),
  shape: Type.String(),
  definition: Type.String(),
  /** An index a constraint (a primary key) stands on: renamed with it, never dropped alone. */
  constrains: Type.Boolean(),
});
type TablePart = Static<typeof TablePart>;

/**
 * The parts of `table`, read in the transaction that swaps it: an index's definition as Postgres
 * prints it, less `CREATE [UNIQUE] INDEX <its name>` (the table is named the same way for the
 * live table before the swap and the one renamed to it after); a statistics object's kinds and
 * columns.
 */
async function tableParts(tx: EntityManager, table: string): Promise<TablePart[]> {
  return selectRows(
    tx,
    TablePart,
    `SELECT 'INDEX' AS kind, c.relname AS name, d.definition,
            substr(d.definition, length(CASE WHEN i.indisunique THEN 'CREATE UNIQUE INDEX ' ELSE 'CREATE INDEX ' END || quote_ident(c.relname)) + 1) AS shape,
            EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid) AS constrains
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid, LATERAL (SELECT pg_get_indexdef(i.indexrelid) AS definition) d
      WHERE i.indrelid = $1::regclass
     UNION ALL
     SELECT 'STATISTICS', s.stxname, pg_get_statisticsobjdef(s.oid), s.stxkind::text || ' ' || pg_get_statisticsobjdef_columns(s.oid), false
       FROM pg_statistic_ext s
      WHERE s.stxrelid = $1::regclass
      ORDER BY 1, 2`,
    [table],
  );
}

/**
 * A table made with `LIKE … INCLUDING ALL` gets indexes and statistics named by Postgres after
 * it. Once it replaces the live table, each takes the name its twin (the same but for the name)
 * had there, a primary key's constraint with its index, so migrations that name them still find
 * them. A migration may also have run while the rebuild did, on the live table alone: what the
 * live table had and the new one lacks is made again on it from the live one's definition, and
 * what only the new one has (dropped from the live table meanwhile) is dropped.
 */
async function keepLiveParts(tx: EntityManager, live: readonly TablePart[], swapped: readonly TablePart[]): Promise<void> {
  const unclaimed = [...live];
  const extra: TablePart[] = [];
  for (const part of swapped) {
    const i = unclaimed.findIndex((b) => b.kind === part.kind && b.shape === part.shape);
    if (i < 0) {
      extra.push(part);
      continue;
    }
    const [twin] = unclaimed.splice(i, 1);
    if (twin && twin.name !== part.name) await execute(tx, `ALTER ${part.kind} ${quoteIdentifier(part.name)} RENAME TO ${quoteIdentifier(twin.name)}`);
  }
  for (const part of extra.filter((p) => !p.constrains)) await execute(tx, `DROP ${part.kind} ${quoteIdentifier(part.name)}`);
  for (const part of unclaimed) await execute(tx, part.definition);
}


/** The triggers that keep the rollups honest when ticket rows are deleted by hand (migration 1764800000000). */
const GUARDS = [
  `CREATE TRIGGER ticket_facts_retract AFTER DELETE ON ${LIVE_TABLES.tickets} REFERENCING OLD TABLE AS gone
     FOR EACH STATEMENT EXECUTE FUNCTION retract_deleted_ticket_facts()`,
  `CREATE TRIGGER ticket_facts_emptied AFTER TRUNCATE ON ${LIVE_TABLES.tickets} FOR EACH STATEMENT EXECUTE FUNCTION empty_ticket_rollups()`,
];

/**
 * The shadow tables become the live ones. The lock waits for live handlers mid-transaction and
 * holds off new ones; a handler that waited on the old table fails and is retried on the new one.
 */
export async function swapIn(tx: EntityManager, id: string): Promise<void> {
  await execute(tx, `LOCK TABLE ${TABLES.map((t) => LIVE_TABLES[t]).join(', ')} IN ACCESS EXCLUSIVE MODE`);
  for (const t of TABLES) {
    const live = await tableParts(tx, LIVE_TABLES[t]);
    await execute(tx, `DROP TABLE ${LIVE_TABLES[t]}`);
    await execute(tx, `ALTER TABLE ${SHADOW_TABLES[t]} RENAME TO ${LIVE_TABLES[t]}`);
    await keepLiveParts(tx, live, await tableParts(tx, LIVE_TABLES[t]));
  }
  // What was taken away by hand from the old rows is gone with the old rollups; the new rows are guarded as the old were.
  await execute(tx, 'TRUNCATE ticket_fact_retractions');
  for (const statement of GUARDS) await execute(tx, statement);
  await execute(tx, `UPDATE projection_rebuilds SET status = 'completed', finished_at = now() WHERE id = $1`, [id]);
}
