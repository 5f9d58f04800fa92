import Fastify, { type FastifyInstance } from 'fastify';
import { DomainError } from '@cs/ddd';
import { createLogger } from '@cs/observability';
import { QuestionnairePageFilter } from './questionnaire-page.filter';

const PAGE = /^text\/html/;
const PROBLEM = /^application\/problem\+json/;

describe('QuestionnairePageFilter, by the Accept of the request it refuses', () => {
  let fastify: FastifyInstance;

  beforeAll(async () => {
    const filter = new QuestionnairePageFilter(createLogger('callbacks', 'silent'));
    fastify = Fastify();
    fastify.route({ method: ['GET', 'POST'], url: '/v1/questionnaires/:token', handler: async (request, reply) => {
      filter.answer(new DomainError('QUESTIONNAIRE.NOT_FOUND', 'not_found', 'this questionnaire link is not valid'), request, reply);
      return reply;
    } });
    await fastify.ready();
  });
  afterAll(async () => {
    await fastify.close();
  });

  it.each<[string | undefined, RegExp]>([
    [undefined, PAGE],
    ['*/*', PAGE],
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', PAGE],
    ['application/json', PROBLEM],
    ['application/problem+json', PROBLEM],
    ['application/json, text/plain, */*', PROBLEM],
    // HTML refused, or only application types accepted: problem+json, which the client takes.
    ['text/html;q=0, */*', PROBLEM],
    ['application/*', PROBLEM],
    // HTML preferred through a wildcard, or JSON refused with `Q=0`: the page.
    ['text/*, application/json;q=0.5', PAGE],
    ['application/json;q=0.5, */*', PAGE],
    ['application/json;Q=0, text/html', PAGE],
  ])('Accept %p is answered as %p, with Vary: Accept', async (accept, type) => {
    const answer = await fastify.inject({ method: 'GET', url: '/v1/questionnaires/x', headers: accept === undefined ? {} : { accept } });
    expect([answer.statusCode, answer.headers['content-type']]).toEqual([404, expect.stringMatching(type)]);
    expect(answer.headers['vary']).toContain('Accept');
  });

  it('a refusal of any method but opening the link (the answer’s POST, read by the page’s script) is problem+json whatever Accept says', async () => {
    const answer = await fastify.inject({ method: 'POST', url: '/v1/questionnaires/x', headers: { accept: '*/*' } });
    expect([answer.statusCode, answer.headers['content-type']]).toEqual([404, expect.stringMatching(PROBLEM)]);
  });
});
