import 'reflect-metadata';
import { Controller, Get, type DynamicModule } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { generateKeyPair } from 'jose';
import { AuthConfigError } from '../errors';
import type { Principal } from '../principal';
import { startJwksServer } from '../testing/jwks-server';
import { signRaw } from '../testing/sign';
import { AuthModule } from './auth.module';
import { CurrentUser, Public, RequirePermissions, Roles } from './decorators';

@Controller()
class ProbeController {
  @Get('private')
  private() {
    return { ok: true };
  }

  @Public()
  @Get('public-me')
  publicMe(@CurrentUser() user: Principal) {
    return user;
  }
}

async function startApp(auth: DynamicModule): Promise<NestFastifyApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [auth], controllers: [ProbeController] }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

describe('AuthModule wiring', () => {
  it('fails at bootstrap, not per request, when the options are unusable', async () => {
    await expect(startApp(AuthModule.forRoot({ mode: 'hs256', secret: 'short' }))).rejects.toThrow(AuthConfigError);
  });

  it('answers 503 rather than 401 when the JWKS endpoint is unreachable', async () => {
    const gone = await startJwksServer([]);
    await gone.close();
    const app = await startApp(AuthModule.forRoot({ mode: 'jwks', jwksUrl: gone.url }));
    try {
      const { privateKey } = await generateKeyPair('RS256');
      const token = await signRaw({ sub: 'u-1', roles: ['agent'] }, privateKey, { alg: 'RS256', kid: 'k1' });
      const response = await app.inject({ method: 'GET', url: '/private', headers: { authorization: `Bearer ${token}` } });
      expect(response.statusCode).toBe(503);
      expect(response.json<{ message: string }>().message).toMatch(/keys are temporarily unavailable/);
    } finally {
      await app.close();
    }
  });

  it('treats @CurrentUser() on a @Public() route as a server bug (500), not a client error', async () => {
    const app = await startApp(AuthModule.forRoot({ mode: 'hs256', secret: 'x'.repeat(32) }));
    try {
      const response = await app.inject({ method: 'GET', url: '/public-me' });
      expect(response.statusCode).toBe(500);
    } finally {
      await app.close();
    }
  });
});

describe('authorization decorators', () => {
  it('refuse empty lists, which would silently mean "no restriction"', () => {
    expect(() => Roles()).toThrow(/at least one role/);
    expect(() => RequirePermissions()).toThrow(/at least one permission/);
  });
});
