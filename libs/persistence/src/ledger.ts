import { Type } from '@sinclair/typebox';
import { Queryable, selectRow } from './typed-query';

/**
 * A table counted by appending: each change adds a row (`folded` false) instead of updating the
 * one row of its key, so writers never wait on a busy key's row lock; reads sum a key's rows.
 */
export interface Ledger {
  readonly table: string;
  readonly keys: readonly string[];
  /** Columns added up; a key whose sums are all zero is dropped when folded. */
  readonly sums: readonly string[];
  /** Columns of which the greatest is kept. */
  readonly greatest?: readonly string[];
}

const FoldedRow = Type.Object({ keys: Type.Integer() });

/**
 * Folds up to `limit` keys of a ledger: their rows are replaced by one row holding their sums, or
 * by none when they are zero. Rows appended meanwhile are not in the statement's snapshot and stay
 * for the next fold, so folding never loses or doubles a difference, even on two replicas at once.
 * Returns how many keys were folded.
 */
export async function foldLedger(db: Queryable, ledger: Ledger, limit: number): Promise<number> {
  const keys = ledger.keys.join(', ');
  const greatest = ledger.greatest ?? [];
  const kept = [...ledger.sums.map((c) => `sum(${c})`), ...greatest.map((c) => `max(${c})`)];
  const row = await selectRow(
    db,
    FoldedRow,
    `WITH keys AS (
       SELECT DISTINCT ${keys} FROM ${ledger.table} WHERE NOT folded LIMIT $1
     ), gone AS (
       DELETE FROM ${ledger.table} r USING keys k WHERE ${ledger.keys.map((c) => `r.${c} = k.${c}`).join(' AND ')}
       RETURNING r.*
     ), kept AS (
       INSERT INTO ${ledger.table} (${keys}, ${[...ledger.sums, ...greatest].join(', ')}, folded)
       SELECT ${keys}, ${kept.join(', ')}, true FROM gone GROUP BY ${keys}
       HAVING ${ledger.sums.map((c) => `sum(${c}) <> 0`).join(' OR ')}
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM keys)::int AS keys`,
    [limit],
  );
  return row?.keys ?? 0;
}
