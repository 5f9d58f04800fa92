import { Controller, Get } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { corsPolicyOf } from '@cs/config';
import { DomainError } from '@cs/ddd';
import { createLogger } from '@cs/observability';
import { buildHttpTestApp } from '@cs/testing';
import { ProblemDetailsFilter } from '../problem/problem.filter';
import { LOGGER } from '../tokens';
import { installCors } from './cors';
import { withVary } from './vary';

describe('withVary', () => {
  it.each([
    [undefined, ['Origin'], 'Origin'],
    ['Origin', ['Accept-Language'], 'Origin, Accept-Language'],
    ['origin, Accept', ['Origin', 'Accept'], 'origin, Accept'],
    ['*', ['Origin'], '*'],
    ['', ['Accept-Language', 'Origin'], 'Accept-Language, Origin'],
  ])('%p with %p is %p', (current, fields, expected) => {
    expect(withVary(current, ...fields)).toBe(expected);
  });
});

@Controller('things')
class ThingsController {
  @Get('missing')
  missing(): never {
    throw new DomainError('THING.NOT_FOUND', 'not_found', 'no such thing');
  }
}

describe('an error answered to a browser on another origin', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await buildHttpTestApp({
      controllers: [ThingsController],
      providers: [
        { provide: LOGGER, useValue: createLogger('things', 'silent') },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
      configure: (nest) => installCors(nest.getHttpAdapter().getInstance(), corsPolicyOf({ NODE_ENV: 'development' })),
    });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('varies by Origin, as its Access-Control-Allow-Origin does, and by the language of its message', async () => {
    const response = await app.inject({ method: 'GET', url: '/things/missing', headers: { origin: 'http://localhost:5173', 'accept-language': 'en' } });
    expect(response.statusCode).toBe(404);
    expect(response.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    const vary = String(response.headers['vary']).split(',').map((field) => field.trim().toLowerCase());
    expect(vary.sort()).toEqual(['accept-language', 'origin']);
  });
});
