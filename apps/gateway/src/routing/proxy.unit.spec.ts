import { Agent, type IncomingHttpHeaders, type IncomingMessage, type Server, createServer, get } from 'node:http';
import { type AddressInfo, createServer as createTcpServer } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SERVICE_NAMES, loadGatewayConfig } from '@cs/config';
import { eventually } from '@cs/testing';
import { createGatewayApp } from '../bootstrap';
import { answeredHeaders } from './proxy';

let upstream: Server;
let seen: IncomingHttpHeaders[] = [];

beforeAll(async () => {
  upstream = createServer((request, response) => {
    seen.push(request.headers);
    response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  await new Promise<void>((resolve) => upstream.close(() => resolve()));
});

async function gateway(env: Record<string, string>): Promise<NestFastifyApplication> {
  const url = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  const upstreams = Object.fromEntries(SERVICE_NAMES.map((s) => [`UPSTREAM_${s.toUpperCase()}_URL`, url]));
  const app = await createGatewayApp(loadGatewayConfig({ LOG_LEVEL: 'silent', ...upstreams, ...env }), { swaggerUi: false });
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

/** What the service behind the gateway is told the client's address is. */
async function forwardedFor(app: NestFastifyApplication, sent: string | undefined): Promise<unknown> {
  seen = [];
  const response = await app.inject({
    method: 'GET',
    url: '/v1/customers?phone=13900000000',
    remoteAddress: '10.0.0.7',
    headers: sent === undefined ? {} : { 'x-forwarded-for': sent },
  });
  expect(response.statusCode).toBe(200);
  return seen[0]?.['x-forwarded-for'];
}

describe('the client address the gateway passes on', () => {
  it('behind one proxy (TRUSTED_PROXY_HOPS=1, as behind the Kubernetes Ingress), the proxy’s entry is believed and what the client wrote before it is not', async () => {
    const app = await gateway({ TRUSTED_PROXY_HOPS: '1' });
    try {
      // The ingress appended the address it saw (203.0.113.5) to whatever the client sent.
      expect(await forwardedFor(app, '198.51.100.1, 203.0.113.5')).toBe('203.0.113.5');
      expect(await forwardedFor(app, undefined)).toBe('10.0.0.7');
    } finally {
      await app.close();
    }
  });

  it('by default clients connect directly: a header the client wrote is ignored, the connection’s address is the client', async () => {
    const app = await gateway({});
    try {
      expect(await forwardedFor(app, '198.51.100.1')).toBe('10.0.0.7');
      expect(await forwardedFor(app, '198.51.100.1, 203.0.113.5')).toBe('10.0.0.7');
    } finally {
      await app.close();
    }
  });
});

describe('the headers of the client’s own connection', () => {
  it('given a request with Expect: 100-continue (curl’s larger POSTs), Keep-Alive, Upgrade or TE, then the service answers it and receives none of them', async () => {
    const app = await gateway({});
    try {
      seen = [];
      const response = await app.inject({
        method: 'POST',
        url: '/v1/contacts',
        headers: { 'content-type': 'application/json', expect: '100-continue', 'keep-alive': 'timeout=5', upgrade: 'h2c', te: 'trailers', 'proxy-connection': 'keep-alive' },
        payload: '{}',
      });
      expect(response.statusCode).toBe(200);
      expect(Object.keys(seen[0] ?? {})).toEqual(expect.not.arrayContaining(['expect', 'keep-alive', 'upgrade', 'te', 'proxy-connection']));
      expect(seen[0]?.['content-type']).toBe('application/json');
    } finally {
      await app.close();
    }
  });
});

describe('the bodies the gateway passes on', () => {
  it('given a body the gateway’s own routes would refuse (text, JSON nested 40 deep), then the service receives it to answer itself', async () => {
    const app = await gateway({});
    try {
      seen = [];
      const deep = `${'['.repeat(40)}${']'.repeat(40)}`;
      const text = await app.inject({ method: 'POST', url: '/v1/contacts', headers: { 'content-type': 'text/plain' }, payload: 'hello' });
      const json = await app.inject({ method: 'POST', url: '/v1/contacts', headers: { 'content-type': 'application/json' }, payload: deep });
      expect([text.statusCode, json.statusCode]).toEqual([200, 200]);
      expect(seen.map((headers) => [headers['content-type'], headers['content-length']])).toEqual([
        ['text/plain', '5'],
        ['application/json', String(deep.length)],
      ]);
    } finally {
      await app.close();
    }
  });
});

describe('a service that answers slowly or keeps its connection', () => {
  it('given a service that takes the connection and never answers, then a read gets 504 with Retry-After within the upstream timeout, not a hang', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const app = await gateway({ GATEWAY_UPSTREAM_TIMEOUT_MS: '300', UPSTREAM_TICKETS_URL: `http://127.0.0.1:${(silent.address() as AddressInfo).port}` });
    try {
      // A hang would never be answered: the answer at all, a 504 naming the upstream, is the timeout's.
      const response = await app.inject({ method: 'GET', url: '/v1/tickets' });
      expect([response.statusCode, response.headers['retry-after'], response.json<{ code: string }>().code]).toEqual([504, '5', 'GATEWAY.UPSTREAM_TIMEOUT']);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    } finally {
      await app.close();
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('given a service that takes a write and never answers, then the client is told the write may have been applied, and is invited to send it again only under its Idempotency-Key', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const app = await gateway({ GATEWAY_UPSTREAM_TIMEOUT_MS: '300', UPSTREAM_TICKETS_URL: `http://127.0.0.1:${(silent.address() as AddressInfo).port}` });
    try {
      // Given a write without an Idempotency-Key: no Retry-After, and the outcome unknown
      const blind = await app.inject({ method: 'POST', url: '/v1/tickets', payload: { title: 'x' } });
      const unkeyed = blind.json<{ code: string; outcome: string; detail: string }>();
      expect([blind.statusCode, blind.headers['retry-after'], unkeyed.code, unkeyed.outcome]).toEqual([504, undefined, 'GATEWAY.UPSTREAM_TIMEOUT', 'unknown']);
      expect(unkeyed.detail).toContain('may have been applied: check whether it took effect before sending it again');

      // Given one with a key: sending it again under the same key is safe
      const keyed = await app.inject({ method: 'POST', url: '/v1/tickets', payload: { title: 'x' }, headers: { 'idempotency-key': 'k-1' } });
      const withKey = keyed.json<{ outcome: string; detail: string }>();
      expect([keyed.statusCode, keyed.headers['retry-after'], withKey.outcome]).toEqual([504, '5', 'unknown']);
      expect(withKey.detail).toContain('send it again with the same Idempotency-Key');
    } finally {
      await app.close();
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('given a service that takes a PUT, PATCH or DELETE and never answers, then a key sent with it is not invited to be sent again unless the operation reads it', async () => {
    const ok = { responses: { '200': { description: 'ok' } } };
    const key = { name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } };
    // Given a service documenting the key on its POST and on one PATCH (a route requiring it), on no PUT or DELETE, and answering nothing else
    const document = {
      openapi: '3.0.0',
      info: { title: 'tickets service', version: '1' },
      paths: { '/v1/tickets': { post: { ...ok, parameters: [{ ...key, required: false }] } }, '/v1/tickets/{id}': { put: ok, delete: ok, patch: { ...ok, parameters: [key] } } },
    };
    const silent = createServer((request, response) => {
      if (request.url === '/docs-json') response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(document));
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const app = await gateway({ GATEWAY_UPSTREAM_TIMEOUT_MS: '300', UPSTREAM_TICKETS_URL: `http://127.0.0.1:${(silent.address() as AddressInfo).port}` });
    const keyed = async (method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string) => {
      const response = await app.inject({ method, url, payload: { title: 'x' }, headers: { 'idempotency-key': 'k-1' } });
      const body = response.json<{ code: string; outcome: string; detail: string }>();
      return [response.statusCode, body.code, body.outcome, response.headers['retry-after'], body.detail.includes('send it again with the same Idempotency-Key')];
    };
    try {
      // (the gateway has read the services' documents)
      expect((await app.inject({ method: 'GET', url: '/docs-json' })).statusCode).toBe(200);

      // When each is sent with a key and times out, then only the operations reading the key invite it, with Retry-After
      expect(await keyed('PUT', '/v1/tickets/t-1')).toEqual([504, 'GATEWAY.UPSTREAM_TIMEOUT', 'unknown', undefined, false]);
      expect(await keyed('DELETE', '/v1/tickets/t-1')).toEqual([504, 'GATEWAY.UPSTREAM_TIMEOUT', 'unknown', undefined, false]);
      expect(await keyed('PATCH', '/v1/tickets/t-1')).toEqual([504, 'GATEWAY.UPSTREAM_TIMEOUT', 'unknown', '5', true]);
      expect(await keyed('POST', '/v1/tickets')).toEqual([504, 'GATEWAY.UPSTREAM_TIMEOUT', 'unknown', '5', true]);
      const put = await app.inject({ method: 'PUT', url: '/v1/tickets/t-1', payload: {}, headers: { 'idempotency-key': 'k-2' } });
      expect(put.json<{ detail: string }>().detail).toContain('check whether it took effect before sending it again (this operation does not read an Idempotency-Key)');
    } finally {
      await app.close();
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  }, 30_000);

  it('given no document of the service yet, then a PUT sent with a key is not invited to be sent again, a POST is (every POST reads it)', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const app = await gateway({ GATEWAY_UPSTREAM_TIMEOUT_MS: '300', UPSTREAM_TICKETS_URL: `http://127.0.0.1:${(silent.address() as AddressInfo).port}` });
    try {
      const put = await app.inject({ method: 'PUT', url: '/v1/tickets/t-1', payload: {}, headers: { 'idempotency-key': 'k-1' } });
      expect([put.statusCode, put.headers['retry-after'], put.json<{ detail: string }>().detail]).toEqual([504, undefined, expect.stringContaining('does not read an Idempotency-Key')]);
      const post = await app.inject({ method: 'POST', url: '/v1/tickets', payload: {}, headers: { 'idempotency-key': 'k-1' } });
      expect([post.statusCode, post.headers['retry-after']]).toEqual([504, '5']);
    } finally {
      await app.close();
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  }, 30_000);

  it('given a service that sends its headers and goes away before its body, then the client gets 503 with Retry-After, not 500', async () => {
    const lost = createTcpServer((socket) => socket.once('data', () => socket.end('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 10\r\n\r\n')));
    await new Promise<void>((resolve) => lost.listen(0, '127.0.0.1', resolve));
    const app = await gateway({ UPSTREAM_CALLBACKS_URL: `http://127.0.0.1:${(lost.address() as AddressInfo).port}` });
    try {
      const response = await app.inject({ method: 'GET', url: '/v1/callbacks' });
      expect([response.statusCode, response.headers['retry-after'], response.json<{ code: string }>().code]).toEqual([503, '5', 'GATEWAY.UPSTREAM_UNAVAILABLE']);
    } finally {
      await app.close();
      await new Promise<void>((resolve) => lost.close(() => resolve()));
    }
  });

  it('given a service answering a GET with 503 and Retry-After, then the client gets that answer, and the service was asked once', async () => {
    let asked = 0;
    const refusing = createServer((_request, response) => {
      asked += 1;
      response.writeHead(503, { 'content-type': 'application/problem+json', 'retry-after': '30' }).end('{"code":"DEPENDENCY.UNAVAILABLE"}');
    });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    const app = await gateway({ UPSTREAM_TICKETS_URL: `http://127.0.0.1:${(refusing.address() as AddressInfo).port}` });
    try {
      const response = await app.inject({ method: 'GET', url: '/v1/tickets' });
      expect([response.statusCode, response.headers['retry-after'], response.json<{ code: string }>().code]).toEqual([503, '30', 'DEPENDENCY.UNAVAILABLE']);
      expect(asked).toBe(1);
    } finally {
      await app.close();
      refusing.closeAllConnections();
      await new Promise<void>((resolve) => refusing.close(() => resolve()));
    }
  });

  it('given a service answering keep-alive, then the client gets its answer without the headers of the gateway’s own connection', async () => {
    const app = await gateway({});
    try {
      const response = await app.inject({ method: 'GET', url: '/v1/tickets', headers: { connection: 'close' } });
      expect(response.statusCode).toBe(200);
      expect(response.headers['keep-alive']).toBeUndefined();
      expect(response.headers['connection']).not.toBe('keep-alive');
    } finally {
      await app.close();
    }
  });

  it('leaves out the hop-by-hop headers and those the connection header names, and keeps the rest', () => {
    expect(answeredHeaders({ connection: 'keep-alive, x-private-hop', 'keep-alive': 'timeout=5', 'x-private-hop': '1', etag: '"1"', 'content-type': 'application/json' })).toEqual({
      etag: '"1"',
      'content-type': 'application/json',
    });
  });
});

describe('the CORS headers of a service’s answer', () => {
  it('given a service answering with a Vary of its own, then the answer still varies by Origin, as its Access-Control-Allow-Origin does', async () => {
    const varying = createServer((_request, response) => {
      response.writeHead(404, { 'content-type': 'application/problem+json', vary: 'Accept-Language' }).end('{}');
    });
    await new Promise<void>((resolve) => varying.listen(0, '127.0.0.1', resolve));
    const app = await gateway({ UPSTREAM_TICKETS_URL: `http://127.0.0.1:${(varying.address() as AddressInfo).port}` });
    try {
      const response = await app.inject({ method: 'GET', url: '/v1/tickets/00000000-0000-4000-8000-000000000000', headers: { origin: 'http://localhost:5173' } });
      expect(response.headers['access-control-allow-origin']).toBe('http://localhost:5173');
      const vary = String(response.headers['vary']).split(',').map((name) => name.trim().toLowerCase());
      expect(vary).toEqual(expect.arrayContaining(['accept-language', 'origin']));
    } finally {
      await app.close();
      varying.closeAllConnections();
      await new Promise<void>((resolve) => varying.close(() => resolve()));
    }
  });
});

describe('what the gateway refuses before any route', () => {
  it.each([
    ['a path that climbs out of its service with an encoded `..`', 'GET', '/v1/tickets/..%2f..%2fv1%2fcustomers', {}, 400],
    ['a Content-Type that cannot be parsed', 'POST', '/v1/contacts', { 'content-type': ';;' }, 415],
  ])('given %s, then it is refused as problem+json in the language asked for, as a service answers it, and no service is asked', async (_case, method, url, headers, status) => {
    const app = await gateway({});
    try {
      seen = [];
      const asked = { ...headers, 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5', origin: 'https://desk.example.com' };
      const response = await app.inject({ method: method as 'GET' | 'POST', url, headers: asked, ...(method === 'POST' ? { payload: '{}' } : {}) });
      expect([response.statusCode, response.headers['content-type']]).toEqual([status, expect.stringContaining('application/problem+json')]);
      // A cache keeps one language's refusal for those who asked in it, and one origin's for that origin.
      expect(response.headers['content-language']).toBe('zh-CN');
      const vary = String(response.headers['vary']).split(',').map((name) => name.trim().toLowerCase());
      expect(vary).toEqual(expect.arrayContaining(['accept-language', 'origin']));
      expect(response.json<{ status: number; code: string }>()).toMatchObject({ status, code: expect.stringMatching(/^HTTP\./) });
      expect(seen).toEqual([]);
    } finally {
      await app.close();
    }
  });


  it('given a path it cannot decode, then it is a 400 problem+json, as a service answers it', async () => {
    const app = await gateway({});
    try {
      const response = await app.inject({ method: 'GET', url: '/v1/tickets/%zz' });
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
    } finally {
      await app.close();
    }
  });
});

describe('a method the route table does not forward', () => {
  it.each([
    ['a path of a service', 'TRACE', '/v1/tickets'],
    ['a path under a service’s prefix', 'PROPFIND', '/v1/customers/00000000-0000-4000-8000-000000000000'],
  ])('given %s asked with %s, then it is 405 problem+json with Allow listing the methods forwarded there, and no service is asked', async (_case, method, url) => {
    const app = await gateway({});
    try {
      seen = [];
      // The injector's types name only the common methods; it sends any.
      const response = await app.inject({ method: method as 'GET', url });
      expect([response.statusCode, response.headers['content-type']]).toEqual([405, expect.stringContaining('application/problem+json')]);
      expect(response.headers['allow']).toBe('DELETE, GET, HEAD, PATCH, POST, PUT');
      expect(response.json<{ status: number; code: string }>()).toMatchObject({ status: 405, code: 'HTTP.METHOD_NOT_ALLOWED' });
      expect(seen).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('given a CORS preflight of a forwarded path, then it is still answered 204 with the methods allowed, and a path no service serves is still 404', async () => {
    const app = await gateway({});
    try {
      const preflight = await app.inject({
        method: 'OPTIONS',
        url: '/v1/contacts',
        headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
      });
      expect([preflight.statusCode, preflight.headers['access-control-allow-origin']]).toEqual([204, 'http://localhost:5173']);
      expect(String(preflight.headers['access-control-allow-methods'])).toContain('POST');
      expect((await app.inject({ method: 'TRACE' as 'GET', url: '/v1/nowhere' })).statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });
});

describe('a request in hand as the gateway shuts down', () => {
  it('given a service answering after the shutdown began, to a client keeping its connections, then the client is answered with Connection: close and the shutdown completes', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let enter!: () => void;
    const entered = new Promise<void>((resolve) => (enter = resolve));
    const slow = createServer((_request, response) => {
      enter();
      void released.then(() => response.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    const app = await gateway({ UPSTREAM_TICKETS_URL: `http://127.0.0.1:${(slow.address() as AddressInfo).port}` });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const server = app.getHttpServer() as Server;
    // Keeps a connection whose answer ended for the next request, with no idle limit of its own: as a browser does.
    const keeping = new Agent({ keepAlive: true });
    try {
      const asked = new Promise<IncomingMessage>((resolve, reject) =>
        get({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, path: '/v1/tickets', agent: keeping }, resolve).on('error', reject),
      );
      await entered;
      let shutDown = false;
      const closing = app.close().then(() => (shutDown = true));
      while (server.listening) await new Promise((resolve) => setTimeout(resolve, 10));
      release();

      const answer = await asked;
      answer.resume();
      expect([answer.statusCode, answer.headers.connection]).toEqual([200, 'close']);
      // Fastify keeps an idle connection 72 s, the client as long as it likes: well past the gateway's 10 s bound.
      await eventually(() => expect(shutDown).toBe(true), 8_000, 20);
      await closing;
    } finally {
      keeping.destroy();
      release();
      slow.closeAllConnections();
      await new Promise<void>((resolve) => slow.close(() => resolve()));
    }
  }, 20_000);
});
