import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from '@cs/observability';
import { Type } from '@sinclair/typebox';
import { Nullable, quoteIdentifier, selectRows } from '@cs/persistence';
import { CIPHERTEXT_VERSION, FieldCipher, PiiDecryptionError, type PiiDecryptionFailure, type PiiKeyRing } from '.';
import type { PiiField } from '../pii-codec';
import { awaitReplicasOnKey, DEFAULT_REPLICA_WAIT_MS } from './replicas-on-key';
import { KeyRingReplicas, replicasBehind, type KeyRingReplica } from './key-ring-replicas';

/** One encrypted column and the context its values were sealed with. */
export interface PiiColumn {
  readonly column: string;
  readonly context: PiiField;
}

/** A table holding encrypted columns, and how to walk it. */
export interface PiiTable {
  readonly table: string;
  /** Unique and ordered: batches page by it, so each row is visited once per run. */
  readonly key: string;
  readonly keyType: 'uuid' | 'text';
  /**
   * What a failure report names the row by. Not always the key: a phone row is named by its
   * customer, which is what an operator looks up.
   */
  readonly ref: string;
  readonly columns: readonly PiiColumn[];
}

/**
 * Every encrypted column of intake. A column missing here would keep values under the old key
 * after the job reports success, and removing that key (step 4) would make them unreadable;
 * the integration test compares this list with the `*_enc` columns the migrations create.
 */
export const PII_TABLES: readonly PiiTable[] = [
  {
    table: 'customers',
    key: 'id',
    keyType: 'uuid',
    ref: 'id',
    columns: [
      { column: 'name_enc', context: 'customer.name' },
      { column: 'email_enc', context: 'customer.email' },
      { column: 'address_enc', context: 'customer.address' },
      { column: 'birth_date_enc', context: 'customer.birth_date' },
    ],
  },
  {
    table: 'customer_phones',
    key: 'id',
    keyType: 'uuid',
    ref: 'customer_id',
    columns: [{ column: 'phone_enc', context: 'customer.phone' }],
  },
  {
    table: 'contacts',
    key: 'id',
    keyType: 'uuid',
    ref: 'id',
    columns: [
      { column: 'content_enc', context: 'contact.content' },
      { column: 'attachments_enc', context: 'contact.attachments' },
    ],
  },
];

export const DEFAULT_ROTATION_BATCH_SIZE = 500;
/** Failures beyond this many per column are counted but not listed, so a wrong key cannot flood memory and logs. */
const LISTED_FAILURES_PER_COLUMN = 100;
/** Key ids of values that are not v1 ciphertexts at all are not echoed: such a value may be plaintext. */
export const UNRECOGNISED_KEY_ID = '(unrecognised)';

export interface RotatePiiKeysOptions {
  readonly logger: Logger;
  /** Only count the values not under the active key; change nothing. */
  readonly dryRun?: boolean;
  readonly batchSize?: number;
  /** Checked between batches: the batch in flight commits, then the run stops and reports. */
  readonly signal?: AbortSignal;
  readonly tables?: readonly PiiTable[];
  /**
   * How long to wait for every live intake replica to write with the active key before refusing
   * to re-encrypt (ADR 0158); DEFAULT_REPLICA_WAIT_MS unless given.
   */
  readonly waitForReplicasMs?: number;
  /** How often to look again while waiting. */
  readonly replicaPollMs?: number;
}

export interface PiiRotationFailure {
  /** The row's `ref` value (a customer or contact id), never the ciphertext or plaintext. */
  readonly ref: string;
  readonly reason: PiiDecryptionFailure;
  readonly keyId?: string;
}

export interface PiiColumnRotation {
  readonly table: string;
  readonly column: string;
  readonly context: PiiField;
  /** Values not under the active key before this run, by the key id they name. */
  readonly pendingByKeyId: Readonly<Record<string, number>>;
  readonly pending: number;
  readonly rotated: number;
  readonly failed: number;
  /** The first failures, up to a cap; `failed` is the full count. */
  readonly failures: readonly PiiRotationFailure[];
  /**
   * Values still not under the active key after this run, counted in every column at once (one
   * snapshot) once every table was passed: failures, rows locked by live traffic (skipped, not
   * waited for) and anything written meanwhile under an old key, whichever table it landed in.
   * Zero in every column is what allows removing the old keys.
   */
  readonly remainingByKeyId: Readonly<Record<string, number>>;
  readonly remaining: number;
}

