/** SQLSTATE unique_violation. */
const UNIQUE_VIOLATION = '23505';

/** SQLSTATE in_failed_sql_transaction: a statement of a transaction an earlier failure aborted. */
export const IN_FAILED_SQL_TRANSACTION = '25P02';

/** What Postgres reported for a failed statement: the driver's error, unwrapped from TypeORM's (`driverError`) when wrapped. */
function reportedByDriver(error: unknown): object | undefined {
  const reported = typeof error === 'object' && error !== null && 'driverError' in error ? error.driverError : error;
  return typeof reported === 'object' && reported !== null ? reported : undefined;
}

/** The SQLSTATE (`code`) of a failed statement, as the driver reports it or as TypeORM wraps it. */
export function sqlStateOf(error: unknown): unknown {
  const reported = reportedByDriver(error);
  return reported && 'code' in reported ? reported.code : undefined;
}

/**
 * Whether `error` is Postgres refusing a row for the unique index or constraint `name`, as the
 * driver reports it or as TypeORM wraps it (`driverError`): the answer to a race that a check
 * before the write cannot close, such as two deliveries of one message at the same moment.
 */
export function isUniqueViolation(error: unknown, name: string): boolean {
  const reported = reportedByDriver(error);
  return sqlStateOf(error) === UNIQUE_VIOLATION && reported !== undefined && 'constraint' in reported && reported.constraint === name;
}
