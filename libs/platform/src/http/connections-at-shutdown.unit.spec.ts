import { Agent, type IncomingMessage, get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { installConnectionsAtShutdown } from './connections-at-shutdown';

/** Keeps a connection whose answer ended for the next request, with no idle limit of its own: as the ingress or a browser does. */
let keeping: Agent;
let app: FastifyInstance;
/** Lets the route's answer go. */
let release: () => void;
let released: Promise<void>;
/** Resolves once the route has the request in hand. */
let entered: Promise<void>;

beforeEach(async () => {
  keeping = new Agent({ keepAlive: true });
  released = new Promise((resolve) => (release = resolve));
  let enter!: () => void;
  entered = new Promise((resolve) => (enter = resolve));
  app = Fastify();
  installConnectionsAtShutdown(app);
  app.get('/report', async () => {
    enter();
    await released;
    return { ready: true };
  });
  app.get('/export', (_request, reply) => {
    const body = new PassThrough();
    void reply.type('text/csv').send(body);
    body.write('id\n');
    void released.then(() => body.end('1\n'));
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
});

afterEach(async () => {
  keeping.destroy();
  release();
  await app.close();
});

function ask(path: string): Promise<IncomingMessage> {
  const { port } = app.server.address() as AddressInfo;
  return new Promise((resolve, reject) => get({ host: '127.0.0.1', port, path, agent: keeping }, resolve).on('error', reject));
}

/** Whether `closing` settled within `ms`, the client still keeping its connections. */
async function settlesWithin(closing: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([closing.then(() => true as const), late]);
  } finally {
    clearTimeout(timer);
  }
}

async function untilNotListening(): Promise<void> {
  while (app.server.listening) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('a request in hand when the server shuts down', () => {
  it('given an answer sent after the shutdown began, to a client keeping its connections, then it says Connection: close and the shutdown completes', async () => {
    const asked = ask('/report');
    await entered;
    const closing = app.close();
    await untilNotListening();
    release();

    const answer = await asked;
    answer.resume();
    expect(answer.statusCode).toBe(200);
    expect(answer.headers.connection).toBe('close');
    // Fastify keeps an idle connection 72 s, the client for as long as it likes.
    expect(await settlesWithin(closing, 10_000)).toBe(true);
  }, 20_000);

  it('given an answer whose headers went before the shutdown and whose body ends after it, then the shutdown completes as it ends', async () => {
    const answer = await ask('/export');
    answer.resume();
    expect(answer.headers.connection).toBe('keep-alive');
    const closing = app.close();
    await untilNotListening();
    release();

    await new Promise((resolve) => answer.once('end', resolve));
    expect(await settlesWithin(closing, 10_000)).toBe(true);
  }, 20_000);
});