export interface PiiRotationReport {
  readonly activeKeyId: string;
  readonly dryRun: boolean;
  /**
   * Nothing was re-encrypted: intake replicas heard from lately still wrote with another key once
   * the wait for them ran out (`replicasBehind` names them).
   */
  readonly refused: boolean;
  /**
   * Live replicas writing with another key than the active one: when the run was refused, or at its
   * end (one started meanwhile with the old keys), or, for a dry run, when it counted.
   */
  readonly replicasBehind: readonly KeyRingReplica[];
  readonly interrupted: boolean;
  /** In table order; an interrupted run lists only the columns it reached. */
  readonly columns: readonly PiiColumnRotation[];
  readonly rotated: number;
  readonly failed: number;
  readonly remaining: number;
  /** A full, uninterrupted run after which every value names the active key and every live replica writes with it. */
  readonly complete: boolean;
}

interface ColumnTally {
  rotated: number;
  failed: number;
  readonly failures: PiiRotationFailure[];
}

type Row = Readonly<Record<string, string | null>>;
/** A batch row: the key, the row's reference and the encrypted columns as c0, c1, … (text or NULL). */
const BatchRow = Type.Record(Type.String(), Nullable(Type.String()));
const CountRow = Type.Object({ count: Type.Integer() });
const KeyCountRow = Type.Object({ keyId: Type.String(), count: Type.Integer() });

/**
 * Step 3 of key rotation: re-encrypts every value whose key id is not the active one. Runs
 * beside live traffic: each batch is its own short transaction that locks only its rows and
 * skips rows the service holds (SKIP LOCKED), so neither side waits long on the other. Every
 * batch commits on its own, so the job can be stopped at any point and rerun; a rerun finds
 * only what is left. Blind indexes use their own key and are not touched.
 */
