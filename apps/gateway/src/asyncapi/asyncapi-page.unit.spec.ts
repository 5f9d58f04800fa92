import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SERVICE_NAMES, loadGatewayConfig } from '@cs/config';
import { EVENT_CATALOG, buildAsyncApiDocument } from '@cs/contracts';
import { createGatewayApp } from '../bootstrap';
import { renderAsyncApiPage } from './asyncapi-page';

// No service runs here: the gateway describes the events from the contracts it is built with.
const UPSTREAMS = Object.fromEntries(SERVICE_NAMES.map((s) => [`UPSTREAM_${s.toUpperCase()}_URL`, 'http://127.0.0.1:9']));

describe('the AsyncAPI page of the gateway', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createGatewayApp(loadGatewayConfig({ LOG_LEVEL: 'silent', npm_package_version: '1.2.3', ...UPSTREAMS }), { swaggerUi: false });
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(async () => {
    await app.close();
  });

  it('serves the whole AsyncAPI document at /asyncapi.json without a token', async () => {
    const response = await app.inject({ method: 'GET', url: '/asyncapi.json' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.json()).toEqual(JSON.parse(JSON.stringify(buildAsyncApiDocument('1.2.3'))));
  });

  it('renders a page at /asyncapi listing every event with its schema, needing nothing from another origin', async () => {
    const response = await app.inject({ method: 'GET', url: '/asyncapi' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    for (const definition of EVENT_CATALOG) {
      expect(response.body).toContain(`<code>${definition.type}</code>`);
      expect(response.body).toContain(`<code>${definition.topic}</code>`);
    }
    // Every required property of the first event's data appears in its schema on the page.
    for (const property of EVENT_CATALOG[0]?.schema.required ?? []) expect(response.body).toContain(`&quot;${String(property)}&quot;`);
    expect(response.body).not.toMatch(/<(script|link)\b/);
    expect(response.body).not.toMatch(/(src|href)="https?:/);
  });

  it('escapes what the document says, so a summary cannot inject markup', () => {
    const page = renderAsyncApiPage({
      info: { title: 'Events', version: '1' },
      channels: { t: { address: 't', messages: { m: { $ref: '#/components/messages/m' } } } },
      components: { messages: { m: { name: 'm.v1', summary: '<img src=x onerror=alert(1)>' } } },
    });
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page).not.toContain('<img');
  });
});
