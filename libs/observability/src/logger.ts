import pino, { Logger } from 'pino';
import { currentTrace } from './trace-context';

export type { Logger } from 'pino';

/**
 * JSON logs on stdout, one object a line, each stamped with the service and, when there is
 * one, the trace and span ids of the work in progress.
 */
export function createLogger(service: string, level = 'info'): Logger {
  return pino({
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin() {
      const trace = currentTrace();
      return trace ? { traceId: trace.traceId, spanId: trace.spanId } : {};
    },
    redact: {
      paths: ['req.headers.authorization', 'headers.authorization', '*.phone', '*.email'],
      censor: '[redacted]',
    },
  });
}
