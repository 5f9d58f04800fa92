import fastifyHttpProxy from '@fastify/http-proxy';
import type { FastifyInstance, FastifyReply, FastifyRequest, RawServerBase, RouteGenericInterface } from 'fastify';
import type { IncomingHttpHeaders } from 'node:http';
import type { ServiceName } from '@cs/config';
import type { Logger } from '@cs/observability';
import { PROBLEM_CONTENT_TYPE, ProblemDetailsFilter, problem, withVary } from '@cs/platform';
import type { ReadsIdempotencyKey } from './documented-idempotency-keys';
import { ROUTE_TABLE } from './route-table';

/** Headers of one connection, which a proxy answers for itself and never passes on (RFC 9110 §7.6.1). */
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer'];

/** `headers` without those of one connection: the hop-by-hop ones and those its `Connection` header names. */
function endToEnd(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const named = String(headers.connection ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.includes(name) && !named.includes(name)));
}

/**
 * The gateway answers CORS itself, once, for every service; a service seeing the browser's
 * Origin too would add its own CORS headers to the same response. The client's connection is
 * the gateway's own: its hop-by-hop headers stay here, and so does `Expect`, whose 100 Continue
 * the gateway's server has already sent. The HTTP client refuses to send any of them, which
 * answered 503 "not reachable" without asking the service.
 */
function forwardedHeaders(
  request: Pick<FastifyRequest, 'id' | 'ip' | 'protocol' | 'host'>,
  headers: IncomingHttpHeaders,
): IncomingHttpHeaders {
  const { origin: _origin, expect: _expect, ...rest } = headers;
  return {
    ...endToEnd(rest),
    'x-request-id': request.id,
    'x-forwarded-for': request.ip,
    'x-forwarded-proto': request.protocol,
    'x-forwarded-host': request.host,
  };
}

/**
 * The service's answer as the client gets it, without the headers of the gateway's connection to
 * the service: its `connection: keep-alive` would keep the client's socket open after a client
 * asked `Connection: close`, and a reader that reads to the end waited a minute for it.
 */
export function answeredHeaders(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return endToEnd(headers);
}

/**
 * The gateway's CORS headers follow the request's Origin, which its CORS plugin names in Vary; a
 * service's own Vary (Accept-Language, on every error) replaced that, and a cache could then hand
 * one origin's answer, Access-Control-Allow-Origin and all, to another.
 */
function varyingByOrigin(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return headers.vary === undefined ? headers : { ...headers, vary: withVary(headers.vary, 'Origin') };
}

/** How long a connection to a service may take: one that is there connects in milliseconds. */
const CONNECT_TIMEOUT_MS = 5_000;

/** A service that is down, restarting or went away mid-answer is the client's to retry, as problem+json like every error. */
function unavailable(reply: FastifyReply<RouteGenericInterface, RawServerBase>, service: ServiceName): void {
  void reply
    .code(503)
    .header('retry-after', '5')
    .type(PROBLEM_CONTENT_TYPE)
    .send(problem(503, 'GATEWAY.UPSTREAM_UNAVAILABLE', `the ${service} service is not reachable; try again shortly`));
}

/** Failures of a connection never made: the service was not asked, so any request may be sent again. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'UND_ERR_CONNECT_TIMEOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Methods whose request changes nothing, which a client may send again whatever became of it. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function codeOf(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  return typeof code === 'string' ? code : undefined;
}

/** The proxy's error and the HTTP client's below it (its `cause`). */
function codesOf(error: unknown): string[] {
  const cause = typeof error === 'object' && error !== null && 'cause' in error ? error.cause : undefined;
  return [codeOf(error), codeOf(cause)].filter((code): code is string => code !== undefined);
}

/**
 * A request the service took and did not answer in time (or went away from mid-answer): whether
 * it was applied is unknown. A read is the client's to send again; a write is only safe to send
 * again under the same Idempotency-Key, which answers its outcome instead of applying it twice,
 * so one without is not invited to (no Retry-After) but told to look before it sends again. An
 * operation that does not read the key (a PUT, a PATCH, a DELETE) is never invited to send it
 * again under one: the key would be ignored and the write applied again.
 */
