import type { OpenAPIObject } from '@nestjs/swagger';
import { mergeDocuments } from './merge-documents';

const PROBLEM = { type: 'object', properties: { code: { type: 'string' } } };

function serviceDocument(paths: OpenAPIObject['paths'], schemas: Record<string, object>): OpenAPIObject {
  return {
    openapi: '3.0.0',
    info: { title: 'x', version: '1' },
    paths,
    components: { schemas, securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
  };
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const ok = (schema: object) => ({ '200': { description: 'ok', content: { 'application/json': { schema } } } });

const intake = serviceDocument(
  {
    '/v1/contacts': { post: { operationId: 'Record', responses: ok(ref('View')) } },
    '/health/ready': { get: { responses: ok({}) } },
  },
  { View: { type: 'object', properties: { route: { type: 'string' } } }, ProblemDetails: PROBLEM },
);
const tickets = serviceDocument(
  { '/v1/tickets': { get: { operationId: 'Record', responses: ok({ type: 'array', items: ref('View') }) } } },
  { View: { type: 'object', properties: { status: { type: 'string' } } }, ProblemDetails: PROBLEM },
);
const base: OpenAPIObject = {
  openapi: '3.0.0',
  info: { title: 'API', version: '1', description: 'all of it' },
  paths: { '/v1/dev/token': { post: { responses: ok({}) } } },
  components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'how to sign in' } } },
};
const routes = (path: string, service: string) => (service === 'intake' ? path === '/v1/contacts' : path === '/v1/tickets');

describe('merging the services’ OpenAPI documents', () => {
  const merged = mergeDocuments({ base, parts: [{ service: 'intake', document: intake }, { service: 'tickets', document: tickets }], routes });

  it('holds the gateway’s own paths and every routed path of every service, and nothing unrouted', () => {
    expect(Object.keys(merged.paths).sort()).toEqual(['/v1/contacts', '/v1/dev/token', '/v1/tickets']);
    expect(merged.paths['/v1/contacts']?.post).toMatchObject({ 'x-service': 'intake' });
  });

  it('prefixes schemas whose names collide with different content, and points each service’s refs at its own', () => {
    const schemas = merged.components?.schemas ?? {};
    expect(schemas['View']).toBeUndefined();
    expect(schemas['IntakeView']).toEqual(intake.components?.schemas?.['View']);
    expect(schemas['TicketsView']).toEqual(tickets.components?.schemas?.['View']);
    expect(JSON.stringify(merged.paths['/v1/contacts'])).toContain('#/components/schemas/IntakeView');
    expect(JSON.stringify(merged.paths['/v1/tickets'])).toContain('#/components/schemas/TicketsView');
  });

  it('keeps one copy of a schema the services share unchanged', () => {
    expect(merged.components?.schemas?.['ProblemDetails']).toEqual(PROBLEM);
    expect(merged.components?.schemas?.['IntakeProblemDetails']).toBeUndefined();
  });

  it('makes operationIds unique across services and keeps the gateway’s sign-in description', () => {
    expect(merged.paths['/v1/contacts']?.post?.operationId).toBe('intake_Record');
    expect(merged.paths['/v1/tickets']?.get?.operationId).toBe('tickets_Record');
    expect(merged.components?.securitySchemes?.['bearer']).toMatchObject({ description: 'how to sign in' });
  });

  it('names the services it could not reach', () => {
    const partial = mergeDocuments({ base, parts: [{ service: 'intake', document: intake }], routes, unavailable: ['tickets'] });
    expect(partial.info.description).toContain('tickets');
    expect(partial.components?.schemas?.['View']).toBeDefined();
  });
});
