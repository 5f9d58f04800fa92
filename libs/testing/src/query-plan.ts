import type { DataSource } from 'typeorm';

export interface RecordedStatement {
  readonly sql: string;
  readonly parameters: unknown[];
}

/**
 * A queryable that runs each statement on the data source and keeps it, for a test to read the
 * statements a repository wrote. Typed loosely, as repositories take an EntityManager or a Queryable.
 */
export function recordingQueries(dataSource: DataSource): { readonly db: { query(sql: string, parameters?: unknown[]): Promise<unknown> }; readonly statements: RecordedStatement[] } {
  const statements: RecordedStatement[] = [];
  return {
    statements,
    db: {
      query: (sql: string, parameters: unknown[] = []) => {
        statements.push({ sql, parameters });
        return dataSource.query(sql, parameters);
      },
    },
  };
}

/**
 * The plan Postgres makes for the statement, without running it, with sequential scans off: a
 * test's handful of rows would otherwise rightly be read whole, and the plan would say nothing of
 * the index a large table is read by. `generic`: the plan of the statement prepared, as a
 * service's connections send a frequent one (ADR 0045) and Postgres plans it once its custom
 * plans cost no less, for no values in particular: a value only a custom plan folds in (a
 * parameter cast in a FROM item) cannot choose an index there. `withoutSorts`: sorts priced out
 * too, for a page asked of an index in its order, which a handful of rows would rightly be sorted
 * for instead.
 */
export async function planWithoutSequentialScans(
  dataSource: DataSource,
  statement: RecordedStatement,
  { generic = false, withoutSorts = false }: { generic?: boolean; withoutSorts?: boolean } = {},
): Promise<string> {
  const settings = ['enable_seqscan = off', ...(withoutSorts ? ['enable_sort = off'] : [])];
  // A generic plan is made for no values: the parameters are given none.
  const rows = (await explained(dataSource, statement, 'COSTS OFF', settings, generic ? () => 'NULL' : undefined)) as { 'QUERY PLAN': string }[];
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}

/**
 * `EXPLAIN (<options>)` of the statement in a transaction rolled back, after `settings` (each a
 * `SET LOCAL`), so a statement that writes (under ANALYZE) leaves nothing. With `genericArgument`:
 * of the statement prepared and planned generic, as a service's connections end up running a
 * frequent one (ADR 0045), EXECUTE given that argument for each parameter (it takes no bound ones).
 */
async function explained(
  dataSource: DataSource,
  statement: RecordedStatement,
  options: string,
  settings: readonly string[],
  genericArgument: ((value: unknown) => string) | undefined,
): Promise<unknown[]> {
  const runner = dataSource.createQueryRunner();
  let prepared = false;
  try {
    await runner.startTransaction();
    for (const setting of settings) await runner.query(`SET LOCAL ${setting}`);
    if (genericArgument) {
      await runner.query('SET LOCAL plan_cache_mode = force_generic_plan');
      await runner.query(`PREPARE explained_generic AS ${statement.sql}`);
      prepared = true;
    }
    return (
      genericArgument
        ? await runner.query(`EXPLAIN (${options}) EXECUTE explained_generic(${statement.parameters.map(genericArgument).join(', ')})`)
        : await runner.query(`EXPLAIN (${options}) ${statement.sql}`, statement.parameters)
    ) as unknown[];
  } finally {
    await runner.rollbackTransaction();
    // A prepared statement outlives the transaction, on a connection the pool hands out again
    // (with the statements the pool's client prepared, which stay).
    if (prepared) await runner.query('DEALLOCATE explained_generic');
    await runner.release();
  }
}

/** A node of `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)`, as far as counting its buffers and rows goes. */
interface AnalyzedNode {
  readonly 'Node Type': string;
  readonly 'Parent Relationship'?: string;
  readonly 'Relation Name'?: string;
  readonly 'Actual Rows': number;
  readonly 'Actual Loops': number;
  readonly 'Rows Removed by Filter'?: number;
  readonly 'Rows Removed by Index Recheck'?: number;
  readonly 'Shared Hit Blocks': number;
  readonly 'Shared Read Blocks': number;
  readonly Plans?: readonly AnalyzedNode[];
}

/** The statement's plan as run with its parameters (`generic`: its prepared statement's generic plan). */
async function analyzedPlan(dataSource: DataSource, statement: RecordedStatement, generic: boolean): Promise<AnalyzedNode> {
  const [row] = (await explained(dataSource, statement, 'ANALYZE, BUFFERS, COSTS OFF, TIMING OFF, FORMAT JSON', [], generic ? literal : undefined)) as [
    { 'QUERY PLAN': [{ Plan: AnalyzedNode }] },
  ];
  return row['QUERY PLAN'][0].Plan;
}

/**
 * The shared buffers the statement reads (hit or read) when run with its parameters. Buffers, not
 * time: the count does not vary with the machine's load.
 */
export async function buffersRead(dataSource: DataSource, statement: RecordedStatement, { generic = false }: { generic?: boolean } = {}): Promise<number> {
  const plan = await analyzedPlan(dataSource, statement, generic);
  return blocks(plan) + initPlanBlocks(plan);
}

/**
 * About how many rows of `relation` the statement's scans visit when run with its parameters,
 * those a filter or a lossy bitmap's recheck threw away included: what it reads of a table
 * whatever the table's pages hold, for a test to tell lookups from a read of the whole table.
 * About: Postgres gives a node's rows as a mean per loop, rounded, so a count over many loops is
 * off by up to half their number.
 */
export async function rowsScanned(dataSource: DataSource, statement: RecordedStatement, relation: string, { generic = false }: { generic?: boolean } = {}): Promise<number> {
  const scans = (node: AnalyzedNode) => node['Relation Name'] === relation && node['Node Type'].endsWith('Scan');
  const visited = (node: AnalyzedNode): number =>
    (scans(node) ? (node['Actual Rows'] + (node['Rows Removed by Filter'] ?? 0) + (node['Rows Removed by Index Recheck'] ?? 0)) * node['Actual Loops'] : 0) +
    (node.Plans ?? []).reduce((sum, child) => sum + visited(child), 0);
  return visited(await analyzedPlan(dataSource, statement, generic));
}

/** A parameter written in the statement (EXECUTE takes no bound parameters), its type the prepared statement's. */
function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  const text = Array.isArray(value) ? arrayText(value) : String(value);
  return `'${text.replace(/'/g, "''")}'`;
}

/** An array as Postgres reads one in text (`{"P001","P002"}`), each element quoted, a missing one NULL. */
function arrayText(values: readonly unknown[]): string {
  return `{${values.map((v) => (v === null || v === undefined ? 'NULL' : `"${String(v).replace(/[\\"]/g, '\\$&')}"`)).join(',')}}`;
}

function blocks(node: AnalyzedNode): number {
  return node['Shared Hit Blocks'] + node['Shared Read Blocks'];
}

/** A node's count holds its children's but not its init plans' and subplans' (a data-modifying CTE among them): those are added. */
function initPlanBlocks(node: AnalyzedNode): number {
  return (node.Plans ?? []).reduce((sum, child) => sum + (child['Parent Relationship'] === 'InitPlan' || child['Parent Relationship'] === 'SubPlan' ? blocks(child) : 0) + initPlanBlocks(child), 0);
}
