import type { DataSource, MigrationInterface } from 'typeorm';
import { SERVICE_NAMES, ServiceName } from '@cs/config';
import { throwawaySchema } from '@cs/testing';
import { MIGRATIONS as callbacks } from '../../apps/callbacks/src/infrastructure/migrations';
import { MIGRATIONS as intake } from '../../apps/intake/src/infrastructure/migrations';
import { MIGRATIONS as knowledge } from '../../apps/knowledge/src/infrastructure/migrations';
import { MIGRATIONS as notifications } from '../../apps/notifications/src/infrastructure/migrations';
import { MIGRATIONS as reporting } from '../../apps/reporting/src/infrastructure/migrations';
import { MIGRATIONS as tickets } from '../../apps/tickets/src/infrastructure/migrations';

const MIGRATIONS: Record<ServiceName, readonly (new () => MigrationInterface)[]> = { intake, tickets, callbacks, knowledge, reporting, notifications };

/**
 * Migrations that shipped before online migrations (ADR 0064) and, in their transaction, build or
 * drop an index of a table an earlier migration made: each holds the table's writes (or queues
 * them) for that where a schema applies it. No migration joins them.
 */
const IN_A_TRANSACTION: Record<ServiceName, readonly string[]> = {
  intake: ['ProjectScopedRegistry1764300000000', 'AgentDesk1764515000000', 'Birthdays1764600000000'],
  tickets: [
    'TicketContacts1764100000000',
    'TicketLifecycle1764400000000',
    'OfficialHolidays1764500000000',
    'TicketQueues1764700000000',
    'CalendarPublications1764720000000',
    'Incidents1764740000000',
    'TicketMerges1764750000000',
  ],
  callbacks: [],
  knowledge: ['ItemDemandByProject1764300000000'],
  reporting: ['KpiProjections1764100000000', 'IncidentFacts1764500000000', 'TicketRollups1764800000000', 'ReportReads1764900000000'],
  notifications: ['OutboundMessages1764600000000'],
};

/**
 * Plain btree indexes whose key columns lead another btree index of the same table, with the
 * same operator classes, collations and sort orders and the same condition: every read the first
 * serves, the second serves too, and each write keeps both. An index with INCLUDE columns or
 * expressions is left out (the other may not carry what it carries).
 */
const REDUNDANT = `
  SELECT t.relname AS "table", ia.relname AS "index", ib.relname AS "coveredBy"
    FROM pg_index a
    JOIN pg_index b ON b.indrelid = a.indrelid AND b.indexrelid <> a.indexrelid
    JOIN pg_class t ON t.oid = a.indrelid
    JOIN pg_class ia ON ia.oid = a.indexrelid
    JOIN pg_class ib ON ib.oid = b.indexrelid
    JOIN pg_am ama ON ama.oid = ia.relam
    JOIN pg_am amb ON amb.oid = ib.relam
   WHERE t.relnamespace = $1::regnamespace
     AND ama.amname = 'btree' AND amb.amname = 'btree'
     AND NOT a.indisunique
     AND a.indnatts = a.indnkeyatts AND b.indnkeyatts >= a.indnkeyatts
     AND a.indexprs IS NULL AND b.indexprs IS NULL
     AND pg_get_expr(a.indpred, a.indrelid) IS NOT DISTINCT FROM pg_get_expr(b.indpred, b.indrelid)
     AND (b.indkey::text || ' ') LIKE (a.indkey::text || ' %')
     AND (b.indclass::text || ' ') LIKE (a.indclass::text || ' %')
     AND (b.indcollation::text || ' ') LIKE (a.indcollation::text || ' %')
     AND (b.indoption::text || ' ') LIKE (a.indoption::text || ' %')
   ORDER BY 1, 2`;

/**
 * Every table of the schema, with each of its indexes and the file holding it (new when the index
 * is built, rebuilt or reindexed), or alone (`index` null).
 */
const TABLES_AND_INDEXES = `
  SELECT t.relname AS "table", i.relname AS "index", pg_relation_filenode(i.oid)::text AS file
    FROM pg_class t
    LEFT JOIN pg_index x ON x.indrelid = t.oid
    LEFT JOIN pg_class i ON i.oid = x.indexrelid
   WHERE t.relnamespace = $1::regnamespace AND t.relkind IN ('r', 'p')`;

describe.each(SERVICE_NAMES)('the %s schema', (service) => {
  it('has no index that another index of its table already covers', async () => {
    const db = await throwawaySchema(`indexes_${service}`, [...MIGRATIONS[service]]);
    try {
      expect(await db.dataSource.query(REDUNDANT, [db.schema])).toEqual([]);
    } finally {
      await db.drop();
    }
  });

  it('builds and drops the indexes of a table an earlier migration made only in online migrations (ADR 0064)', async () => {
    const db = await throwawaySchema(`online_${service}`, []);
    try {
      const inTransaction: string[] = [];
      for (const Migration of MIGRATIONS[service]) {
        const migration = new Migration();
        const before = await tablesAndIndexes(db.dataSource, db.schema);
        await applied(db.dataSource, migration);
        const after = await tablesAndIndexes(db.dataSource, db.schema);
        const built = [...after.indexes].filter(([key, file]) => before.indexes.get(key) !== file && before.tables.has(tableOf(key))).map(([key]) => key);
        const dropped = [...before.indexes.keys()].filter((key) => !after.indexes.has(key) && after.tables.has(tableOf(key)));
        if (built.length + dropped.length > 0 && migration.transaction !== false) inTransaction.push(migration.name ?? Migration.name);
      }
      expect(inTransaction).toEqual(IN_A_TRANSACTION[service]);
    } finally {
      await db.drop();
    }
  });
});

/** The table of a `table.index` key. */
function tableOf(key: string): string {
  return key.slice(0, key.indexOf('.'));
}

/** The schema's tables, and the file of every index by `table.index`. */
async function tablesAndIndexes(dataSource: DataSource, schema: string): Promise<{ tables: Set<string>; indexes: Map<string, string> }> {
  const rows = (await dataSource.query(TABLES_AND_INDEXES, [schema])) as { table: string; index: string | null; file: string | null }[];
  return {
    tables: new Set(rows.map((row) => row.table)),
    indexes: new Map(rows.flatMap((row) => (row.index === null ? [] : [[`${row.table}.${row.index}`, row.file ?? '']] as const))),
  };
}

/** Runs a migration's `up` as the migration runner would: in a transaction unless it says otherwise. */
async function applied(dataSource: DataSource, migration: MigrationInterface): Promise<void> {
  const runner = dataSource.createQueryRunner();
  try {
    if (migration.transaction === false) {
      await migration.up(runner);
      return;
    }
    await runner.startTransaction();
    await migration.up(runner);
    await runner.commitTransaction();
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.release();
  }
}