function unknownOutcome(reply: FastifyReply<RouteGenericInterface, RawServerBase>, status: 503 | 504, code: string, what: string, readsKey: ReadsIdempotencyKey): void {
  const { method, headers, url } = reply.request;
  const safe = SAFE_METHODS.has(method);
  const takesKey = !safe && readsKey(url.split('?')[0] ?? url, method);
  const keyed = takesKey && typeof headers['idempotency-key'] === 'string';
  const maybeApplied = `${what}; the request may have been applied`;
  const [detail, retry] = safe
    ? [`${what}; try again shortly`, true]
    : keyed
      ? [`${maybeApplied}: send it again with the same Idempotency-Key, which answers its outcome instead of applying it twice`, true]
      : takesKey
        ? [`${maybeApplied}: check whether it took effect before sending it again (a write sent with an Idempotency-Key can be sent again safely)`, false]
        : [`${maybeApplied}: check whether it took effect before sending it again (this operation does not read an Idempotency-Key)`, false];
  if (retry) void reply.header('retry-after', '5');
  void reply.code(status).type(PROBLEM_CONTENT_TYPE).send(problem(status, code, detail, safe ? {} : { outcome: 'unknown' }));
}

/** The answer to a request the service did not answer, by what is known of its fate. */
function unanswered(
  reply: FastifyReply<RouteGenericInterface, RawServerBase>,
  service: ServiceName,
  timeoutMs: number,
  readsKey: ReadsIdempotencyKey,
  error: unknown,
): void {
  const codes = codesOf(error);
  if (codes.includes('UND_ERR_HEADERS_TIMEOUT') || codes.includes('FST_REPLY_FROM_GATEWAY_TIMEOUT')) {
    return unknownOutcome(reply, 504, 'GATEWAY.UPSTREAM_TIMEOUT', `the ${service} service did not start answering within ${timeoutMs} ms`, readsKey);
  }
  if (codes.some((code) => NEVER_SENT.has(code)) || SAFE_METHODS.has(reply.request.method)) return unavailable(reply, service);
  unknownOutcome(reply, 503, 'GATEWAY.UPSTREAM_UNAVAILABLE', `the ${service} service went away before answering`, readsKey);
}

/** An error of the connection to the service (the HTTP client's, or its socket's), not of the request or of the gateway. */
function isConnectionFailure(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  return typeof code === 'string' && (code.startsWith('UND_ERR_') || code === 'ECONNRESET');
}

/**
 * Forwards every prefix of the route table to its service, path and query unchanged. A service
 * that does not start answering within `timeoutMs` (its event loop blocked, a pod half gone) is a
 * 504 that says whether the request may have been applied, inviting a write to be sent again under
 * its Idempotency-Key only where `readsKey` says its operation reads one, never a hang; once it
 * answers, a live stream runs as long as it sends. A service that could not be reached is a 503 to retry.
 */
export async function installProxies(
  fastify: FastifyInstance,
  upstreams: Readonly<Record<ServiceName, string>>,
  timeoutMs: number,
  logger: Logger,
  readsKey: ReadsIdempotencyKey,
): Promise<void> {
  const problems = new ProblemDetailsFilter(logger);
  for (const [service, prefixes] of Object.entries(ROUTE_TABLE) as [ServiceName, readonly string[]][]) {
    await fastify.register(async (proxies) => {
      // What the proxy refuses before asking the service (a path climbing out of its prefix with `..`,
      // a Content-Type it cannot parse) is problem+json as the services answer it, not Fastify's own
      // JSON; a service that sent its headers and went away before its body is a 503 like one that is down.
      proxies.setErrorHandler((error, request, reply) => {
        if (isConnectionFailure(error)) return unanswered(reply, service, timeoutMs, readsKey, error);
        problems.answer(error, request, reply);
      });
      for (const prefix of prefixes) {
        await proxies.register(fastifyHttpProxy, {
          upstream: upstreams[service],
          prefix,
          rewritePrefix: prefix,
          httpMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
          undici: { headersTimeout: timeoutMs, connectTimeout: Math.min(CONNECT_TIMEOUT_MS, timeoutMs) },
          replyOptions: {
            rewriteRequestHeaders: forwardedHeaders,
            rewriteHeaders: (headers) => varyingByOrigin(answeredHeaders(headers as IncomingHttpHeaders)),
            // Never asked again: the proxy's default sent a GET answered 503 ten times more, Retry-After
            // read as milliseconds, onto a service already refusing. The client retries, as the service said.
            retryDelay: () => null,
            onError: (reply, { error }) => unanswered(reply, service, timeoutMs, readsKey, error),
          },
        });
      }
    });
  }
}
