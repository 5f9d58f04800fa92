import { KindGuard, Type, type Static, type TObject, type TSchema } from '@sinclair/typebox';
import { RowShapeError, checkedRows, selectRow, type Queryable } from './typed-query';

/**
 * One of several SELECTs read in one statement: its SQL, whose placeholders are numbered in the
 * statement's one parameter list; the order of its rows, in terms of its own columns; and how a
 * row becomes a value.
 */
export interface SelectPart<T> {
  readonly sql: string;
  /** An ORDER BY list over the part's output columns (its SQL may order and limit as it likes; this is the order kept). */
  readonly order: string;
  readonly rows: (json: unknown) => T[];
}

/** A part's values. */
export type PartValues<P> = P extends SelectPart<infer T> ? T[] : never;

/** The properties of a row schema that hold a timestamp, possibly NULL: JSON gives them as text. */
function timestampColumns(row: TObject): string[] {
  const isDate = (s: TSchema): boolean => KindGuard.IsDate(s) || (KindGuard.IsUnion(s) && s.anyOf.some(isDate));
  return Object.entries(row.properties)
    .filter(([, schema]) => isDate(schema))
    .map(([name]) => name);
}

/** A timestamp as Postgres writes it into JSON: ISO 8601 with a time and an offset. */
const JSON_TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/;

/** An ORDER BY list of plain output columns, each with an optional direction and NULLS placement. */
const ORDER_LIST = /^[a-z_][a-z0-9_]*(?: (?:ASC|DESC))?(?: NULLS (?:FIRST|LAST))?(?:, [a-z_][a-z0-9_]*(?: (?:ASC|DESC))?(?: NULLS (?:FIRST|LAST))?)*$/i;

/**
 * A part whose rows have the shape `row` (as `selectRows` checks it) and become values by `map`.
 * Postgres writes a timestamptz into JSON as ISO 8601 text with its microseconds and offset; it
 * becomes a Date as the driver would make it (both keep the milliseconds and drop the rest). Any
 * other text in a Date column — a `date`, which the driver reads as local midnight, or a
 * timestamp without a zone — is refused rather than guessed.
 */
export function selectPart<S extends TObject, T>(row: S, sql: string, order: string, map: (r: Static<S>) => T): SelectPart<T> {
  if (!ORDER_LIST.test(order)) throw new Error(`part order "${order}" is not a list of output columns`);
  const timestamps = timestampColumns(row);
  return {
    sql,
    order,
    rows: (json) => {
      if (!Array.isArray(json)) throw new RowShapeError(sql, 'the part gave no JSON array');
      for (const r of json as Record<string, unknown>[]) {
        for (const column of timestamps) {
          const value = r[column];
          if (typeof value !== 'string') continue;
          if (!JSON_TIMESTAMP.test(value)) throw new RowShapeError(sql, `/${column} "${value}" is not a timestamp with a time zone`);
          r[column] = new Date(value);
        }
      }
      return checkedRows(row, sql, json).map(map);
    },
  };
}

const PART_NAME = /^[a-z][a-z0-9_]*$/i;

/** The one row of a combined statement: a JSON array per part. One schema, so its checker is compiled once. */
const PartsRow = Type.Record(Type.String(), Type.Unknown());

/**
 * Several independent SELECTs answered by one statement, each part's rows as one JSON array
 * (`json_agg` in the part's order). A read on the path of every incoming call paid a round trip
 * per query — the socket write and the backend's wake-up on both sides, most of what a small
 * indexed query costs — so the parts share one. Rows keep their types through JSON except
 * timestamps, which `selectPart` makes Dates again by the row schema.
 */
export async function selectTogether<P extends Record<string, SelectPart<unknown>>>(
  db: Queryable,
  parts: P,
  parameters: unknown[],
): Promise<{ [K in keyof P]: PartValues<P[K]> }> {
  const names = Object.keys(parts);
  if (names.length === 0) throw new Error('selectTogether needs at least one part');
  for (const name of names) if (!PART_NAME.test(name)) throw new Error(`part name "${name}" is not a plain identifier`);
  const sql = `SELECT ${names
    .map((name) => `(SELECT coalesce(json_agg(p ORDER BY ${parts[name]!.order}), '[]'::json) FROM (${parts[name]!.sql}) p) AS "${name}"`)
    .join(',\n       ')}`;
  const row = await selectRow(db, PartsRow, sql, parameters);
  if (!row) throw new RowShapeError(sql, 'the statement gave no row');
  return Object.fromEntries(names.map((name) => [name, parts[name]!.rows(row[name])])) as { [K in keyof P]: PartValues<P[K]> };
}
