import { execute, type Queryable } from './typed-query';

/** Gives a value its placeholder (`$n`) in the parameter list of the statement being built. */
export type Bind = (value: unknown) => string;

/**
 * One data-modifying statement among several sent as one: an INSERT, UPDATE or DELETE without a
 * WITH of its own (Postgres takes data-modifying WITH only at the top level), built when the
 * combined statement is, each value placed with `bind`.
 */
export type WritePart = (bind: Bind) => string;

const DATA_MODIFYING = /^\s*(?:INSERT|UPDATE|DELETE)\b/i;

/**
 * Several writes in one statement: every part but the last as a data-modifying WITH, the last as
 * the statement itself. A transaction's closing writes (a new customer, its contact, their
 * events) each paid a round trip — the socket write and the backend's wake-up on both sides,
 * most of what a small insert costs — so they share one.
 *
 * As Postgres runs such a statement, every part reads the tables as the statement began (none
 * reads another's rows) and foreign keys are checked at its end, so one part may insert rows that
 * refer to rows another inserts. A key two parts insert is a unique violation, `ON CONFLICT`
 * notwithstanding: it resolves conflicts with rows already there, not with the statement's own.
 * Parts must not change the same row: of two UPDATEs of one row, only one takes effect.
 *
 * A part given as undefined has nothing to write (a batch's builder given no rows) and is left
 * out; with none left, nothing is sent. `send` sends the statement (`sendAhead` for writes whose
 * failure the commit may tell).
 */
export async function writeTogether<D extends Queryable>(
  db: D,
  parts: readonly (WritePart | undefined)[],
  send: (db: D, sql: string, parameters: unknown[]) => Promise<void> = execute,
): Promise<void> {
  const present = parts.filter((part): part is WritePart => part !== undefined);
  if (present.length === 0) return;
  const parameters: unknown[] = [];
  const bind: Bind = (value) => `$${parameters.push(value)}`;
  const statements = present.map((part) => part(bind));
  for (const statement of statements) {
    if (!DATA_MODIFYING.test(statement)) throw new Error(`a written part must be one INSERT, UPDATE or DELETE: "${statement.trim().slice(0, 60)}"`);
  }
  const last = statements.length - 1;
  const sql = last === 0 ? statements[0]! : `WITH ${statements.slice(0, last).map((s, i) => `w${i} AS (${s})`).join(',\n')}\n${statements[last]}`;
  await send(db, sql, parameters);
}
