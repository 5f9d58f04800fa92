import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { IncomingMessage } from 'node:http';
import { ConfigError, GATEWAY_SHUTDOWN_TIMEOUT_MS, GatewayConfig, loadGatewayConfig } from '@cs/config';
import type { Logger, ServiceMetrics } from '@cs/observability';
import { LOGGER, METRICS, installConnectionsAtShutdown, installCors, installMethodNotAllowed, installRequestHooks, installRequestInput, nestLogger, requestId, routerErrors } from '@cs/platform';
import { GatewayModule } from './gateway.module';
import { Draining } from './health/draining';
import { installAsyncApiPage } from './asyncapi/asyncapi-page';
import { gatewayDocument, installGatewayDocs } from './openapi/install-gateway-docs';
import { idempotencyKeysOfKnownDocument } from './routing/documented-idempotency-keys';
import { methodsOfKnownDocument } from './routing/documented-methods';
import { installProxies } from './routing/proxy';

/** The same limit as the services': the gateway must not refuse what they would take. */
const BODY_LIMIT_BYTES = 1024 * 1024;

export interface GatewayAppOptions {
  /** Swagger UI's static files need an ES-module-only dependency that in-process tests cannot load. */
  readonly swaggerUi?: boolean;
  /** The clock the merged API document ages on, in milliseconds; tests step their own. */
  readonly clock?: { now(): number };
}

export async function createGatewayApp(config: GatewayConfig, options: GatewayAppOptions = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    // Only the ingress's entry of X-Forwarded-For is believed: a client's own would choose its rate-limit bucket.
    trustProxy: config.trustedProxyHops,
    // What the router refuses before any route runs (a path Fastify cannot decode) is problem+json, as the services answer it.
    frameworkErrors: routerErrors,
    genReqId: (request: IncomingMessage) => requestId(request.headers['x-request-id']),
  });
  const app = await NestFactory.create<NestFastifyApplication>(GatewayModule.forRoot(config), adapter, { bufferLogs: true, abortOnError: false });
  const logger = app.get<Logger>(LOGGER);
  app.useLogger(nestLogger(logger));
  const fastify = app.getHttpAdapter().getInstance();
  await installCors(fastify, config.cors);
  installRequestHooks(fastify, logger, app.get<ServiceMetrics>(METRICS));
  installConnectionsAtShutdown(fastify);
  const document = gatewayDocument(app, config, options.clock);
  // Before the routes, so it learns every method the proxies forward under each prefix: a method
  // none forwards is 405 with Allow, as a service answers it, not a 404 saying the path is not there.
  // Allow names the methods the merged document gives that path, as the service's own 405 would;
  // the document is never awaited here, so a service down or slow costs the answer nothing.
  installMethodNotAllowed(fastify, { narrow: methodsOfKnownDocument(() => document.merged.known()) });
  // A write the service did not answer is invited to be sent again under its Idempotency-Key only
  // where the merged document says its operation reads the key (ADR 0115).
  await installProxies(fastify, config.upstreams, config.upstreamTimeoutMs, logger, idempotencyKeysOfKnownDocument(() => document.merged.known()));
  // The gateway's own routes (dev sign-in) take bodies as the services do: JSON only, bounded in
  // depth, text checked. After the proxies, whose contexts keep their own parsers and pass bodies on unread.
  installRequestInput(app);
  installGatewayDocs(app, document, { swaggerUi: options.swaggerUi ?? true });
  installAsyncApiPage(fastify, config.version);
  await app.init();
  return app;
}

/** Runs the gateway until SIGTERM/SIGINT: readiness turns 503, then in-flight requests finish. */
export async function runGateway(): Promise<void> {
  let config: GatewayConfig;
  try {
    config = loadGatewayConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  const app = await createGatewayApp(config);
  const logger = app.get<Logger>(LOGGER);
  await app.listen({ port: config.port, host: config.host });
  logger.info({ port: config.port, docs: `http://${config.host}:${config.port}/docs`, devTokens: config.devTokens.enabled }, 'gateway listening');
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    app.get(Draining).start();
    const force = setTimeout(() => process.exit(1), GATEWAY_SHUTDOWN_TIMEOUT_MS);
    force.unref();
    await app.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}
