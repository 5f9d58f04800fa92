import type { OpenAPIObject } from '@nestjs/swagger';
import { documentedMethods } from './documented-methods';

const ok = { responses: { '200': { description: 'ok' } } };

function documenting(paths: OpenAPIObject['paths']): OpenAPIObject {
  return { openapi: '3.0.0', info: { title: 'the API', version: '1' }, paths };
}

describe('the methods the merged document gives a request path', () => {
  const methodsOf = documentedMethods(
    documenting({
      '/v1/tickets': { get: ok, post: ok },
      '/v1/tickets/{id}': { get: ok, patch: ok, parameters: [] },
      '/v1/tickets/{id}/close': { post: ok },
      '/v1/customers/{id}': { get: ok, delete: ok },
      '/v1/customers/lookup': { post: ok },
      '/v1/reports/{month}.{format}': { get: ok },
    }),
  );

  it('given a path a template fits, then it is that template’s methods, HEAD beside GET', () => {
    expect(methodsOf('/v1/tickets/7f1c')).toEqual(['GET', 'HEAD', 'PATCH']);
    expect(methodsOf('/v1/tickets/7f1c/close')).toEqual(['POST']);
    expect(methodsOf('/v1/tickets')).toEqual(['GET', 'HEAD', 'POST']);
  });

  it('given a trailing slash, then it is the path without it', () => {
    expect(methodsOf('/v1/tickets/7f1c/')).toEqual(['GET', 'HEAD', 'PATCH']);
  });

  it('given a concrete path a template also fits, then it is the concrete path’s methods alone, as OpenAPI matches them first', () => {
    expect(methodsOf('/v1/customers/lookup')).toEqual(['POST']);
    expect(methodsOf('/v1/customers/c-1')).toEqual(['DELETE', 'GET', 'HEAD']);
  });

  it('given a parameter within a segment, then it stands for that part of the segment only', () => {
    expect(methodsOf('/v1/reports/2026-11.xlsx')).toEqual(['GET', 'HEAD']);
    expect(methodsOf('/v1/reports/2026-11')).toBeUndefined();
  });

  it('given a path no template fits (a parameter is one whole segment), then the document says nothing about it', () => {
    expect(methodsOf('/v1/tickets/7f1c/close/again')).toBeUndefined();
    expect(methodsOf('/v1/tickets/a/b')).toBeUndefined();
    expect(methodsOf('/v1/ticketsx')).toBeUndefined();
    expect(methodsOf('/v1/tickets//close')).toBeUndefined();
  });

  it('given a template whose characters mean something in a pattern, then they are matched as they are written', () => {
    const literal = documentedMethods(documenting({ '/v1/a.b/{id}': { put: ok } }));
    expect(literal('/v1/a.b/1')).toEqual(['PUT']);
    expect(literal('/v1/aXb/1')).toBeUndefined();
  });

  it('given a document without paths, then no path has methods', () => {
    expect(documentedMethods({ openapi: '3.0.0', info: { title: 'none', version: '1' }, paths: {} })('/v1/tickets')).toBeUndefined();
  });
});
