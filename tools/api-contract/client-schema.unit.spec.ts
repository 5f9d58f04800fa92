import { readFileSync } from 'node:fs';
import type { OpenAPIObject } from '@nestjs/swagger';
import { CLIENT_SCHEMA_FILE, generateClientSchema, typesOf } from './client-schema';

describe('the typed API client', () => {
  it('is generated from the code as it is (run `npm run api-client:generate` after changing the API)', async () => {
    const committed = readFileSync(CLIENT_SCHEMA_FILE, 'utf8');
    const fresh = await generateClientSchema();
    // Comparing lengths first keeps a failure's message short; the full comparison follows.
    expect(committed.length).toBe(fresh.length);
    expect(committed === fresh).toBe(true);
  });

  it('changes its types when a response schema changes', () => {
    const document = (type: string): OpenAPIObject => ({
      openapi: '3.0.0',
      info: { title: 't', version: '1' },
      paths: {},
      components: { schemas: { View: { type: 'object', required: ['n'], properties: { n: { type } } } } },
    });
    expect(typesOf(document('string'))).toContain('n: string;');
    expect(typesOf(document('integer'))).toContain('n: number;');
  });

  it('leaves a property with a default optional, as the server fills it in', () => {
    const document: OpenAPIObject = {
      openapi: '3.0.0',
      info: { title: 't', version: '1' },
      paths: {},
      components: { schemas: { Query: { type: 'object', properties: { limit: { type: 'integer', default: 20 } } } } },
    };
    expect(typesOf(document)).toContain('limit?: number;');
  });
});
