/** SQLSTATE unique_violation. */
const UNIQUE_VIOLATION = '23505';

/**
 * Whether `error` is Postgres refusing a row for the unique index or constraint `name`, as the
 * driver reports it or as TypeORM wraps it (`driverError`): the answer to a race that a check
 * before the write cannot close, such as two deliveries of one message at the same moment.
 */
export function isUniqueViolation(error: unknown, name: string): boolean {
  const reported = typeof error === 'object' && error !== null && 'driverError' in error ? error.driverError : error;
  return (
    typeof reported === 'object' &&
    reported !== null &&
    'code' in reported &&
    reported.code === UNIQUE_VIOLATION &&
    'constraint' in reported &&
    reported.constraint === name
  );
}
