import { FastifyInstance } from 'fastify';
import { serviceHttpAdapter } from '../bootstrap';
import { MAX_PATH_PARAM_LENGTH, answerRouterRefusalsUnder } from './router-errors';

describe('routerErrors, on the server a service runs on', () => {
  let fastify: FastifyInstance;
  let emitWarning: jest.SpyInstance;

  beforeAll(async () => {
    emitWarning = jest.spyOn(process, 'emitWarning');
    fastify = serviceHttpAdapter(0).getInstance();
    fastify.get('/v1/links/:token', async (request) => ({ length: (request.params as { token: string }).token.length }));
    await fastify.ready();
  });
  afterAll(async () => {
    emitWarning.mockRestore();
    await fastify.close();
  });

  it('given the service’s router settings, then Fastify takes them without a deprecation warning', () => {
    // A warning at every start buries the ones that matter.
    expect(emitWarning.mock.calls.map((call) => String(call[0]))).toEqual([]);
  });

  it('given a path parameter up to the limit, then the route gets it (and can refuse it by its own maxLength)', async () => {
    const answer = await fastify.inject({ method: 'GET', url: `/v1/links/${'0'.repeat(MAX_PATH_PARAM_LENGTH)}` });
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual({ length: MAX_PATH_PARAM_LENGTH });
  });

  it('given a path parameter past the limit, then it is 414 problem+json, as every other error', async () => {
    const answer = await fastify.inject({ method: 'GET', url: `/v1/links/${'0'.repeat(MAX_PATH_PARAM_LENGTH + 1)}` });
    expect(answer.statusCode).toBe(414);
    expect(answer.headers['content-type']).toContain('application/problem+json');
    expect(answer.json()).toMatchObject({ status: 414, title: 'URI Too Long', code: 'REQUEST.PATH_TOO_LONG' });
  });
});

describe('answerRouterRefusalsUnder, on the server a service runs on', () => {
  let fastify: FastifyInstance;
  const answered: { status: number; code: unknown; url: string }[] = [];

  beforeAll(async () => {
    fastify = serviceHttpAdapter(0).getInstance();
    fastify.get('/v1/links/:token', async () => ({ ok: true }));
    fastify.get('/v1/other/:id', async () => ({ ok: true }));
    answerRouterRefusalsUnder(fastify, '/v1/links', (refusal, request, reply) => {
      const response = refusal.getResponse();
      answered.push({ status: refusal.getStatus(), code: typeof response === 'object' && 'code' in response ? response.code : undefined, url: request.url });
      void reply.status(refusal.getStatus()).type('text/plain').send('own');
    });
    await fastify.ready();
  });
  afterAll(async () => {
    await fastify.close();
  });

  it('given what the router refuses under the prefix (past the limit, a malformed escape, no route fitting), then the prefix’s answer answers it, with the status and code it would have had', async () => {
    const urls = [`/v1/links/${'0'.repeat(MAX_PATH_PARAM_LENGTH + 1)}`, '/v1/links/%E0%A4%A', '/v1/links', '/v1/links/a/b'];
    const statuses = [];
    for (const url of urls) statuses.push((await fastify.inject({ method: 'GET', url })).statusCode);
    expect(statuses).toEqual([414, 400, 404, 404]);
    expect(answered.map((a) => [a.status, a.code])).toEqual([
      [414, 'REQUEST.PATH_TOO_LONG'],
      [400, 'REQUEST.BAD_URL'],
      [404, undefined],
      [404, undefined],
    ]);
  });

  it('given what the router refuses elsewhere, then it is problem+json as before', async () => {
    for (const url of [`/v1/other/${'0'.repeat(MAX_PATH_PARAM_LENGTH + 1)}`, '/v1/other/%E0%A4%A', '/v1/linksx/%E0%A4%A']) {
      const answer = await fastify.inject({ method: 'GET', url });
      expect(answer.headers['content-type']).toContain('application/problem+json');
    }
  });
});
