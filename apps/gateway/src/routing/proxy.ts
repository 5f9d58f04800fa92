import fastifyHttpProxy from '@fastify/http-proxy';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { IncomingHttpHeaders } from 'node:http';
import type { ServiceName } from '@cs/config';
import { PROBLEM_CONTENT_TYPE, problem } from '@cs/platform';
import { ROUTE_TABLE } from './route-table';

/**
 * The gateway answers CORS itself, once, for every service; a service seeing the browser's
 * Origin too would add its own CORS headers to the same response.
 */
function forwardedHeaders(
  request: Pick<FastifyRequest, 'id' | 'ip' | 'protocol' | 'host'>,
  headers: IncomingHttpHeaders,
): IncomingHttpHeaders {
  const { origin: _origin, ...rest } = headers;
  return {
    ...rest,
    'x-request-id': request.id,
    'x-forwarded-for': request.ip,
    'x-forwarded-proto': request.protocol,
    'x-forwarded-host': request.host,
  };
}

/** Forwards every prefix of the route table to its service, path and query unchanged. */
export async function installProxies(fastify: FastifyInstance, upstreams: Readonly<Record<ServiceName, string>>): Promise<void> {
  for (const [service, prefixes] of Object.entries(ROUTE_TABLE) as [ServiceName, readonly string[]][]) {
    for (const prefix of prefixes) {
      await fastify.register(fastifyHttpProxy, {
        upstream: upstreams[service],
        prefix,
        rewritePrefix: prefix,
        httpMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
        replyOptions: {
          rewriteRequestHeaders: forwardedHeaders,
          // A service that is down or restarting is the client's to retry, as problem+json like every error.
          onError: (reply) => {
            void reply
              .code(503)
              .header('retry-after', '5')
              .type(PROBLEM_CONTENT_TYPE)
              .send(problem(503, 'GATEWAY.UPSTREAM_UNAVAILABLE', `the ${service} service is not reachable; try again shortly`));
          },
        },
      });
    }
  }
}
