import { TNumber, Type } from '@sinclair/typebox';
import type { EntityManager } from 'typeorm';
import { Queryable, execute, selectRow, selectRows } from '@cs/persistence';
import type { Dimension, DurationCell, Measure, TallyCell } from '../domain/ticket-rollup';
import { TALLY_FIELDS, TallyField, TicketTally } from '../domain/ticket-share';
import { LIVE_TABLES, ProjectionTables } from './projection-tables';

const columnOf = (field: TallyField): string => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const TALLY_COLUMNS = TALLY_FIELDS.map(columnOf);

/**
 * Appends the cells' differences to the rollups, in the transaction that changed the tickets.
 * Appending takes no row lock, so concurrent batches never wait on each other's hot cells (the
 * day's total is in every one of them); folding merges the rows later.
 */
export async function addToRollups(
  tx: EntityManager,
  cells: { readonly tallies: readonly TallyCell[]; readonly durations: readonly DurationCell[] },
  tables: ProjectionTables = LIVE_TABLES,
): Promise<void> {
  if (cells.tallies.length > 0) {
    await execute(
      tx,
      `INSERT INTO ${tables.rollups} (day, project, dimension, key, ${TALLY_COLUMNS.join(', ')})
       SELECT day, project, dimension, key, ${TALLY_COLUMNS.join(', ')}
         FROM jsonb_to_recordset($1::jsonb) AS r(day integer, project text, dimension text, key text, ${TALLY_COLUMNS.map((c) => `${c} integer`).join(', ')})`,
      [
        JSON.stringify(
          cells.tallies.map((c) => ({
            day: c.day,
            project: c.project,
            dimension: c.dimension,
            key: c.key,
            ...Object.fromEntries(TALLY_FIELDS.map((f) => [columnOf(f), c.tally[f]])),
          })),
        ),
      ],
    );
  }
  if (cells.durations.length > 0) {
    await execute(
      tx,
      `INSERT INTO ${tables.durationRollups} (grain, bucket, project, dimension, key, measure, bin, tickets, hundredths)
       SELECT * FROM unnest($1::text[], $2::integer[], $3::text[], $4::text[], $5::text[], $6::text[], $7::integer[], $8::integer[], $9::bigint[])`,
      [
        cells.durations.map((c) => c.grain),
        cells.durations.map((c) => c.bucket),
        cells.durations.map((c) => c.project),
        cells.durations.map((c) => c.dimension),
        cells.durations.map((c) => c.key),
        cells.durations.map((c) => c.measure),
        cells.durations.map((c) => c.bin),
        cells.durations.map((c) => c.tickets),
        cells.durations.map((c) => c.hundredths),
      ],
    );
  }
}

/** Which cells a reader sums: those of every project together, or those of the projects (and '' for none) it may see. */
export type RollupMembers = readonly string[];

export interface DayRange {
  readonly from: number;
  readonly to: number;
}

const TallyRow = Type.Object({
  dimension: Type.String(),
  key: Type.String(),
  ...(Object.fromEntries(TALLY_FIELDS.map((f) => [f, Type.Number()])) as Record<TallyField, TNumber>),
});

/** The tallies of the days, summed per dimension and key. */
export async function tallySums(
  db: Queryable,
  dimensions: readonly Dimension[],
  members: RollupMembers,
  days: DayRange,
): Promise<{ dimension: string; key: string; tally: TicketTally }[]> {
  if (dimensions.length === 0 || members.length === 0 || days.from >= days.to) return [];
  const rows = await selectRows(
    db,
    TallyRow,
    `SELECT dimension, key, ${TALLY_FIELDS.map((f) => `sum(${columnOf(f)})::float8 AS "${f}"`).join(', ')}
       FROM ticket_rollups
      WHERE dimension = ANY($1::text[]) AND project = ANY($2::text[]) AND day >= $3 AND day < $4
      GROUP BY dimension, key`,
    [dimensions, members, days.from, days.to],
  );
  return rows.map((row) => ({ dimension: row.dimension, key: row.key, tally: Object.fromEntries(TALLY_FIELDS.map((f) => [f, Number(row[f])])) as TicketTally }));
}

