import type { OpenAPIObject } from '@nestjs/swagger';
import { documentedIdempotencyKeys } from './documented-idempotency-keys';

const key = { name: 'Idempotency-Key', in: 'header' as const, required: false, schema: { type: 'string' } };
const document = (paths: OpenAPIObject['paths']): OpenAPIObject => ({ openapi: '3.0.0', info: { title: 'cs', version: '1' }, paths });

describe('documentedIdempotencyKeys', () => {
  it('given the operation a path reaches, then it tells whether that operation reads the key', () => {
    const reads = documentedIdempotencyKeys(
      document({
        '/v1/tickets/{id}/replies': { post: { parameters: [key], responses: {} } },
        '/v1/calendars/{id}': { put: { responses: {} } },
      }),
    );
    expect(reads('/v1/tickets/5d2b/replies', 'POST')).toBe(true);
    expect(reads('/v1/calendars/night-desk', 'PUT')).toBe(false);
    expect(reads('/v1/calendars/night-desk', 'DELETE')).toBeUndefined();
  });

  it('given two templates fitting a path and only one of them reading the key, then a retry under it is not invited', () => {
    const reads = documentedIdempotencyKeys(
      document({
        '/v1/answers/{id}/approval': { put: { parameters: [key], responses: {} } },
        '/v1/{collection}/{id}/approval': { put: { responses: {} } },
      }),
    );
    expect(reads('/v1/answers/a1/approval', 'PUT')).toBe(false);
  });
});
