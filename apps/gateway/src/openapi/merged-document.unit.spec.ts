import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SERVICE_NAMES, type ServiceName, loadGatewayConfig } from '@cs/config';
import { createGatewayApp } from '../bootstrap';
import { MERGED_DOCUMENT_TTL_MS, PARTIAL_DOCUMENT_TTL_MS } from './merged-document';

/** One stand-in per service: answers `/docs-json` with the document it is given, counting each ask. */
interface StandIn {
  readonly server: Server;
  asked: number;
  /** A path the service documents, changed to play a release. */
  path: string;
  /** The methods the service documents on that path. */
  methods: readonly string[];
  status: number;
  /** Answers wait for this, so asks can arrive while one is still being answered. */
  held: Promise<void>;
}

const FIRST_PATHS: Record<ServiceName, string> = {
  intake: '/v1/contacts',
  tickets: '/v1/tickets',
  callbacks: '/v1/callbacks',
  knowledge: '/v1/answers',
  reporting: '/v1/reports/summary',
  notifications: '/v1/notifications',
};

const standIns = new Map<ServiceName, StandIn>();
let app: NestFastifyApplication;
let now = 1_000_000;
const clock = { now: () => now };

function standIn(service: ServiceName): StandIn {
  const state: StandIn = {
    asked: 0,
    path: FIRST_PATHS[service],
    methods: ['get'],
    status: 200,
    held: Promise.resolve(),
    server: createServer((request, response) => {
      if (request.url !== '/docs-json') return void response.writeHead(404).end();
      state.asked += 1;
      void state.held.then(() => {
        const operations = Object.fromEntries(state.methods.map((method) => [method, { operationId: `${service}${method}`, responses: { '200': { description: 'ok' } } }]));
        const document = { openapi: '3.0.0', info: { title: service, version: '1' }, paths: { [state.path]: operations } };
        response.writeHead(state.status, { 'content-type': 'application/json' }).end(JSON.stringify(document));
      });
    }),
  };
  return state;
}

beforeEach(async () => {
  now = 1_000_000;
  const env: Record<string, string> = { LOG_LEVEL: 'silent' };
  for (const service of SERVICE_NAMES) {
    const s = standIn(service);
    await new Promise<void>((resolve) => s.server.listen(0, '127.0.0.1', resolve));
    standIns.set(service, s);
    env[`UPSTREAM_${service.toUpperCase()}_URL`] = `http://127.0.0.1:${(s.server.address() as AddressInfo).port}`;
  }
  app = await createGatewayApp(loadGatewayConfig(env), { swaggerUi: false, clock });
  await app.getHttpAdapter().getInstance().ready();
});
afterEach(async () => {
  await app.close();
  await Promise.all([...standIns.values()].map((s) => new Promise<void>((resolve) => s.server.close(() => resolve()))));
  standIns.clear();
});

const asked = (): Record<string, number> => Object.fromEntries([...standIns].map(([service, s]) => [service, s.asked]));
const everyService = (times: number): Record<string, number> => Object.fromEntries(SERVICE_NAMES.map((s) => [s, times]));

interface Merged {
  paths: Record<string, unknown>;
  'x-unavailable-services'?: string[];
}
async function docsJson(): Promise<Merged> {
  const response = await app.inject({ method: 'GET', url: '/docs-json' });
  expect(response.statusCode).toBe(200);
  return response.json<Merged>();
}

