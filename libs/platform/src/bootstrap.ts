import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { IncomingMessage } from 'node:http';
import type { LoggerService, Type } from '@nestjs/common';
import { SERVICE_SHUTDOWN_TIMEOUT_MS, SERVICE_TRUSTED_PROXY_HOPS, type ServiceConfig, readEnvironment } from '@cs/config';
import type { Logger, ServiceMetrics } from '@cs/observability';
import { ReadinessProbe } from './health/readiness';
import { installOpenApi } from './http/openapi/install-openapi';
import { installAsyncApi } from './http/asyncapi';
import { installMethodNotAllowed } from './http/method-not-allowed';
import { installRequestHooks, requestId } from './http/request-hooks';
import { installConnectionsAtShutdown } from './http/connections-at-shutdown';
import { assertProjectScopingDeclared } from './http/project-scoping-check';
import { assertRouteInterceptors, attachRouteInterceptors } from './http/route-interceptors';
import { installRequestInput } from './http/request-input';
import { MAX_PATH_PARAM_LENGTH, routerErrors } from './http/router-errors';
import { installCors } from './http/cors';
import { startEventTransport } from './messaging/event-transport';
import { KafkaInboxTransport } from './messaging/kafka-inbox.transport';
import { LOGGER, METRICS, SERVICE_CONFIG } from './tokens';

const BODY_LIMIT_BYTES = 1024 * 1024;

/** Nest's own log lines go to the same JSON log as everything else. */
export function nestLogger(logger: Logger): LoggerService {
  return {
    log: (message: unknown, context?: string) => logger.debug({ context }, String(message)),
    error: (message: unknown, trace?: string, context?: string) => logger.error({ context, trace }, String(message)),
    warn: (message: unknown, context?: string) => logger.warn({ context }, String(message)),
    debug: (message: unknown, context?: string) => logger.debug({ context }, String(message)),
    verbose: (message: unknown, context?: string) => logger.trace({ context }, String(message)),
  };
}

/**
 * The HTTP server a service runs on, given how many proxies stand in front of it
 * (TRUSTED_PROXY_HOPS): a test of what a route keys on the client's address builds its app on it.
 */
export function serviceHttpAdapter(trustedProxyHops: number): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    // Only the ingress's or gateway's entry of X-Forwarded-For is believed: a client's own would choose its rate-limit bucket.
    trustProxy: trustedProxyHops,
    // Fastify 5 reads router settings here; given at the top level they still work but warn at every start.
    routerOptions: { maxParamLength: MAX_PATH_PARAM_LENGTH },
    frameworkErrors: routerErrors,
    genReqId: (request: IncomingMessage) => requestId(request.headers['x-request-id']),
  });
}

/**
 * Builds a service's application: HTTP routes (not listening yet) and the `@EventPattern`
 * handlers, served from its consumer group by the event transport.
 */
export async function createServiceApp(rootModule: Type<unknown>): Promise<NestFastifyApplication> {
  // Read before the configuration is, which the application's providers load.
  const adapter = serviceHttpAdapter(readEnvironment().TRUSTED_PROXY_HOPS ?? SERVICE_TRUSTED_PROXY_HOPS);
  await attachRouteInterceptors(rootModule);
  const app = await NestFactory.create<NestFastifyApplication>(rootModule, adapter, {
    bufferLogs: true,
    abortOnError: false,
    // Webhook signatures cover the body bytes as sent.
    rawBody: true,
  });
  const logger = app.get<Logger>(LOGGER);
  const config = app.get<ServiceConfig>(SERVICE_CONFIG);
  app.useLogger(nestLogger(logger));
  installRequestInput(app);
  await installCors(app.getHttpAdapter().getInstance(), config.cors);
  installRequestHooks(app.getHttpAdapter().getInstance(), logger, app.get<ServiceMetrics>(METRICS));
  installConnectionsAtShutdown(app.getHttpAdapter().getInstance());
  installMethodNotAllowed(app.getHttpAdapter().getInstance());
  assertProjectScopingDeclared(app);
  assertRouteInterceptors(app);
  installOpenApi(app, config.service, config.version);
  installAsyncApi(app.getHttpAdapter().getInstance(), config.service, config.version);
  await app.init();
  await startEventTransport(app, app.get(KafkaInboxTransport));
  return app;
}

/**
 * Runs a service until SIGTERM/SIGINT, then shuts down in order: readiness turns 503, the
 * HTTP server stops accepting and finishes in-flight requests, consumers finish the message
 * in hand and commit offsets, the relay finishes its batch, and connections close.
 */
export async function runService(rootModule: Type<unknown>): Promise<void> {
  const app = await createServiceApp(rootModule);
  const logger = app.get<Logger>(LOGGER);
  const config = app.get<ServiceConfig>(SERVICE_CONFIG);
  await app.listen({ port: config.port, host: config.host });
  logger.info({ port: config.port, docs: `http://${config.host}:${config.port}/docs` }, `${config.service} listening`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    app.get(ReadinessProbe).drain();
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, SERVICE_SHUTDOWN_TIMEOUT_MS);
    force.unref();
    try {
      await app.close();
      logger.info('shut down cleanly');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}
