import pino, { Logger } from 'pino';
import { currentTrace } from './trace-context';

export type { Logger } from 'pino';

/**
 * Fields of a logged error that may hold personal data or free text in clear: a failed
 * statement's parameters (TypeORM's QueryFailedError), and Postgres's `detail`, which names the
 * values of a violated key or the whole failing row — on the error and on its `driverError` or
 * `cause`.
 */
/** Where a logged error keeps what a failed statement was given and Postgres's row details; logged as `err` or as `error`. */
const ERROR_KEYS = ['err', 'error'] as const;
const ERROR_VALUES = ERROR_KEYS.flatMap((key) => [`${key}.parameters`, `${key}.detail`, `${key}.*.parameters`, `${key}.*.detail`]);

/** A customer's personal fields, by the names the code gives them: censored at a log line's top and up to two levels below it. */
const PERSONAL_FIELDS = ['phone', 'phones', 'email', 'emails', 'birthDate', 'address', 'idNumber'] as const;
const PERSONAL_VALUES = PERSONAL_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]);

export interface LoggerOptions {
  /**
   * Applied to a logged error's message and stack. Messages quote what failed: Postgres's
   * `invalid input syntax for type uuid: "13812345678"`, a handler's own words. The services pass
   * the personal-data redaction (`@cs/privacy`, which this library may not depend on).
   */
  readonly redactText?: (text: string) => string;
}

const serializeError = pino.stdSerializers.err;

/**
 * pino's error serializer, with every message and stack in what it gives passed through
 * `redactText`: the error's own (a cause's words are written into them) and those of the errors it
 * carries as fields (TypeORM's `driverError`, an AggregateError's `aggregateErrors`), which pino
 * copies as they are. A string logged as the error is redacted whole.
 */
function redactedErrors(redactText: (text: string) => string): (error: unknown) => unknown {
  const redact = (value: unknown, depth: number): unknown => {
    if (Array.isArray(value)) return depth > 0 ? value.map((item) => redact(item, depth - 1)) : value;
    if (typeof value !== 'object' || value === null) return value;
    const fields: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) {
      fields[key] = typeof field === 'string' && (key === 'message' || key === 'stack') ? redactText(field) : depth > 0 ? redact(field, depth - 1) : field;
    }
    return fields;
  };
  return (error) => (typeof error === 'string' ? redactText(error) : redact(serializeError(error as Error), 4));
}

/**
 * JSON logs on stdout, one object a line, each stamped with the service and, when there is
 * one, the trace and span ids of the work in progress. Written asynchronously: a synchronous
 * write per request line held the event loop for a fifth of intake's time under load. pino
 * flushes what is buffered when the process exits, whichever way it exits.
 */
export function createLogger(service: string, level = 'info', destination?: pino.DestinationStream, logging: LoggerOptions = {}): Logger {
  const { redactText } = logging;
  const options: pino.LoggerOptions = {
    ...(redactText ? { serializers: Object.fromEntries(ERROR_KEYS.map((key) => [key, redactedErrors(redactText)])) } : {}),
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin() {
      const trace = currentTrace();
      return trace ? { traceId: trace.traceId, spanId: trace.spanId } : {};
    },
    redact: {
      paths: ['req.headers.authorization', 'headers.authorization', ...PERSONAL_VALUES, ...ERROR_VALUES],
      censor: '[redacted]',
    },
  };
  if (destination) return pino(options, destination);
  return level === 'silent' ? pino(options) : pino(options, pino.destination({ dest: 1, sync: false }));
}