describe('the merged API document at /docs-json', () => {
  it('given 20 requests at once, when the services answer, then each service was asked once and every request got the whole document', async () => {
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    for (const s of standIns.values()) s.held = held;

    const answers = Promise.all(Array.from({ length: 20 }, () => docsJson()));
    // Every service is being asked; the other requests arrive while it answers.
    while (Object.values(asked()).some((n) => n === 0)) await new Promise((resolve) => setImmediate(resolve));
    for (let turn = 0; turn < 20; turn += 1) await new Promise((resolve) => setImmediate(resolve));
    release();

    const documents = await answers;
    expect(asked()).toEqual(everyService(1));
    for (const document of documents) {
      expect(document['x-unavailable-services']).toBeUndefined();
      expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(Object.values(FIRST_PATHS)));
    }
  });

  it('given a service released anew, then the document shows it once the held one has aged out, and not before', async () => {
    await docsJson();
    const intake = standIns.get('intake') as StandIn;
    intake.path = '/v1/contacts/{id}/released';

    now += MERGED_DOCUMENT_TTL_MS - 1;
    expect(Object.keys((await docsJson()).paths)).not.toContain('/v1/contacts/{id}/released');
    expect(asked()).toEqual(everyService(1));

    now += 2;
    expect(Object.keys((await docsJson()).paths)).toContain('/v1/contacts/{id}/released');
    expect(asked()).toEqual(everyService(2));
  });

  it('given a service failing, then the document without it is held only briefly and the service is asked again soon', async () => {
    const tickets = standIns.get('tickets') as StandIn;
    tickets.status = 500;
    expect((await docsJson())['x-unavailable-services']).toEqual(['tickets']);

    tickets.status = 200;
    now += PARTIAL_DOCUMENT_TTL_MS - 1;
    expect((await docsJson())['x-unavailable-services']).toEqual(['tickets']);
    expect(tickets.asked).toBe(1);

    now += 2;
    const recovered = await docsJson();
    expect(recovered['x-unavailable-services']).toBeUndefined();
    expect(Object.keys(recovered.paths)).toContain('/v1/tickets');
    expect(tickets.asked).toBe(2);
  });
});

/** The `Allow` of a method no proxy forwards; no service is asked for it. */
async function allowOfTrace(url: string): Promise<unknown> {
  // The injector's types name only the common methods; it sends any.
  const response = await app.inject({ method: 'TRACE' as 'GET', url });
  expect([response.statusCode, response.headers['content-type']]).toEqual([405, expect.stringContaining('application/problem+json')]);
  return response.headers['allow'];
}

const EVERY_FORWARDED_METHOD = 'DELETE, GET, HEAD, PATCH, POST, PUT';

describe('a method no proxy forwards, answered from the merged document', () => {
  beforeEach(() => {
    const tickets = standIns.get('tickets') as StandIn;
    tickets.path = '/v1/tickets/{id}';
    tickets.methods = ['get', 'patch'];
  });

  it('given the document is held, then Allow lists the methods of that path, HEAD beside GET, and no service is asked', async () => {
    await docsJson();
    expect(await allowOfTrace('/v1/tickets/7f1c')).toBe('GET, HEAD, PATCH');
    expect(await allowOfTrace('/v1/contacts?page=2')).toBe('GET, HEAD');
    expect(asked()).toEqual(everyService(1));
  });

  it('given no document held yet and the services slow to answer, then it is answered at once with the methods forwarded under the prefix, and the next one with the path’s own', async () => {
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    for (const s of standIns.values()) s.held = held;

    expect(await allowOfTrace('/v1/tickets/7f1c')).toBe(EVERY_FORWARDED_METHOD);
    release();
    await docsJson();
    expect(await allowOfTrace('/v1/tickets/7f1c')).toBe('GET, HEAD, PATCH');
    expect(asked()).toEqual(everyService(1));
  });

  it('given a path under a prefix that the document does not have, then Allow lists the methods forwarded under the prefix', async () => {
    await docsJson();
    expect(await allowOfTrace('/v1/tickets/7f1c/unknown')).toBe(EVERY_FORWARDED_METHOD);
  });

  it('given the service of the path failing, then Allow lists the methods forwarded under the prefix, not a 500', async () => {
    (standIns.get('tickets') as StandIn).status = 500;
    expect((await docsJson())['x-unavailable-services']).toEqual(['tickets']);
    expect(await allowOfTrace('/v1/tickets/7f1c')).toBe(EVERY_FORWARDED_METHOD);
  });

  it('given the held document aged out, then the last one answers and the services are asked again once, behind it', async () => {
    await docsJson();
    const tickets = standIns.get('tickets') as StandIn;
    tickets.methods = ['get', 'patch', 'delete'];
    // The services answer the rebuild only once both requests are answered: a rebuild that finished
    // between them would make the second see the new document, however fast the machine.
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    for (const s of standIns.values()) s.held = held;
    now += MERGED_DOCUMENT_TTL_MS + 1;

    expect(await allowOfTrace('/v1/tickets/7f1c')).toBe('GET, HEAD, PATCH');
    expect(await allowOfTrace('/v1/tickets/7f1c')).toBe('GET, HEAD, PATCH');
    release();
    await docsJson();
    expect(await allowOfTrace('/v1/tickets/7f1c')).toBe('DELETE, GET, HEAD, PATCH');
    expect(asked()).toEqual(everyService(2));
  });
});