export async function rotatePiiKeys(dataSource: DataSource, keys: PiiKeyRing, options: RotatePiiKeysOptions): Promise<PiiRotationReport> {
  const cipher = new FieldCipher(keys);
  const batchSize = options.batchSize ?? DEFAULT_ROTATION_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer (got ${batchSize})`);
  const dryRun = options.dryRun ?? false;
  // The key id alphabet is [a-z0-9], so the prefix has no LIKE wildcards to escape.
  const activePrefix = `${CIPHERTEXT_VERSION}.${keys.activeKeyId}.%`;
  const log = options.logger.child({ job: 'rotate-pii-keys', activeKeyId: keys.activeKeyId, dryRun });
  const replicas = new KeyRingReplicas();
  const tables = options.tables ?? PII_TABLES;

  log.info({ event: 'pii_rotation.started', batchSize }, 'PII key rotation started');
  if (dryRun) {
    // Counting changes nothing, so it need not wait; it tells what a real run would wait for.
    const { counts: pending, live } = await countInOneSnapshot(dataSource, replicas, tables, activePrefix);
    return finish(
      log,
      { keys, dryRun, refused: false, interrupted: false, replicasBehind: replicasBehind(live, keys.activeKeyId) },
      tables.map((table) => columnReports(table, pending.get(table.table), new Map(), pending.get(table.table))),
    );
  }

  const wait = await awaitReplicasOnKey(dataSource, replicas, keys.activeKeyId, {
    waitMs: options.waitForReplicasMs ?? DEFAULT_REPLICA_WAIT_MS,
    pollMs: options.replicaPollMs,
    signal: options.signal,
    log,
  });
  if (wait.behind.length > 0 || wait.interrupted) {
    return finish(log, { keys, dryRun, refused: !wait.interrupted, interrupted: wait.interrupted, replicasBehind: wait.behind }, []);
  }

  const reached: { table: PiiTable; pending: ColumnCounts; tallies: Map<string, ColumnTally> }[] = [];
  let interrupted = false;
  for (const table of tables) {
    if (options.signal?.aborted) {
      interrupted = true;
      break;
    }
    const pending = await countByKeyId(dataSource.manager, table, activePrefix);
    const tallies = new Map<string, ColumnTally>(table.columns.map((c) => [c.column, { rotated: 0, failed: 0, failures: [] }]));
    reached.push({ table, pending, tallies });
    if (sum(table.columns.map((c) => total(pending.get(c.column)))) > 0) {
      interrupted = await rotateTable(dataSource, cipher, table, activePrefix, batchSize, tallies, pending, log, options.signal);
    }
    if (interrupted) break;
  }
  // Counted once every table was passed, all in one snapshot: a value written under an old key
  // into a table already passed is still counted, which a count per table, taken as it was
  // passed, missed.
  const { counts: remaining, live: liveAtSnapshot } = await countInOneSnapshot(dataSource, replicas, reached.map((r) => r.table), activePrefix);
  // The replicas are read in the snapshot and again after the count: one with the old keys live
  // at either is named, and its writes after the snapshot are why the run is not complete. Read
  // only after it, one that wrote while the count ran (over millions of rows, a while) and
  // withdrew before it ended was missed.
  const behind = replicasBehind(heardFrom(liveAtSnapshot, await replicas.live(dataSource)), keys.activeKeyId);
  return finish(
    log,
    { keys, dryRun, refused: false, interrupted, replicasBehind: behind },
    reached.map(({ table, pending, tallies }) => columnReports(table, pending, tallies, remaining.get(table.table))),
  );
}

/** Per column of one table, how many values name each key other than the active one. */
type ColumnCounts = ReadonlyMap<string, Readonly<Record<string, number>>>;

function columnReports(table: PiiTable, pending: ColumnCounts | undefined, tallies: ReadonlyMap<string, ColumnTally>, remaining: ColumnCounts | undefined): PiiColumnRotation[] {
  return table.columns.map(({ column, context }) => {
    const tally = tallies.get(column) ?? { rotated: 0, failed: 0, failures: [] };
    return {
      table: table.table,
      column,
      context,
      pendingByKeyId: pending?.get(column) ?? {},
      pending: total(pending?.get(column)),
      rotated: tally.rotated,
      failed: tally.failed,
      failures: tally.failures,
      remainingByKeyId: remaining?.get(column) ?? {},
      remaining: total(remaining?.get(column)),
    };
  });
}

interface RunOutcome {
  readonly keys: PiiKeyRing;
  readonly dryRun: boolean;
  readonly refused: boolean;
  readonly interrupted: boolean;
  readonly replicasBehind: readonly KeyRingReplica[];
}

function finish(log: Logger, outcome: RunOutcome, perTable: readonly PiiColumnRotation[][]): PiiRotationReport {
  const { keys, dryRun, refused, interrupted, replicasBehind: behind } = outcome;
  const columns = perTable.flat();
  for (const report of columns) {
    const { failures: _listedAbove, ...summary } = report;
    log.info({ event: 'pii_rotation.column_done', ...summary }, `${report.table}.${report.column} done`);
  }
  const rotated = sum(columns.map((c) => c.rotated));
  const failed = sum(columns.map((c) => c.failed));
  const remaining = sum(columns.map((c) => c.remaining));
  const report: PiiRotationReport = {
    activeKeyId: keys.activeKeyId,
    dryRun,
    refused,
    replicasBehind: behind,
    interrupted,
    columns,
    rotated,
    failed,
    remaining,
    complete: !dryRun && !refused && !interrupted && failed === 0 && remaining === 0 && behind.length === 0,
  };
  log.info(
    { event: 'pii_rotation.finished', refused, interrupted, rotated, failed, remaining, replicasBehind: behind.map(({ host, activeKeyId }) => ({ host, activeKeyId })), complete: report.complete },
    'PII key rotation finished',
  );
  return report;
}

/** Returns true when stopped by the signal before the table was done. */
async function rotateTable(
  dataSource: DataSource,
  cipher: FieldCipher,
  table: PiiTable,
  activePrefix: string,
  batchSize: number,
  tallies: ReadonlyMap<string, ColumnTally>,
  pending: ColumnCounts,
  log: Logger,
  signal: AbortSignal | undefined,
): Promise<boolean> {
  const t = quoteIdentifier(table.table);
  const key = quoteIdentifier(table.key);
  const ref = quoteIdentifier(table.ref);
  const cols = table.columns.map((c) => quoteIdentifier(c.column));
  // NOT LIKE is NULL for a NULL value, so NULLs are never selected and stay NULL.
  const stale = cols.map((c) => `${c} NOT LIKE $1`).join(' OR ');
  const select = (after: boolean): string =>
    `SELECT ${key}::text AS "key", ${ref}::text AS "ref", ${cols.map((c, i) => `${c} AS "c${i}"`).join(', ')}
       FROM ${t}
      WHERE (${stale})${after ? ` AND ${key} > $3::${table.keyType}` : ''}
      ORDER BY ${key}
      LIMIT $2
        FOR NO KEY UPDATE SKIP LOCKED`;
  // NO KEY UPDATE, as the UPDATE itself takes (no key changes): a row another transaction only
  // references (a contact being written for the customer, its foreign key's KEY SHARE) is
  // re-encrypted rather than passed by, and that contact does not wait for the batch.
  // The rows are locked since the SELECT, so no concurrent write can slip in between, and
  // writing back an unchanged value (a failed or NULL column of a changed row) is harmless.
  const update = `WITH changed AS (
      UPDATE ${t} AS t SET ${cols.map((c, i) => `${c} = v."c${i}"`).join(', ')}
        FROM unnest($1::${table.keyType}[], ${cols.map((_c, i) => `$${i + 2}::text[]`).join(', ')}) AS v("key", ${cols.map((_c, i) => `"c${i}"`).join(', ')})
       WHERE t.${key} = v."key"
      RETURNING 1)
    SELECT count(*)::int AS "count" FROM changed`;
  const activeHeader = activePrefix.slice(0, -1);
  const pendingTotal = sum(table.columns.map((c) => total(pending.get(c.column))));

  let after: string | undefined;
  let batch = 0;
  let rotatedSoFar = 0;
  for (;;) {
    if (signal?.aborted) {
      log.warn({ event: 'pii_rotation.interrupted', table: table.table, batch }, 'stopped between batches; rerun to continue');
      return true;
    }
    const outcome = await dataSource.transaction(async (tx) => {
      const rows = await selectRows(tx, BatchRow, select(after !== undefined), after === undefined ? [activePrefix, batchSize] : [activePrefix, batchSize, after]);
      const changedRows: Row[] = [];
      const batchTally = table.columns.map(() => ({ rotated: 0, failed: 0 }));
      for (const row of rows) {
        const next: Record<string, string | null> = { ...row };
        let changed = false;
        table.columns.forEach((column, i) => {
          const value = row[`c${i}`];
          // The same test as the SQL filter, rather than needsRotation, so a malformed value is
          // not skipped here but reported as a failure by rotate.
          if (value === null || value === undefined || value.startsWith(activeHeader)) return;
          try {
            next[`c${i}`] = cipher.rotate(value, column.context);
            changed = true;
            batchTally[i]!.rotated += 1;
          } catch (error) {
            if (!(error instanceof PiiDecryptionError)) throw error;
            batchTally[i]!.failed += 1;
            recordFailure(tallies.get(column.column), { ref: row['ref'] ?? '', reason: error.reason, keyId: error.keyId }, table, column, log);
          }
        });
        if (changed) changedRows.push(next);
      }
      let written = 0;
      if (changedRows.length > 0) {
        const params = [changedRows.map((r) => r['key']), ...table.columns.map((_c, i) => changedRows.map((r) => r[`c${i}`] ?? null))];
        const [result] = await selectRows(tx, CountRow, update, params);
        written = result?.count ?? 0;
        // Every changed row is locked by this transaction, so all must have been written.
        if (written !== changedRows.length) throw new Error(`${table.table}: wrote ${written} of ${changedRows.length} re-encrypted rows`);
      }
      return { rows, batchTally, written };
    });
    if (outcome.rows.length === 0) return false;
    after = outcome.rows[outcome.rows.length - 1]!['key'] ?? undefined;
    batch += 1;
    table.columns.forEach((column, i) => {
      const tally = tallies.get(column.column);
      if (tally) tally.rotated += outcome.batchTally[i]!.rotated;
    });
    const rotated = sum(outcome.batchTally.map((b) => b.rotated));
    rotatedSoFar += rotated;
    log.info(
      {
        event: 'pii_rotation.batch',
        table: table.table,
        batch,
        rows: outcome.rows.length,
        rowsWritten: outcome.written,
        rotated,
        failed: sum(outcome.batchTally.map((b) => b.failed)),
        rotatedSoFar,
        pending: pendingTotal,
      },
      `${table.table}: batch ${batch} committed`,
    );
  }
}

function recordFailure(tally: ColumnTally | undefined, failure: PiiRotationFailure, table: PiiTable, column: PiiColumn, log: Logger): void {
  if (!tally) return;
  tally.failed += 1;
  if (tally.failures.length >= LISTED_FAILURES_PER_COLUMN) return;
  tally.failures.push(failure);
  log.warn(
    { event: 'pii_rotation.failure', table: table.table, column: column.column, [table.ref]: failure.ref, reason: failure.reason, keyId: failure.keyId },
    'value cannot be decrypted; left as it is',
  );
}

/**
 * By table, what countByKeyId counts, every table read in the same snapshot, and the replicas
 * live in that snapshot (read first, so the snapshot is the one they were read in).
 */
async function countInOneSnapshot(
  dataSource: DataSource,
  replicas: KeyRingReplicas,
  tables: readonly PiiTable[],
  activePrefix: string,
): Promise<{ counts: ReadonlyMap<string, ColumnCounts>; live: KeyRingReplica[] }> {
  return dataSource.transaction('REPEATABLE READ', async (tx) => {
    const live = await replicas.live(tx);
    const counts = new Map<string, ColumnCounts>();
    for (const table of tables) counts.set(table.table, await countByKeyId(tx, table, activePrefix));
    return { counts, live };
  });
}

/** Every replica in either reading, once, as last heard from. */
function heardFrom(earlier: readonly KeyRingReplica[], later: readonly KeyRingReplica[]): KeyRingReplica[] {
  const byId = new Map(earlier.map((r) => [r.replicaId, r]));
  for (const r of later) byId.set(r.replicaId, r);
  return [...byId.values()].sort((a, b) => a.host.localeCompare(b.host) || a.replicaId.localeCompare(b.replicaId));
}

/** Per column, how many values name each key other than the active one. */
async function countByKeyId(
  manager: EntityManager,
  table: PiiTable,
  activePrefix: string,
): Promise<Map<string, Readonly<Record<string, number>>>> {
  const counts = new Map<string, Readonly<Record<string, number>>>();
  for (const { column } of table.columns) {
    const c = quoteIdentifier(column);
    const rows = await selectRows(
      manager,
      KeyCountRow,
      `SELECT CASE WHEN ${c} ~ '^v1\\.[a-z0-9]{1,16}\\.' THEN split_part(${c}, '.', 2) ELSE $2 END AS "keyId", count(*)::int AS "count"
         FROM ${quoteIdentifier(table.table)}
        WHERE ${c} NOT LIKE $1
        GROUP BY 1
        ORDER BY 1`,
      [activePrefix, UNRECOGNISED_KEY_ID],
    );
    counts.set(column, Object.fromEntries(rows.map((r) => [r.keyId, r.count])));
  }
  return counts;
}

function total(byKeyId: Readonly<Record<string, number>> | undefined): number {
  return sum(Object.values(byKeyId ?? {}));
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
