import { FastifyInstance } from 'fastify';
import { serviceHttpAdapter } from '../bootstrap';
import { MAX_PATH_PARAM_LENGTH } from './router-errors';

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
