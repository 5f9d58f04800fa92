import { TNumber, Type } from '@sinclair/typebox';
import type { EntityManager } from 'typeorm';
import { Queryable, selectRow, selectRows, sendAhead } from '@cs/persistence';
import type { Period } from '../domain/period';
import { Dimension, DurationCell, EVERY_PROJECT, Measure, NO_PROJECT, TallyCell } from '../domain/ticket-rollup';
import { TALLY_FIELDS, TallyField, TicketTally } from '../domain/ticket-share';
import { LIVE_TABLES, ProjectionTables } from './projection-tables';

const columnOf = (field: TallyField): string => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * Counts a release added, each set in a ledger of its own (ADR 0074): record completeness
 * (migration 1766020000000), dispatch and on-site timeliness (migration 1766040000000). Every
 * other count is in `rollups`.
 */
const RECORD_FIELDS: readonly TallyField[] = ['recordJudged', 'recordComplete'];
const TIMELINESS_FIELDS: readonly TallyField[] = ['dispatchJudged', 'dispatchOnTime', 'onSiteJudged', 'onSiteOnTime'];
const BASE_FIELDS = TALLY_FIELDS.filter((f) => !RECORD_FIELDS.includes(f) && !TIMELINESS_FIELDS.includes(f));

/** The tally ledgers: which counts each holds. */
const LEDGERS = [
  { table: (t: ProjectionTables) => t.rollups, fields: BASE_FIELDS },
  { table: (t: ProjectionTables) => t.recordRollups, fields: RECORD_FIELDS },
  { table: (t: ProjectionTables) => t.timelinessRollups, fields: TIMELINESS_FIELDS },
] as const;

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
  if (cells.tallies.length === 0 && cells.durations.length === 0) return;
  // One statement for every ledger, a column per array (much cheaper to read than JSON): a live event pays one round trip for its rollups.
  const params: unknown[] = [];
  const bind = (values: unknown[], type: string) => {
    params.push(values);
    return `$${params.length}::${type}[]`;
  };
  const tallies = LEDGERS.map(({ table, fields }) => {
    // A ledger takes only the cells whose counts of its own moved.
    const moved = cells.tallies.filter((c) => fields.some((f) => c.tally[f] !== 0));
    return `INSERT INTO ${table(tables)} (day, project, dimension, key, ${fields.map(columnOf).join(', ')})
       SELECT * FROM unnest(${bind(moved.map((c) => c.day), 'integer')}, ${bind(moved.map((c) => c.project), 'text')}, ${bind(moved.map((c) => c.dimension), 'text')}, ${bind(moved.map((c) => c.key), 'text')}, ${fields.map((f) => bind(moved.map((c) => c.tally[f]), 'integer')).join(', ')})`;
  });
  const first = params.length + 1;
  await sendAhead(
    tx,
    `WITH ${tallies.map((insert, i) => `tallies_${i} AS (\n       ${insert}\n     )`).join(', ')}
     INSERT INTO ${tables.durationRollups} (month, dimension, key, measure, bin, tickets, hundredths)
     SELECT * FROM unnest($${first}::integer[], $${first + 1}::text[], $${first + 2}::text[], $${first + 3}::text[], $${first + 4}::integer[], $${first + 5}::integer[], $${first + 6}::bigint[])`,
    [
      ...params,
      cells.durations.map((c) => c.month),
      cells.durations.map((c) => c.dimension),
      cells.durations.map((c) => c.key),
      cells.durations.map((c) => c.measure),
      cells.durations.map((c) => c.bin),
      cells.durations.map((c) => c.tickets),
      cells.durations.map((c) => c.hundredths),
    ],
  );
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
    // Each ledger's rows with its own counts and 0 for the others', summed together per key.
    `SELECT dimension, key, ${TALLY_FIELDS.map((f) => `sum(${columnOf(f)})::float8 AS "${f}"`).join(', ')}
       FROM (${LEDGERS.map(
         ({ table, fields }) => `SELECT dimension, key, ${TALLY_FIELDS.map((f) => `${fields.includes(f) ? columnOf(f) : '0'} AS ${columnOf(f)}`).join(', ')}
               FROM ${table(LIVE_TABLES)}
              WHERE dimension = ANY($1::text[]) AND project = ANY($2::text[]) AND day >= $3 AND day < $4`,
       ).join('\n      UNION ALL\n      ')}) cells
      GROUP BY dimension, key`,
    [dimensions, members, days.from, days.to],
  );
  return rows.map((row) => ({ dimension: row.dimension, key: row.key, tally: Object.fromEntries(TALLY_FIELDS.map((f) => [f, Number(row[f])])) as TicketTally }));
}

/** A duration cell: one grouping's key and one of its two measures. */
const DurationCellKey = {
  dimension: Type.String(),
  key: Type.String(),
  measure: Type.Union([Type.Literal('first_response'), Type.Literal('resolution')]),
};

/**
 * A duration cell's rows — one grouping's key and one measure — as three arrays that line up:
 * the i-th row is `bins[i]`, `tickets[i]`, `hundredths[i]`. A bin may come in several rows (those
 * appended since the last fold), in no order, and a bin emptied by later changes may come with
 * zeros: they add up as a histogram adds them (`addToHistogram`).
 */
