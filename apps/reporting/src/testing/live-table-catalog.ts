import type { DataSource } from 'typeorm';
import { LIVE_TABLES } from '../infrastructure/projection-tables';

/**
 * The read model's live tables as migrations know them, in the data source's schema: each
 * index, constraint and statistics object as `table: name`, and each index's definition.
 */
export async function liveTableCatalog(dataSource: DataSource): Promise<{ names: string[]; indexes: string[] }> {
  const tables = Object.values(LIVE_TABLES);
  const names = (await dataSource.query(
    `SELECT c.relname || ': ' || i.relname AS name FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid
      WHERE c.relname = ANY($1) AND c.relnamespace = current_schema()::regnamespace
     UNION ALL SELECT c.relname || ': ' || k.conname FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
      WHERE c.relname = ANY($1) AND c.relnamespace = current_schema()::regnamespace
     UNION ALL SELECT c.relname || ': ' || s.stxname FROM pg_statistic_ext s JOIN pg_class c ON c.oid = s.stxrelid
      WHERE c.relname = ANY($1) AND c.relnamespace = current_schema()::regnamespace
     ORDER BY 1`,
    [tables],
  )) as { name: string }[];
  const indexes = (await dataSource.query(`SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ANY($1) ORDER BY 1`, [tables])) as {
    indexdef: string;
  }[];
  return { names: names.map((r) => r.name), indexes: indexes.map((r) => r.indexdef) };
}
