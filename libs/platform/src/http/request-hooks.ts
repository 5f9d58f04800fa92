import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { loggableUrl } from './loggable-url';
import { Logger, ServiceMetrics, childContext, formatTraceparent, parseTraceparent, runInTrace } from '@cs/observability';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestId(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && REQUEST_ID.test(value) ? value : randomUUID();
}

/**
 * Every request runs inside a trace (continued from an incoming `traceparent`, else new),
 * answers with its request id, is logged once when it completes (route and masked query, never
 * personal values) and is timed for Prometheus.
 */
export function installRequestHooks(fastify: FastifyInstance, logger: Logger, metrics: ServiceMetrics): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    const trace = childContext(parseTraceparent(request.headers.traceparent as string | undefined));
    void reply.header('x-request-id', request.id).header('traceparent', formatTraceparent(trace));
    runInTrace(trace, () => done());
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const seconds = reply.elapsedTime / 1000;
    metrics.httpRequestDuration.observe({ method: request.method, route, status: String(reply.statusCode) }, seconds);
    if (!route.startsWith('/health') && route !== '/metrics') {
      logger.info(
        { reqId: request.id, method: request.method, route, url: loggableUrl(request.url), status: reply.statusCode, ms: Math.round(seconds * 1000) },
        'request completed',
      );
    }
    done();
  });
}