export interface DurationRows {
  readonly dimension: string;
  readonly key: string;
  readonly measure: Measure;
  readonly bins: readonly number[];
  readonly tickets: readonly number[];
  readonly hundredths: readonly number[];
}

const DurationRowsRow = Type.Object({
  ...DurationCellKey,
  bins: Type.Array(Type.Integer()),
  tickets: Type.Array(Type.Number()),
  hundredths: Type.Array(Type.Number()),
});

/**
 * Each cell's rows as JSON arrays in one row. A month of a million tickets has some 17,000 bins
 * for the report's groupings: a row each cost more to receive, check and turn into objects than
 * the arrays, and JSON is parsed natively where Postgres's array text is parsed in JavaScript.
 * Summing each bin and ordering the arrays here as well was half the statement's time, for work
 * the histogram does anyway. A group's aggregates take its rows together, in one order, so the
 * three arrays line up (the rollup tests compare every figure before and after folding). An
 * ORDER BY inside each aggregate would break that: rows of equal keys may sort differently.
 */
const CELL_ROWS_AS_ARRAYS = `array_to_json(array_agg(bin)) AS bins, array_to_json(array_agg(tickets)) AS tickets, array_to_json(array_agg(hundredths)) AS hundredths`;

/** The duration rows of whole months, every project together, per dimension, key and measure; `keys` narrows the keys read. */
export async function durationSums(db: Queryable, dimensions: readonly Dimension[], months: DayRange, keys?: readonly string[]): Promise<DurationRows[]> {
  if (dimensions.length === 0 || months.from >= months.to) return [];
  return selectRows(
    db,
    DurationRowsRow,
    `SELECT dimension, key, measure, ${CELL_ROWS_AS_ARRAYS}
       FROM ticket_duration_rollups
      WHERE dimension = ANY($1::text[]) AND month >= $2 AND month < $3 AND ($4::text[] IS NULL OR key = ANY($4::text[]))
      GROUP BY dimension, key, measure`,
    [dimensions, months.from, months.to, keys ?? null],
  );
}

/**
 * The SQL key of a dimension on a ticket row, as `ticketKey` reads it. Kept beside the query that
 * needs it; the rollup tests compare what both give.
 */
const KEY_COLUMNS: Readonly<Record<Dimension, string>> = {
  total: "''",
  section: "coalesce(f.section_code, 'none')",
  item: "coalesce(f.item_code, 'none')",
  channel: 'f.channel',
  project: "coalesce(f.project_code, 'none')",
  department: "coalesce(f.department, 'none')",
  agent: 'f.owner_id',
};

/** Rows of the projects a reader sums: every project ('*'), or the codes named and, with '', those of no project. */
function membersCondition(members: RollupMembers, params: unknown[]): string {
  if (members.includes(EVERY_PROJECT)) return 'TRUE';
  params.push(members.filter((m) => m !== NO_PROJECT));
  return `(f.project_code = ANY($${params.length}::text[])${members.includes(NO_PROJECT) ? ' OR f.project_code IS NULL' : ''})`;
}

/**
 * The duration bins of the tickets received in the periods, summed from the bins their rows were
 * counted in: the parts of a period the month cells do not cover, and the groupings of a reader
 * limited to projects.
 */
export async function durationSumsOfTickets(db: Queryable, dimensions: readonly Dimension[], members: RollupMembers, periods: readonly Period[]): Promise<DurationRows[]> {
  if (dimensions.length === 0 || members.length === 0 || periods.length === 0) return [];
  const params: unknown[] = [];
  const within = periods.map((p) => {
    params.push(p.from, p.to);
    return `(f.opened_at >= $${params.length - 1} AND f.opened_at < $${params.length})`;
  });
  const projects = membersCondition(members, params);
  const measured = (measure: Measure, column: string) =>
    dimensions
      .map(
        (d) => `SELECT '${d}' AS dimension, ${KEY_COLUMNS[d]} AS key, '${measure}' AS measure, f.${column}_bin AS bin, count(*)::float8 AS tickets, sum(f.${column})::float8 AS hundredths
                  FROM ticket_facts f
                 WHERE (${within.join(' OR ')}) AND f.merged_into IS NULL AND f.${column} IS NOT NULL AND ${projects}
                 GROUP BY 2, 4`,
      )
      .join('\n UNION ALL\n');
  return selectRows(
    db,
    DurationRowsRow,
    `SELECT dimension, key, measure, ${CELL_ROWS_AS_ARRAYS}
       FROM (${measured('first_response', 'counted_first_response')}\n UNION ALL\n${measured('resolution', 'counted_resolution')}) binned
      GROUP BY dimension, key, measure`,
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
  let folded = 0;
  for (const { table, fields } of LEDGERS) folded += await foldLedger(db, table(tables), ['day', 'project', 'dimension', 'key'], fields.map(columnOf), limit);
  return folded + (await foldLedger(db, tables.durationRollups, ['month', 'dimension', 'key', 'measure', 'bin'], ['tickets', 'hundredths'], limit));
}

