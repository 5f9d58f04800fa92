import type { OperationObject } from '@nestjs/swagger';
import type { HttpMethod } from './operations';
import { ExampleContext, problemExample, resourceCode } from './problem-examples';

const KEY = { name: 'Idempotency-Key', in: 'header' as const, schema: { type: 'string' as const } };

function context(path: string, method: HttpMethod, operation: Partial<OperationObject> & { 'x-roles'?: string[] } = {}): ExampleContext {
  return {
    path,
    method,
    operation: { responses: {}, ...operation },
    schemas: { RecordContact: { type: 'object', required: ['channel', 'content'], properties: { channel: { type: 'string' } } } },
  };
}

describe('resourceCode', () => {
  it('is the singular of the collection, as the services name their codes', () => {
    expect(resourceCode('/v1/tickets/{id}/dispatch')).toBe('TICKET');
    expect(resourceCode('/v1/webhook-subscriptions/{id}')).toBe('WEBHOOK_SUBSCRIPTION');
    expect(resourceCode('/v1/policies')).toBe('POLICY');
  });
});

describe('problemExample', () => {
  it('shows a 400 with the field error the operation most plausibly meets, in Chinese', () => {
    const byId = problemExample('400', context('/v1/tickets/{id}', 'get', { parameters: [{ name: 'id', in: 'path', schema: { type: 'string', format: 'uuid' } }] }));
    expect(byId).toMatchObject({ status: 400, code: 'VALIDATION.FAILED', errors: [{ field: 'id', code: 'invalid_format', params: { format: 'uuid' } }] });
    const body = problemExample(
      '400',
      context('/v1/contacts', 'post', { requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/RecordContact' } } } } }),
    );
    expect(body.errors).toEqual([{ field: 'channel', code: 'required', params: {}, message: expect.stringMatching(/[\u4e00-\u9fff]/) }]);
  });

  it('names the roles allowed in a 403', () => {
    expect(problemExample('403', context('/v1/tickets/{id}/dispatch', 'post', { 'x-roles': ['agent', 'supervisor'] })).detail).toBe(
      'requires role agent or supervisor',
    );
  });

  it('shows a ticket command’s 409 with the status the ticket is in and the statuses it is allowed from', () => {
    expect(problemExample('409', context('/v1/tickets/{id}/dispatch', 'post'))).toMatchObject({
      status: 409,
      code: 'TICKET.ILLEGAL_TRANSITION',
      currentStatus: 'resolved',
      allowedFrom: ['new', 'dispatched', 'in_progress'],
    });
  });

  it('shows a stale ETag’s 412 naming If-Match with the current version, as the server sends it', () => {
    expect(problemExample('412', context('/v1/tickets/{id}/dispatch', 'post'))).toMatchObject({
      status: 412,
      code: 'TICKET.VERSION_CONFLICT',
      currentVersion: 4,
      errors: [expect.objectContaining({ field: 'If-Match', code: 'rejected' })],
    });
  });

  it('shows the Idempotency-Key answers on a POST that takes one', () => {
    const post = context('/v1/contacts', 'post', { parameters: [KEY] });
    expect(problemExample('409', post).code).toBe('IDEMPOTENCY.IN_PROGRESS');
    expect(problemExample('422', post).code).toBe('IDEMPOTENCY.KEY_REUSED');
    expect(problemExample('428', post)).toMatchObject({ status: 428, code: 'IDEMPOTENCY.KEY_REQUIRED' });
  });

  it('gives each status its own answer, and the default a 503', () => {
    const statuses = ['400', '401', '403', '404', '409', '412', '422', '428'];
    const shown = statuses.map((status) => problemExample(status, context('/v1/calendars/{id}', 'put')));
    expect(shown.map((p) => p.status)).toEqual(statuses.map(Number));
    expect(new Set(shown.map((p) => p.code)).size).toBe(statuses.length);
    expect(problemExample('default', context('/v1/calendars/{id}', 'put')).status).toBe(503);
  });
});
