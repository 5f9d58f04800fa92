/**
 * The advisory lock families of the platform's libraries, each a class of the two-number key
 * (`pg_advisory_lock(classid int, objid int)`) with the name's `hashtext` as the second number.
 * Advisory locks are the whole database's, every service's schema included, and the one-number
 * form keys them all by a 32-bit `hashtext`: a relay's lock, a migration's, a gate and the
 * services' own locks of a customer or a ticket (which stay in that form) could meet on one
 * number and hold each other up. A two-number key never equals a one-number key, and a class
 * keeps each family's names among themselves. The values spell "cs" and the family, so a lock
 * seen in pg_locks (classid, objid) reads as ours.
 */
export const AdvisoryLockClass = {
  migrations: 0x6373_0001,
  provisioning: 0x6373_0002,
  transactionGate: 0x6373_0003,
  outboxRelay: 0x6373_0004,
  /** The test tiers' Redis databases, the database's number as the second number (ADR 0054). */
  testRedisPool: 0x6373_0005,
  /** A test run's preparation of its database and topics, on the run's own database (ADR 0054). */
  testRunPreparation: 0x6373_0006,
} as const;

export type AdvisoryLockFamily = keyof typeof AdvisoryLockClass;

/**
 * The two arguments of an advisory lock function for the name the SQL expression `name` gives (a
 * parameter such as `$1`, or a quoted literal) in `family`: `pg_try_advisory_xact_lock(${advisoryLockKey('outboxRelay', '$1')})`.
 */
export function advisoryLockKey(family: AdvisoryLockFamily, name: string): string {
  return `${AdvisoryLockClass[family]}, hashtext(${name})`;
}
