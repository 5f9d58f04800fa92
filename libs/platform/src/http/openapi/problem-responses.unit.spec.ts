import type { OpenAPIObject } from '@nestjs/swagger';
import { PROBLEM_SCHEMA_NAME, documentProblemResponses, problemStatuses } from './problem-responses';

function documentWith(paths: OpenAPIObject['paths']): OpenAPIObject {
  return { openapi: '3.0.0', info: { title: 't', version: '1' }, paths, components: { schemas: { Other: { type: 'object' } } } };
}

describe('problemStatuses', () => {
  it('a collection read can be invalid, unauthenticated, forbidden or refused by a rule', () => {
    expect(Object.keys(problemStatuses('/v1/tickets', 'get')).sort()).toEqual(['400', '401', '403', '422']);
  });

  it('a command on one resource that reads If-Match can also miss it, conflict with its state or hold a stale ETag', () => {
    expect(Object.keys(problemStatuses('/v1/tickets/{id}/dispatch', 'post', true)).sort()).toEqual([
      '400',
      '401',
      '403',
      '404',
      '409',
      '412',
      '422',
    ]);
  });

  it('a command that requires Idempotency-Key can miss it (428), and only then', () => {
    expect(problemStatuses('/v1/things', 'post', false, true)).toHaveProperty('428');
    expect(problemStatuses('/v1/things', 'post')).not.toHaveProperty('428');
  });

  it('a command that does not read If-Match has no ETag to be stale', () => {
    expect(problemStatuses('/v1/contacts', 'post')).not.toHaveProperty('412');
    expect(problemStatuses('/v1/customers/{id}/merge', 'post')).not.toHaveProperty('412');
  });
});

describe('documentProblemResponses', () => {
  const document = documentProblemResponses(
    documentWith({
      '/v1/things/{id}': {
        get: { responses: { '200': { description: 'ok' }, '404': { description: 'declared by the controller' } } },
        put: {
          parameters: [{ name: 'If-Match', in: 'header', schema: { type: 'string' } }],
          responses: { '200': { description: 'ok' } },
        },
      },
    }),
  );
  const responses = document.paths['/v1/things/{id}']!.get!.responses;

  it('adds problem+json answers and a default to every operation', () => {
    expect(responses['400']).toMatchObject({
      content: { 'application/problem+json': { schema: { $ref: `#/components/schemas/${PROBLEM_SCHEMA_NAME}` } } },
    });
    expect(responses['default']).toBeDefined();
    expect(responses['200']).toEqual({ description: 'ok' });
  });

  it('documents 412 where the operation takes If-Match, and only there', () => {
    expect(document.paths['/v1/things/{id}']!.put!.responses['412']).toBeDefined();
    expect(responses['412']).toBeUndefined();
  });

  it('keeps responses the controller declared and the schemas already there', () => {
    expect(responses['404']).toEqual({ description: 'declared by the controller' });
    expect(Object.keys(document.components!.schemas!).sort()).toEqual(['Other', PROBLEM_SCHEMA_NAME]);
  });

  it('describes what a 409 state conflict adds: the current status and the statuses the command is allowed from', () => {
    const problem = document.components!.schemas![PROBLEM_SCHEMA_NAME] as { properties: Record<string, object> };
    expect(problem.properties['currentStatus']).toMatchObject({ type: 'string' });
    expect(problem.properties['allowedFrom']).toMatchObject({ type: 'array', items: { type: 'string' } });
  });

  it('describes the gateway’s answers for a service that did not answer: the 504, and the outcome a write it may have applied carries', () => {
    // Given the gateway's 504 GATEWAY.UPSTREAM_TIMEOUT and 503 for a write, with outcome "unknown" (ADR 0115)
    const problem = document.components!.schemas![PROBLEM_SCHEMA_NAME] as { properties: Record<string, object> };
    // Then a client finds the field to branch on in the schema, and the status in every operation's default
    expect(problem.properties['outcome']).toMatchObject({ type: 'string', enum: ['unknown'] });
    expect((responses['default'] as { description: string }).description).toContain('504 `GATEWAY.UPSTREAM_TIMEOUT`');
  });
});
