import type { DataSource } from 'typeorm';

/**
 * Moves the serial behind `table`.`column` so the numbers it gives next sit just below the next
 * power of ten above any it gave (…94, 95, then 100, 101): a test of what is ordered or paged by
 * that number crosses a digit boundary whatever ran before it, where ordering the number as text
 * goes wrong (9 before 12).
 */
export async function serialBelowDigitBoundary(dataSource: DataSource, table: string, column: string): Promise<void> {
  await dataSource.query(
    `SELECT setval(pg_get_serial_sequence($1, $2),
                   (10 ^ (length(coalesce(pg_sequence_last_value(pg_get_serial_sequence($1, $2)::regclass), 1)::text) + 1))::bigint - 6)`,
    [table, column],
  );
}
