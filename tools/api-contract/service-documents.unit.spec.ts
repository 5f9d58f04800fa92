import type { OpenAPIObject } from '@nestjs/swagger';
import {
  buildMergedDocument,
  impreciseResponseProperties,
  operationsWithoutProse,
  postsWithoutIdempotencyKey,
  requiredDefaults,
  successesWithoutSchema,
  wrongErrorExamples,
} from './service-documents';

describe('the merged API document, built from the code without infrastructure', () => {
  let document: OpenAPIObject;

  beforeAll(async () => {
    document = await buildMergedDocument();
  });

  it('holds every service’s operations', () => {
    const services = new Set(
      Object.values(document.paths).flatMap((item) => Object.values(item).map((op: { 'x-service'?: string }) => op['x-service'])),
    );
    expect([...services].sort()).toEqual(['callbacks', 'intake', 'knowledge', 'notifications', 'reporting', 'tickets']);
  });

  it('describes the body of every success response, so a generated client has a type for it', () => {
    expect(successesWithoutSchema(document)).toEqual([]);
  });

  it('types response timestamps as date-time and closed sets as enums', () => {
    expect(impreciseResponseProperties(document)).toEqual([]);
  });

  it('gives every operation a summary and a description', () => {
    expect(operationsWithoutProse(document)).toEqual([]);
  });

  it('declares Idempotency-Key on every POST', () => {
    expect(postsWithoutIdempotencyKey(document)).toEqual([]);
  });

  it('shows for each error status an example of that status, with field errors on a 400', () => {
    expect(wrongErrorExamples(document)).toEqual([]);
  });

  it('never requires a property that has a default', () => {
    expect(requiredDefaults(document)).toEqual([]);
  });
});

describe('successesWithoutSchema', () => {
  it('names a 2xx response without a schema, and not a 204 or an error', () => {
    const document = {
      openapi: '3.0.0',
      info: { title: 't', version: '1' },
      paths: {
        '/a': {
          get: { responses: { '200': { description: 'ok' }, '400': { description: 'bad' } } },
          post: { responses: { '201': { description: 'created', content: { 'application/json': { schema: { type: 'object' } } } } } },
          delete: { responses: { '204': { description: 'gone' } } },
        },
      },
    } as OpenAPIObject;
    expect(successesWithoutSchema(document)).toEqual(['GET /a 200']);
  });
});

describe('impreciseResponseProperties', () => {
  it('names response timestamps without date-time and closed sets without an enum, not request bodies', () => {
    const document = {
      openapi: '3.0.0',
      info: { title: 't', version: '1' },
      paths: {
        '/a': {
          post: {
            requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Body' } } } },
            responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/View' } } } } },
          },
        },
      },
      components: {
        schemas: {
          Body: { type: 'object', properties: { sentAt: { type: 'string' } } },
          View: {
            type: 'object',
            properties: {
              createdAt: { type: 'string' },
              closedAt: { type: 'string', format: 'date-time' },
              finishedAt: { type: 'object', format: 'date-time', nullable: true },
              status: { type: 'string' },
              channel: { type: 'string', enum: ['phone'] },
              entries: { type: 'array', items: { $ref: '#/components/schemas/Entry' } },
            },
          },
          Entry: { type: 'object', properties: { action: { type: 'string' } } },
        },
      },
    } as unknown as OpenAPIObject;
    expect(impreciseResponseProperties(document)).toEqual(['Entry.action: enum', 'View.createdAt: date-time', 'View.finishedAt: type string', 'View.status: enum']);
  });
});
