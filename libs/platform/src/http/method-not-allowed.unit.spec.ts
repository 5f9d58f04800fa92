import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify, { FastifyInstance } from 'fastify';
import { RouteMethods, installMethodNotAllowed } from './method-not-allowed';

describe('RouteMethods', () => {
  it('given routes with parameters, it finds the methods of a concrete path and nothing for an unknown one', () => {
    const routes = new RouteMethods();
    routes.add('/v1/tickets/:id', ['GET', 'HEAD']);
    routes.add('/v1/tickets/:id/close', 'POST');
    routes.add('/v1/tickets', 'POST');
    expect(routes.allowed('/v1/tickets/abc')).toEqual(['GET', 'HEAD']);
    expect(routes.allowed('/v1/tickets/abc/close')).toEqual(['POST']);
    expect(routes.allowed('/v1/tickets/abc/close/more')).toEqual([]);
    expect(routes.allowed('/v1/ticketsx')).toEqual([]);
  });
});

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** Over a real socket: Fastify's inject types, and fetch, refuse methods such as TRACE. */
function send(fastify: FastifyInstance, method: string, path: string): Promise<Answer> {
  const { port } = fastify.server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('installMethodNotAllowed', () => {
  let fastify: FastifyInstance;

  beforeAll(async () => {
    fastify = Fastify();
    installMethodNotAllowed(fastify);
    fastify.get('/v1/things/:id', async () => ({ ok: true }));
    fastify.put('/v1/things/:id', async () => ({ ok: true }));
    fastify.get('/v1/things/lookup', async () => ({ found: [] }));
    await fastify.listen({ port: 0, host: '127.0.0.1' });
  });

  afterAll(() => fastify.close());

  it('given a method the path does not take, it answers 405 with Allow as problem details', async () => {
    const response = await send(fastify, 'TRACE', '/v1/things/7?x=1');
    expect(response.status).toBe(405);
    expect(response.headers['allow']).toBe('GET, HEAD, PUT');
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(JSON.parse(response.body)).toMatchObject({ status: 405, code: 'HTTP.METHOD_NOT_ALLOWED' });
  });

  it('given a body method without a content type, it is still 405 and not a parsing error', async () => {
    expect((await send(fastify, 'QUERY', '/v1/things/7')).status).toBe(405);
  });

  it('given a path no route has, it stays 404', async () => {
    expect((await send(fastify, 'GET', '/v1/other')).status).toBe(404);
    expect((await send(fastify, 'GET', '/v1/things/7')).status).toBe(200);
  });

  it('given a path that fits a route but for a trailing slash, a method the route takes is 404, not a 405 listing that method', async () => {
    expect((await send(fastify, 'GET', '/v1/things/7/')).status).toBe(404);
    expect((await send(fastify, 'HEAD', '/v1/things/7/')).status).toBe(404);
    const other = await send(fastify, 'TRACE', '/v1/things/7/');
    expect([other.status, other.headers['allow']]).toEqual([405, 'GET, HEAD, PUT']);
  });

  it('given a literal path a parametric route would also match, a method only the parametric one takes is 405', async () => {
    const response = await send(fastify, 'PUT', '/v1/things/lookup');
    expect(response.status).toBe(405);
    expect(response.headers['allow']).toBe('GET, HEAD');
    expect((await send(fastify, 'GET', '/v1/things/lookup')).status).toBe(200);
    expect((await send(fastify, 'PUT', '/v1/things/7')).status).toBe(200);
  });
});

describe('installMethodNotAllowed with the methods of each path narrowed', () => {
  let fastify: FastifyInstance;

  beforeAll(async () => {
    fastify = Fastify();
    // A prefix route forwarding several methods to paths that each have fewer; OPTIONS is never among them.
    installMethodNotAllowed(fastify, { narrow: (path, routed) => (path.endsWith('/close') ? ['POST', 'OPTIONS'] : path.endsWith('/gone') ? [] : routed) });
    fastify.route({ method: ['GET', 'POST', 'DELETE'], url: '/v1/things/*', handler: async () => ({ ok: true }) });
    await fastify.listen({ port: 0, host: '127.0.0.1' });
  });

  afterAll(() => fastify.close());

  it('given a method no route takes, Allow is the narrowed methods, of those the routes take', async () => {
    expect((await send(fastify, 'TRACE', '/v1/things/7/close')).headers['allow']).toBe('POST');
    expect((await send(fastify, 'TRACE', '/v1/things/7')).headers['allow']).toBe('DELETE, GET, HEAD, POST');
  });

  it('given narrowing leaves nothing, Allow is what the routes take, and a path no route has stays 404', async () => {
    expect((await send(fastify, 'TRACE', '/v1/things/7/gone')).headers['allow']).toBe('DELETE, GET, HEAD, POST');
    expect((await send(fastify, 'TRACE', '/v1/other')).status).toBe(404);
  });
});
