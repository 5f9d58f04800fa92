import { Client } from 'pg';

/**
 * A table the soak grows to a mature size (`BENCH_SOAK_FILL_CONTACTS`): copies of the rows the
 * warm-up left in it, each copy's ids its own and its times moved back.
 */
export interface GrownTable {
  /** `schema.table`. */
  readonly table: string;
  /** Text columns holding an id as text: given the same new id as a uuid column holding it. */
  readonly textIds?: readonly string[];
  /** uuid columns naming what the fill does not copy (an incident): kept as they are. */
  readonly kept?: readonly string[];
  /**
   * Columns given SQL of their own over the template row `t` and the copy's number `g`;
   * `{shift}` stands for how far the copy's times are moved back (an interval).
   */
  readonly own?: Readonly<Record<string, string>>;
}

/** A column as the catalogue describes it. */
export interface ColumnOf {
  readonly name: string;
  /** `udt_name`: `uuid`, `timestamptz`, `text`, … */
  readonly type: string;
  /** An identity, a sequence's default or a generated column: the table gives it. */
  readonly givenByTable: boolean;
}

const SHIFT = '(g * $3::interval)';

/**
 * The same new id for an id wherever it is held, as a uuid or as text, so a copy's rows point
 * at each other (a contact at its customer, a ticket's history at the ticket, reporting's facts
 * at the ticket the tickets service holds) as the template's did.
 */
const newId = (column: string): string => `md5(t."${column}"::text || '/' || g)::uuid`;

/**
 * A closed matter, as most of a centre's older ones are: copies of tickets left open would hold
 * open-only indexes and a desk's open matters at a size no centre has. Closed three days after
 * it opened, or by the time the template opened where the copy is moved back less than that:
 * never after now.
 */
export const closedAfter = (opened: string): string => `t."${opened}" - ${SHIFT} + least(interval '3 days', ${SHIFT})`;

/** A number a copy gives itself: the template's, unique per copy by the copy's own number after it. */
const numbered = (column: string): string => `t."${column}" || '-' || g`;

/**
 * A phone's blind index of the copy's own, so no copy's caller is the template's: a hex digest,
 * as intake writes them by default. The names', e-mails' and birthdays' indexes are kept: many
 * customers share those.
 */
const blindIndex = (column: string): string => `encode(sha256(convert_to(t."${column}" || '/' || g, 'UTF8')), 'hex')`;

const INBOX: Omit<GrownTable, 'table'> = { textIds: ['event_id'] };

/**
 * What grows with every contact and stays: each service's customers, contacts, tickets, their
 * history, facts and suggestions, and every inbox (an event's id is kept for good).
 * Left out: the outboxes (published rows are kept a week), timers and other work waiting for its
 * time (a copy's would fall due during the soak), and what grows with the days rather than the
 * contacts (reporting's rollups, a day's ticket numbers). Parents come before the rows that
 * point at them.
 */
export const GROWN_TABLES: readonly GrownTable[] = [
  { table: 'intake.customers' },
  { table: 'intake.customer_phones', own: { phone_idx: blindIndex('phone_idx') } },
  { table: 'intake.customer_units' },
  { table: 'intake.contacts', own: { external_id: numbered('external_id') } },
  { table: 'intake.known_tickets', own: { number: numbered('number'), open: 'false', status: `'closed'`, next_due_at: 'NULL' } },
  { table: 'intake.inbox', ...INBOX },
  {
    table: 'tickets.tickets',
    kept: ['incident_id'],
    own: {
      number: numbered('number'),
      status: `'closed'`,
      resolved_at: closedAfter('created_at'),
      closed_at: closedAfter('created_at'),
      next_due_at: 'NULL',
    },
  },
  { table: 'tickets.ticket_contacts' },
  { table: 'tickets.ticket_history' },
  { table: 'tickets.inbox', ...INBOX },
  {
    table: 'reporting.ticket_facts',
    kept: ['incident_id'],
    own: { number: numbered('number'), resolved_at: closedAfter('opened_at'), closed_at: closedAfter('opened_at') },
  },
  { table: 'reporting.inbox', ...INBOX },
  { table: 'knowledge.ticket_suggestions', textIds: ['ticket_id'] },
  { table: 'knowledge.inbox', ...INBOX },
  { table: 'callbacks.followed_tickets', own: { number: numbered('number'), status: `'closed'` } },
  { table: 'callbacks.plan_customers' },
  { table: 'callbacks.inbox', ...INBOX },
  { table: 'notifications.inbox', ...INBOX },
];

/**
 * The columns a copy writes and the SQL of each, over the template row `t`, the copy's number
 * `g` and the interval `$3` each copy's times move back by: uuids and the text ids named get
 * new ids, times move back, the table's own numbers are left to it, the rest is the template's.
 */
export function copySelect(spec: GrownTable, columns: readonly ColumnOf[]): { names: string[]; values: string[] } {
  const names: string[] = [];
  const values: string[] = [];
  for (const column of columns) {
    if (column.givenByTable) continue;
    names.push(`"${column.name}"`);
    values.push(valueOf(spec, column));
  }
  // A misspelt name would leave a column copied as the template's: an id kept where the copies
  // needed their own, or one remapped where it names what was not copied.
  const named = [...Object.keys(spec.own ?? {}), ...(spec.kept ?? []), ...(spec.textIds ?? [])];
  const unknown = named.filter((name) => !columns.some((c) => c.name === name));
  if (unknown.length > 0) throw new Error(`${spec.table} has no column ${unknown.join(', ')} that its copy names`);
  return { names, values };
}

