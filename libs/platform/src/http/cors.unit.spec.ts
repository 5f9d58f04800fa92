import Fastify, { FastifyInstance } from 'fastify';
import { corsPolicyOf } from '@cs/config';
import { installCors } from './cors';
import { installMethodNotAllowed } from './method-not-allowed';
import { ServerSentEvents } from './server-sent-events';

const LOCAL_UI = 'http://localhost:5173';

async function serviceLike(policy = corsPolicyOf({ NODE_ENV: 'development' })): Promise<FastifyInstance> {
  const fastify = Fastify();
  installMethodNotAllowed(fastify);
  await installCors(fastify, policy);
  fastify.get('/v1/tickets', async (_request, reply) => reply.header('etag', '"1"').send({ items: [] }));
  fastify.post('/v1/contacts', async (_request, reply) => reply.code(201).send({}));
  // A live stream, as the notifications and presence routes open theirs: one event, then the end.
  fastify.get('/v1/notifications/stream', async (_request, reply) => {
    const events = ServerSentEvents.open(reply, 60_000, {});
    events.send('notification', { id: 1 }, 1);
    events.close();
  });
  await fastify.ready();
  return fastify;
}

const preflight = (fastify: FastifyInstance, origin: string, url = '/v1/contacts') =>
  fastify.inject({
    method: 'OPTIONS',
    url,
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,idempotency-key' },
  });

describe('CORS on a service', () => {
  it('a preflight from an allowed origin is 204 with credentials, the headers we take and the methods', async () => {
    const fastify = await serviceLike();
    const response = await preflight(fastify, LOCAL_UI);
    expect(response.statusCode).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe(LOCAL_UI);
    expect(response.headers['access-control-allow-credentials']).toBe('true');
    const allowed = String(response.headers['access-control-allow-headers']).toLowerCase().split(/, */);
    expect(allowed).toEqual(
      expect.arrayContaining(['authorization', 'content-type', 'idempotency-key', 'if-match', 'x-access-purpose', 'traceparent', 'x-request-id']),
    );
    expect(String(response.headers['access-control-allow-methods'])).toContain('POST');
  });

  it('a response to an allowed origin exposes ETag, Idempotency-Replayed, Location, X-Request-Id, Retry-After, an export\'s file name and the rate limit', async () => {
    const fastify = await serviceLike();
    const response = await fastify.inject({ method: 'GET', url: '/v1/tickets', headers: { origin: 'http://127.0.0.1:8080' } });
    expect(response.headers['access-control-allow-origin']).toBe('http://127.0.0.1:8080');
    expect(String(response.headers['access-control-expose-headers']).split(/, */)).toEqual([
      'ETag',
      'Idempotency-Replayed',
      'Location',
      'X-Request-Id',
      'Retry-After',
      'Content-Disposition',
      'RateLimit-Limit',
      'RateLimit-Remaining',
      'RateLimit-Reset',
    ]);
  });

  it('an origin outside the policy gets no CORS headers, so the browser refuses the answer', async () => {
    const fastify = await serviceLike(corsPolicyOf({ NODE_ENV: 'production', CORS_ORIGINS: 'https://desk.example.com' }));
    const refused = await preflight(fastify, LOCAL_UI);
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    const allowed = await preflight(fastify, 'https://desk.example.com');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://desk.example.com');
  });

  it('the preflight route does not turn unknown paths into 405s', async () => {
    const fastify = await serviceLike();
    expect((await fastify.inject({ method: 'GET', url: '/v1/nothing-here' })).statusCode).toBe(404);
    expect((await fastify.inject({ method: 'DELETE', url: '/v1/contacts' })).statusCode).toBe(405);
  });

  it('a live stream answered to an allowed origin carries the CORS headers, as every other answer does, with its stream headers', async () => {
    const fastify = await serviceLike();
    const response = await fastify.inject({ method: 'GET', url: '/v1/notifications/stream', headers: { origin: LOCAL_UI } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(response.headers['access-control-allow-origin']).toBe(LOCAL_UI);
    expect(response.headers['access-control-allow-credentials']).toBe('true');
    expect(response.body).toContain('event: notification');
  });
});
