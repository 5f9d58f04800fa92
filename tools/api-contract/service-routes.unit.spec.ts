import { RequestMethod } from '@nestjs/common';
import { INTERCEPTORS_METADATA } from '@nestjs/common/constants';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { ServiceName } from '@cs/config';
import { IdempotencyInterceptor, RateLimitInterceptor, applicationRoutes, attachRouteInterceptors, routeName, routesMissingInterceptors } from '@cs/platform';
import { ROOT_MODULES } from './service-documents';

describe.each(Object.keys(ROOT_MODULES) as ServiceName[])('the %s service, wired as it starts', (service) => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    // As createServiceApp does; preview mode resolves every provider the interceptors need (through
    // PlatformModule's exports) without building any or reaching Postgres, Kafka or Redis.
    await attachRouteInterceptors(ROOT_MODULES[service]);
    app = await NestFactory.create<NestFastifyApplication>(ROOT_MODULES[service], new FastifyAdapter(), { preview: true, logger: false, abortOnError: false });
  });

  afterAll(async () => {
    await app.close();
  });

  it('runs every route with the rate limit and idempotency it declares', () => {
    expect(routesMissingInterceptors(app)).toEqual([]);
  });

  it('handles Idempotency-Key on each POST and runs its reads with no interceptor unless rate-limited', () => {
    const routes = applicationRoutes(app);
    expect(routes.some((route) => route.method === RequestMethod.POST)).toBe(true);
    for (const route of routes) {
      const interceptors = (Reflect.getMetadata(INTERCEPTORS_METADATA, route.handler) as unknown[] | undefined) ?? [];
      if (route.method === RequestMethod.POST) expect([routeName(route), interceptors.includes(IdempotencyInterceptor)]).toEqual([routeName(route), true]);
      if (route.method === RequestMethod.GET) expect([routeName(route), interceptors.filter((i) => i !== RateLimitInterceptor)]).toEqual([routeName(route), []]);
    }
  });
});
