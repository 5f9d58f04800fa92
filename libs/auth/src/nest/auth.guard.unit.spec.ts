import 'reflect-metadata';
import { Controller, Get } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { signDevToken } from '../dev-token';
import { Permission, type Principal } from '../principal';
import { signRaw, TEST_SECRET } from '../testing/sign';
import { AuthModule } from './auth.module';
import { CurrentUser, Public, RequirePermissions, Roles } from './decorators';

@Controller()
class ProbeController {
  @Public()
  @Get('health')
  health() {
    return { status: 'ok' };
  }

  @Get('me')
  me(@CurrentUser() user: Principal) {
    return user;
  }

  @Roles('supervisor', 'manager')
  @Get('supervision')
  supervision() {
    return { allowed: true };
  }

  @Roles('quality')
  @Get('audits')
  audits() {
    return { allowed: true };
  }

  @RequirePermissions(Permission.CustomerPiiRead)
  @Get('customer-pii')
  customerPii() {
    return { phone: '13800000000' };
  }
}

@Roles('manager')
@RequirePermissions('reports.read')
@Controller('reports')
class ReportsController {
  @Get()
  list() {
    return { allowed: true };
  }

  @Roles('quality')
  @RequirePermissions('reports.export')
  @Get('export')
  export() {
    return { allowed: true };
  }
}

describe('AuthGuard in a Fastify Nest app', () => {
  let app: NestFastifyApplication;

  const token = (input: Parameters<typeof signDevToken>[0]) => signDevToken(input, TEST_SECRET);
  const get = async (url: string, bearer?: string) => {
    const response = await app.inject({
      method: 'GET',
      url,
      headers: bearer === undefined ? {} : { authorization: `Bearer ${bearer}` },
    });
    return { status: response.statusCode, body: response.json<Record<string, unknown>>(), headers: response.headers };
  };

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [AuthModule.forRoot({ mode: 'hs256', secret: TEST_SECRET })],
      controllers: [ProbeController, ReportsController],
    }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app.close();
  });

  it('lets @Public() routes through without a token', async () => {
    expect(await get('/health')).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('answers 401 with a bare Bearer challenge when no token is sent', async () => {
    const response = await get('/me');
    expect(response.status).toBe(401);
    expect(response.body.message).toMatch(/missing Authorization header/);
    expect(response.headers['www-authenticate']).toBe('Bearer');
  });

  it('answers 401 invalid_token for a garbage token', async () => {
    const response = await get('/me', 'not-a-jwt');
    expect(response.status).toBe(401);
    expect(response.body.message).toMatch(/^malformed token/);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer error="invalid_token", error_description="malformed/);
  });

  it('answers 401 naming the cause for expired and foreign tokens', async () => {
    const expired = await signRaw({ sub: 'u-1', roles: ['agent'] }, TEST_SECRET, { expiresInSeconds: -60 });
    const foreign = await signDevToken({ roles: 'agent' }, 'someone-elses-secret-that-is-long-enough');
    expect(await get('/me', expired)).toMatchObject({ status: 401, body: { message: 'token expired' } });
    expect(await get('/me', foreign)).toMatchObject({
      status: 401,
      body: { message: 'token signature verification failed' },
    });
  });

  it('answers 401 invalid_token describing why a token that lives too long, or has no role, is refused', async () => {
    const forever = await signRaw({ sub: 'u-1', roles: ['agent'] }, TEST_SECRET, { expiresInSeconds: 1e20, issuedAtSeconds: 0 });
    const lifetime = await get('/me', forever);
    expect(lifetime.status).toBe(401);
    expect(lifetime.headers['www-authenticate']).toBe(
      'Bearer error="invalid_token", error_description="token lifetime exceeds the maximum of 86400 seconds"',
    );
    const roleless = await signRaw({ sub: 'u-1', roles: [], permissions: [Permission.CustomerPiiRead] }, TEST_SECRET);
    const noRole = await get('/customer-pii', roleless);
    expect(noRole.status).toBe(401);
    expect(noRole.headers['www-authenticate']).toMatch(/error_description="\?roles\? claim must name at least one role"/);
  });

  it('echoes the principal to @CurrentUser()', async () => {
    const bearer = await token({ roles: 'agent', sub: 'u-1', name: '张三', projects: ['P001'] });
    const response = await get('/me', bearer);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ sub: 'u-1', name: '张三', roles: ['agent'], permissions: [], projects: ['P001'], expiresAt: expect.any(String) });
  });

  it('answers 403 naming the required roles when the principal has none of them', async () => {
    const response = await get('/supervision', await token({ roles: 'agent' }));
    expect(response.status).toBe(403);
    expect(response.body.message).toBe('requires one of the roles supervisor, manager');
    expect(response.headers['www-authenticate']).toBe('Bearer error="insufficient_scope"');
    expect(await get('/audits', await token({ roles: 'agent' }))).toMatchObject({
      status: 403,
      body: { message: 'requires role quality' },
    });
  });

  it('allows any one of the listed roles', async () => {
    expect((await get('/supervision', await token({ roles: 'manager' }))).status).toBe(200);
    expect((await get('/supervision', await token({ roles: ['agent', 'supervisor'] }))).status).toBe(200);
  });

  it('answers 403 naming the missing permission, 200 once granted', async () => {
    const without = await get('/customer-pii', await token({ roles: 'agent' }));
    expect(without).toMatchObject({ status: 403, body: { message: 'missing permission customer.pii.read' } });
    const withIt = await get('/customer-pii', await token({ roles: 'agent', permissions: [Permission.CustomerPiiRead] }));
    expect(withIt).toMatchObject({ status: 200, body: { phone: '13800000000' } });
  });

  it('applies class-level roles and permissions to every handler', async () => {
    expect((await get('/reports', await token({ roles: 'manager', permissions: ['reports.read'] }))).status).toBe(200);
    expect((await get('/reports', await token({ roles: 'quality', permissions: ['reports.read'] }))).status).toBe(403);
    expect((await get('/reports', await token({ roles: 'manager' }))).body.message).toBe(
      'missing permission reports.read',
    );
  });

  it('lets a handler override class roles but only add to class permissions', async () => {
    const quality = await token({ roles: 'quality', permissions: ['reports.read', 'reports.export'] });
    expect((await get('/reports/export', quality)).status).toBe(200);
    const manager = await token({ roles: 'manager', permissions: ['reports.read', 'reports.export'] });
    expect((await get('/reports/export', manager)).body.message).toBe('requires role quality');
    const exportOnly = await token({ roles: 'quality', permissions: ['reports.export'] });
    expect((await get('/reports/export', exportOnly)).body.message).toBe('missing permission reports.read');
  });
});