function valueOf(spec: GrownTable, column: ColumnOf): string {
  const own = spec.own?.[column.name];
  if (own !== undefined) return own.replaceAll('{shift}', SHIFT);
  if (spec.kept?.includes(column.name)) return `t."${column.name}"`;
  if (column.type === 'uuid') return newId(column.name);
  if (spec.textIds?.includes(column.name)) return `${newId(column.name)}::text`;
  if (column.type === 'timestamptz' || column.type === 'timestamp') return `t."${column.name}" - ${SHIFT}`;
  if (column.type === 'date') return `(t."${column.name}" - ${SHIFT})::date`;
  return `t."${column.name}"`;
}

/** What the fill did: copies of the template rows, spread back over `spanDays`, and the rows each table holds after. */
export interface Filled {
  readonly copies: number;
  readonly spanDays: number;
  readonly rows: Record<string, number>;
  /** Rows a copy would have written that a unique key already held (none is expected). */
  readonly notWritten: Record<string, number>;
  readonly sizeMiB: number;
  readonly seconds: number;
}

export interface FillSettings {
  /** Rows of `countedIn` wanted after the fill: its template rows times the copies, and the template. */
  readonly rows: number;
  /** The table whose rows `rows` counts (`intake.contacts`: contacts). */
  readonly countedIn: string;
  /** How far back the copies reach: copy g's times move back g × spanDays / copies days. */
  readonly spanDays: number;
  readonly tables?: readonly GrownTable[];
  /** Template rows times copies written per statement, at most. */
  readonly rowsPerStatement?: number;
  readonly progress?: (line: string) => void;
}

const quoted = (table: string): string =>
  table
    .split('.')
    .map((part) => `"${part}"`)
    .join('.');

/**
 * The tables grown to `rows` of `countedIn`: each table's rows as they stand are the template,
 * copied whole as many times as `countedIn`'s rows need, then vacuumed and analysed, as
 * autovacuum would have left a mature table, and checkpointed. Run on the benchmark's copy only, between the
 * warm-up and the load: nothing else writes to the template rows' tables then but the services'
 * own work on what the warm-up sent, which the soak waited for.
 */
export async function fillToMaturity(databaseUrl: string, settings: FillSettings): Promise<Filled> {
  const tables = settings.tables ?? GROWN_TABLES;
  const started = performance.now();
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows: counted } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${quoted(settings.countedIn)}`);
    const templates = Number(counted[0]!.n);
    if (templates === 0) throw new Error(`${settings.countedIn} holds no rows to copy: the fill copies what a warm-up left (BENCH_WARMUP_SECONDS)`);
    const copies = Math.max(0, Math.ceil(settings.rows / templates) - 1);
    const step = `${(settings.spanDays * 86_400) / Math.max(copies, 1)} seconds`;
    // Each table's template is taken before any is copied into: a copy's rows are not copied again.
    const prepared: { spec: GrownTable; template: string; rows: number; columns: ColumnOf[] }[] = [];
    for (const [i, spec] of tables.entries()) {
      const template = `fill_template_${i}`;
      const columns = await columnsOf(client, spec.table);
      await client.query(`CREATE TEMP TABLE ${template} AS SELECT * FROM ${quoted(spec.table)}`);
      const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${template}`);
      prepared.push({ spec, template, rows: Number(rows[0]!.n), columns });
    }
    const notWritten: Record<string, number> = {};
    // What each table holds after: its template and the copies written. Nothing else writes to these tables now.
    const held: Record<string, number> = {};
    for (const { spec, template, rows, columns } of prepared) {
      held[spec.table] = rows;
      if (rows === 0 || copies === 0) continue;
      const { names, values } = copySelect(spec, columns);
      const perStatement = Math.max(1, Math.floor((settings.rowsPerStatement ?? 50_000) / rows));
      let written = 0;
      for (let from = 1; from <= copies; from += perStatement) {
        const to = Math.min(copies, from + perStatement - 1);
        // Every statement names the shift: a table with no time column would be sent a parameter it does not use.
        const result = await client.query(
          `INSERT INTO ${quoted(spec.table)} (${names.join(', ')}) SELECT ${values.join(', ')}
             FROM ${template} t, generate_series($1::int, $2::int) g WHERE $3::interval IS NOT NULL ON CONFLICT DO NOTHING`,
          [from, to, step],
        );
        written += result.rowCount ?? 0;
      }
      held[spec.table] = rows + written;
      if (written < rows * copies) notWritten[spec.table] = rows * copies - written;
      settings.progress?.(`${spec.table}: ${rows} rows copied ${copies} times`);
    }
    for (const { spec } of prepared) await client.query(`VACUUM (ANALYZE) ${quoted(spec.table)}`);
    // A centre that has run a year has its rows written out, not a year of them waiting in the
    // WAL: left to the next checkpoint, the fill's gigabytes would be written during the load.
    await client.query('CHECKPOINT');
    const { rows: size } = await client.query<{ bytes: string }>('SELECT pg_database_size(current_database()) AS bytes');
    return {
      copies,
      spanDays: settings.spanDays,
      rows: held,
      notWritten,
      sizeMiB: Math.round(Number(size[0]!.bytes) / 1_048_576),
      seconds: Math.round((performance.now() - started) / 1000),
    };
  } finally {
    await client.end();
  }
}

async function columnsOf(client: Client, table: string): Promise<ColumnOf[]> {
  const [schema, name] = table.split('.');
  const { rows } = await client.query<{ name: string; type: string; given: boolean }>(
    `SELECT column_name AS name, udt_name AS type,
            (is_identity = 'YES' OR is_generated = 'ALWAYS' OR coalesce(column_default, '') LIKE 'nextval(%') AS given
       FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position`,
    [schema, name],
  );
  if (rows.length === 0) throw new Error(`${table}: no such table to grow`);
  return rows.map((r) => ({ name: r.name, type: r.type, givenByTable: r.given }));
}
