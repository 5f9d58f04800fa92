import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { jwtVerify } from 'jose';
import { actorIdOf } from '@cs/auth';
import { ConfigError, DEV_JWT_SECRET, SERVICE_NAMES, loadGatewayConfig } from '@cs/config';
import { MAX_JSON_DEPTH } from '@cs/platform';
import { createGatewayApp } from '../bootstrap';

// No service runs here: the upstreams point at a port nothing listens on.
const NOWHERE = 'http://127.0.0.1:9';
const UPSTREAMS = Object.fromEntries(
  ['INTAKE', 'TICKETS', 'CALLBACKS', 'KNOWLEDGE', 'REPORTING'].map((s) => [`UPSTREAM_${s}_URL`, NOWHERE]),
);

async function gateway(env: Record<string, string>): Promise<NestFastifyApplication> {
  const app = await createGatewayApp(loadGatewayConfig({ LOG_LEVEL: 'silent', ...UPSTREAMS, ...env }), { swaggerUi: false });
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

const mint = (app: NestFastifyApplication, body: unknown, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/v1/dev/token', headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(body) });

describe('dev sign-in on the gateway', () => {
  let on: NestFastifyApplication;
  let off: NestFastifyApplication;

  beforeAll(async () => {
    on = await gateway({ DEV_TOKENS_ENABLED: 'true', JWT_MAX_LIFETIME_SECONDS: '3600' });
    off = await gateway({});
  });
  afterAll(async () => {
    await Promise.all([on.close(), off.close()]);
  });

  it('given DEV_TOKENS_ENABLED=true, when roles and projects are asked for, then a token the services accept carries them', async () => {
    const response = await mint(on, { roles: ['agent'], sub: 'agent-7', name: '李客服', projects: ['P001'] });
    expect(response.statusCode).toBe(200);
    const body = response.json<{ token: string; tokenType: string; expiresIn: number }>();
    expect(body.tokenType).toBe('Bearer');
    expect(body.expiresIn).toBe(3600);
    const { payload } = await jwtVerify(body.token, new TextEncoder().encode(DEV_JWT_SECRET));
    expect(payload).toMatchObject({ sub: 'agent-7', name: '李客服', roles: ['agent'], projects: ['P001'] });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(3600);
  });

  it('given a subject longer than 64 characters, as an identity provider may issue, then the token carries it and is named by the id the services derive from it', async () => {
    const sub = `https://idp.example.com/users/${'a'.repeat(200)}`;
    const response = await mint(on, { roles: ['agent'], sub });
    expect(response.statusCode).toBe(200);
    const { payload } = await jwtVerify(response.json<{ token: string }>().token, new TextEncoder().encode(DEV_JWT_SECRET));
    expect(payload).toMatchObject({ sub, name: actorIdOf(sub) });
    expect(actorIdOf(sub)).toMatch(/^sha256:[A-Za-z0-9_-]{43}$/);

    const tooLong = await mint(on, { roles: ['agent'], sub: 'a'.repeat(256) });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain('sub');
  });

  it('given a lifetime beyond JWT_MAX_LIFETIME_SECONDS or an unknown role, then it is refused by field', async () => {
    const tooLong = await mint(on, { roles: ['agent'], expiresInSeconds: 7200 });
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.json()).toMatchObject({ errors: [{ field: 'expiresInSeconds', code: 'out_of_range', params: { max: 3600 } }] });
    const unknownRole = await mint(on, { roles: ['root'] }, { 'accept-language': 'zh-CN' });
    expect(unknownRole.statusCode).toBe(400);
    expect(unknownRole.json()).toMatchObject({ code: 'VALIDATION.FAILED', errors: [{ field: 'roles', code: 'not_one_of' }] });
  });

  it('given a body nested deeper than the services take, then it is refused naming the field, as a service refuses it', async () => {
    const nested = (depth: number): unknown => (depth === 0 ? 'x' : { a: nested(depth - 1) });
    const deep = await mint(on, { roles: ['agent'], name: nested(MAX_JSON_DEPTH) });
    expect(deep.statusCode).toBe(400);
    expect(deep.json()).toMatchObject({ errors: [{ field: `name${'.a'.repeat(MAX_JSON_DEPTH - 1)}`, code: 'too_deep', params: { max: MAX_JSON_DEPTH } }] });

    const arrays = await on.inject({ method: 'POST', url: '/v1/dev/token', headers: { 'content-type': 'application/json' }, payload: `${'['.repeat(4_000)}${']'.repeat(4_000)}` });
    expect([arrays.statusCode, arrays.json<{ errors: { code: string }[] }>().errors[0]?.code]).toEqual([400, 'too_deep']);
  });

  it('given a body that is not JSON, then it is 415 and a broken one names the body, as a service answers them', async () => {
    const text = await on.inject({ method: 'POST', url: '/v1/dev/token', headers: { 'content-type': 'text/plain' }, payload: 'roles=agent' });
    expect(text.statusCode).toBe(415);
    const broken = await on.inject({ method: 'POST', url: '/v1/dev/token', headers: { 'content-type': 'application/json' }, payload: '{"roles":' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json()).toMatchObject({ errors: [{ field: 'body', code: 'invalid_json' }] });
  });

  it('without DEV_TOKENS_ENABLED, the endpoint does not exist', async () => {
    const response = await mint(off, { roles: ['admin'] });
    expect(response.statusCode).toBe(404);
    expect(response.body).not.toContain('eyJ');
  });

  it('in production with DEV_TOKENS_ENABLED=true, the gateway refuses to start', () => {
    expect(() => loadGatewayConfig({ NODE_ENV: 'production', DEV_TOKENS_ENABLED: 'true' })).toThrow(ConfigError);
  });

  it('Swagger UI’s Authorize explains how to get a token when dev sign-in is on, and the document lists the endpoint', async () => {
    const withDev = (await on.inject({ method: 'GET', url: '/docs-json' })).json<DocumentShape>();
    expect(withDev.components.securitySchemes.bearer.description).toContain('POST /v1/dev/token');
    expect(withDev.paths['/v1/dev/token']).toBeDefined();
    expect(withDev['x-unavailable-services']).toEqual([...SERVICE_NAMES]);
    const withoutDev = (await off.inject({ method: 'GET', url: '/docs-json' })).json<DocumentShape>();
    expect(withoutDev.components.securitySchemes.bearer.description).not.toContain('/v1/dev/token');
    expect(withoutDev.paths['/v1/dev/token']).toBeUndefined();
  });

  it('a path of a service that is down is a 503 problem, not a hang or a 500', async () => {
    const response = await on.inject({ method: 'GET', url: '/v1/tickets?contactId=x' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ code: 'GATEWAY.UPSTREAM_UNAVAILABLE' });
  });
});

interface DocumentShape {
  readonly paths: Record<string, unknown>;
  readonly components: { securitySchemes: { bearer: { description: string } } };
  readonly 'x-unavailable-services'?: string[];
}
