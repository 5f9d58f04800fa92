import type { FastifyInstance } from 'fastify';
import type { ServiceName } from '@cs/config';
import { EVENT_CATALOG, TOPICS, buildAsyncApiDocument } from '@cs/contracts';

/** The AsyncAPI document of the events one service publishes: those on its own topic. */
export function serviceAsyncApiDocument(service: ServiceName, version: string): Record<string, unknown> {
  return buildAsyncApiDocument(
    version,
    EVENT_CATALOG.filter((d) => d.topic === TOPICS[service]),
  );
}

/**
 * `GET /asyncapi.json`: public like /docs-json (a raw route, outside the guards), so a subscribing
 * system reads what the service publishes without a token.
 */
export function installAsyncApi(fastify: FastifyInstance, service: ServiceName, version: string): void {
  const document = serviceAsyncApiDocument(service, version);
  fastify.get('/asyncapi.json', async (_request, reply) => reply.header('cache-control', 'no-cache').send(document));
}