const DurationRow = Type.Object({
  dimension: Type.String(),
  key: Type.String(),
  measure: Type.Union([Type.Literal('first_response'), Type.Literal('resolution')]),
  bin: Type.Integer(),
  tickets: Type.Number(),
  hundredths: Type.Number(),
});

export interface DurationSum {
  readonly dimension: string;
  readonly key: string;
  readonly measure: Measure;
  readonly bin: number;
  readonly tickets: number;
  readonly hundredths: number;
}

/** The duration bins of whole months and of days, summed per dimension, key, measure and bin. */
export async function durationSums(
  db: Queryable,
  dimensions: readonly Dimension[],
  members: RollupMembers,
  months: DayRange,
  days: readonly DayRange[],
): Promise<DurationSum[]> {
  const spans = days.filter((d) => d.from < d.to);
  if (dimensions.length === 0 || members.length === 0 || (months.from >= months.to && spans.length === 0)) return [];
  const params: unknown[] = [dimensions, members, months.from, months.to];
  const daySpans = spans.map((d) => {
    params.push(d.from, d.to);
    return `(grain = 'day' AND bucket >= $${params.length - 1} AND bucket < $${params.length})`;
  });
  return selectRows(
    db,
    DurationRow,
    `SELECT dimension, key, measure, bin, sum(tickets)::float8 AS tickets, sum(hundredths)::float8 AS hundredths
       FROM ticket_duration_rollups
      WHERE dimension = ANY($1::text[]) AND project = ANY($2::text[])
        AND ((grain = 'month' AND bucket >= $3 AND bucket < $4)${daySpans.map((s) => ` OR ${s}`).join('')})
      GROUP BY dimension, key, measure, bin
     HAVING sum(tickets) <> 0`,
    params,
  );
}

const FoldedRow = Type.Object({ keys: Type.Integer() });

/**
 * Folds up to `limit` keys of a ledger: their rows are replaced by one row holding their sum, or
 * by none when it is zero. Rows appended meanwhile are not in the statement's snapshot and stay
 * for the next fold, so folding never loses or doubles a difference, even on two replicas at once.
 * Returns how many keys were folded.
 */
async function foldLedger(db: Queryable, table: string, keyColumns: readonly string[], sumColumns: readonly string[], limit: number): Promise<number> {
  const keys = keyColumns.join(', ');
  const row = await selectRow(
    db,
    FoldedRow,
    `WITH keys AS (
       SELECT DISTINCT ${keys} FROM ${table} WHERE NOT folded LIMIT $1
     ), gone AS (
       DELETE FROM ${table} r USING keys k WHERE ${keyColumns.map((c) => `r.${c} = k.${c}`).join(' AND ')}
       RETURNING r.*
     ), kept AS (
       INSERT INTO ${table} (${keys}, ${sumColumns.join(', ')}, folded)
       SELECT ${keys}, ${sumColumns.map((c) => `sum(${c})`).join(', ')}, true FROM gone GROUP BY ${keys}
       HAVING ${sumColumns.map((c) => `sum(${c}) <> 0`).join(' OR ')}
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM keys)::int AS keys`,
    [limit],
  );
  return row?.keys ?? 0;
}

/** Folds up to `limit` keys of each rollup; returns how many were folded in all. */
export async function foldRollups(db: Queryable, limit: number, tables: ProjectionTables = LIVE_TABLES): Promise<number> {
  const tallies = await foldLedger(db, tables.rollups, ['day', 'project', 'dimension', 'key'], TALLY_COLUMNS, limit);
  const durations = await foldLedger(db, tables.durationRollups, ['grain', 'bucket', 'project', 'dimension', 'key', 'measure', 'bin'], ['tickets', 'hundredths'], limit);
  return tallies + durations;
}

/** Empties the rollups, before a rebuild counts every ticket again. */
export async function clearRollups(tx: EntityManager, tables: ProjectionTables): Promise<void> {
  await execute(tx, `TRUNCATE ${tables.rollups}, ${tables.durationRollups}`);
}
