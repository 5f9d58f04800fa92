import fastifyCors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import { CorsPolicy, allowsOrigin } from '@cs/config';

/** What a browser front end sends: credentials, idempotency, optimistic locking, PII purpose, tracing. */
export const CORS_ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-Match', 'X-Access-Purpose', 'traceparent', 'X-Request-Id'] as const;
/**
 * What its scripts may read back: versions, replays, created resources, request ids, back-off, an
 * export's file name, and a rate limit's state.
 */
export const CORS_EXPOSED_HEADERS = [
  'ETag',
  'Idempotency-Replayed',
  'Location',
  'X-Request-Id',
  'Retry-After',
  'Content-Disposition',
  'RateLimit-Limit',
  'RateLimit-Remaining',
  'RateLimit-Reset',
] as const;
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/**
 * Answers browsers calling from another origin: preflights with 204 before any route or guard
 * sees them, and the allowed origin echoed (never `*`, which credentials forbid). An origin the
 * policy does not allow gets no CORS headers, so the browser refuses the response.
 */
export async function installCors(fastify: FastifyInstance, policy: CorsPolicy): Promise<void> {
  await fastify.register(fastifyCors, {
    origin: (origin, callback) => callback(null, origin !== undefined && allowsOrigin(policy, origin)),
    credentials: true,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: [...CORS_ALLOWED_HEADERS],
    exposedHeaders: [...CORS_EXPOSED_HEADERS],
    maxAge: PREFLIGHT_MAX_AGE_SECONDS,
    optionsSuccessStatus: 204,
    // A preflight is answered even when the origin is refused (without CORS headers), rather than 404.
    strictPreflight: false,
  });
}
