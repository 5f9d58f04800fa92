import { QUERY_READ_TIMEOUT } from '@cs/persistence';

/**
 * Whether an error means a dependency (Postgres, Redis, Kafka, the key set) could not be
 * reached or dropped the connection, rather than that the request or the code was wrong: the
 * answer is then 503 with Retry-After, which a client may retry, never a 500.
 */

/** Socket-level failures Node reports, whichever client met them. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND']);

/**
 * Postgres SQLSTATEs that pass by themselves, as the server is not there or not able now: class
 * 08 (connection exception), 57P01–57P03 (admin/crash shutdown, cannot connect now), class 53
 * (insufficient resources: too many connections, disk full, out of memory), 25006 (a read-only
 * transaction: the demoted primary or a standby not yet promoted during a failover), 40P01 and
 * 40001 (a deadlock or a serialization failure: the same statement succeeds when run again).
 * Left out: 57014 (a statement cancelled or timed out), which the same statement meets again.
 */
function isUnavailablePostgresState(code: string): boolean {
  return /^(08|53)/.test(code) || ['57P01', '57P02', '57P03', '25006', '40P01', '40001'].includes(code);
}

/** Messages of pg's pool and node-redis when the connection is gone or stopped answering; they carry no code. */
const CONNECTION_MESSAGES = [
  QUERY_READ_TIMEOUT,
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
  /The client is closed/i,
  /Socket closed unexpectedly/i,
  /Connection timeout/i,
];

/** Error classes of the clients that mean "not reachable now". */
const UNAVAILABLE_NAMES = new Set([
  'ConnectionTimeoutError',
  'ClientClosedError',
  'ClientOfflineError',
  // node-redis, for the commands waiting on a connection closed because it stopped answering.
  'DisconnectsClientError',
  'SocketClosedUnexpectedlyError',
  'KafkaJSConnectionError',
  'KafkaJSNumberOfRetriesExceeded',
  'KafkaJSRequestTimeoutError',
  'KeySetUnavailableError',
]);

/** The error's class name; '' for an object of no class (`Object.create(null)`), whose `constructor` is undefined. */
function classOf(error: object): string {
  const { constructor } = error as { constructor?: { name?: unknown } };
  return typeof constructor?.name === 'string' ? constructor.name : '';
}

function describesUnavailability(error: object): boolean {
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  if (code && (NETWORK_CODES.has(code) || isUnavailablePostgresState(code))) return true;
  const name = 'name' in error && typeof error.name === 'string' ? error.name : '';
  if (UNAVAILABLE_NAMES.has(name) || UNAVAILABLE_NAMES.has(classOf(error))) return true;
  const message = 'message' in error && typeof error.message === 'string' ? error.message : '';
  return CONNECTION_MESSAGES.some((pattern) => pattern.test(message));
}

/** Looks through `cause`, TypeORM's `driverError` and AggregateError's `errors` (a refused dual-stack connect). */
export function isDependencyFailure(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  if (describesUnavailability(error)) return true;
  const nested = [
    'cause' in error ? error.cause : undefined,
    'driverError' in error ? error.driverError : undefined,
    ...('errors' in error && Array.isArray(error.errors) ? error.errors : []),
  ];
  return nested.some((inner) => isDependencyFailure(inner, depth + 1));
}

/** Seconds a client should wait before retrying a request refused for an unavailable dependency. */
export const DEPENDENCY_RETRY_AFTER_SECONDS = 5;
