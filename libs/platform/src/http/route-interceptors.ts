import { INestApplication, NestInterceptor, RequestMethod, Type } from '@nestjs/common';
import { INTERCEPTORS_METADATA } from '@nestjs/common/constants';
import { IDEMPOTENCY_REQUIRED_KEY } from './idempotency/idempotency.decorators';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { RATE_LIMIT_KEY } from './rate-limit/rate-limit.decorator';
import { RateLimitInterceptor } from './rate-limit/rate-limit.interceptor';
import { ModuleEntry, Route, applicationRoutes, controllersOf, declaredOn, routeName, routesOf } from './routes';

/**
 * The platform's interceptors a route's declarations call for, outermost first: throttling where
 * @RateLimit applies (so replays count against the limit), then Idempotency-Key handling on every
 * POST and every @IdempotencyRequired route.
 */
function platformInterceptorsFor(route: Route): Type<NestInterceptor>[] {
  const throttled = declaredOn(route, RATE_LIMIT_KEY) !== undefined;
  const idempotent = route.method === RequestMethod.POST || route.method === RequestMethod.ALL || declaredOn(route, IDEMPOTENCY_REQUIRED_KEY) === true;
  return [...(throttled ? [RateLimitInterceptor] : []), ...(idempotent ? [IdempotencyInterceptor] : [])];
}

function interceptorsOn(route: Route): unknown[] {
  const metadata: unknown = Reflect.getMetadata(INTERCEPTORS_METADATA, route.handler);
  return Array.isArray(metadata) ? metadata : [];
}

/**
 * Puts the platform's interceptors on the routes that call for them, ahead of a route's own
 * (ADR 0060): the others — every GET among them — run with no interceptor at all, which in Nest
 * costs each request an rxjs chain and an async resource bound per interceptor. Done on the
 * decorators before Nest scans `root`, so each application builds its own instances, as for
 * `@UseInterceptors(Class)`; attaching twice changes nothing. The module providing them
 * (PlatformModule, or a test's) must be visible to the controllers' modules.
 */
export async function attachRouteInterceptors(root: ModuleEntry): Promise<void> {
  for (const controller of await controllersOf(root)) {
    for (const route of routesOf(controller)) {
      const wanted = platformInterceptorsFor(route);
      if (wanted.length === 0) continue;
      const own = interceptorsOn(route).filter((interceptor) => !wanted.includes(interceptor as Type<NestInterceptor>));
      Reflect.defineMetadata(INTERCEPTORS_METADATA, [...wanted, ...own], route.handler);
    }
  }
}

/** The routes (Controller_method) of an application that lack an interceptor their declarations call for. */
export function routesMissingInterceptors(app: INestApplication): string[] {
  return applicationRoutes(app)
    .filter((route) => {
      const present = interceptorsOn(route);
      return platformInterceptorsFor(route).some((interceptor) => !present.includes(interceptor));
    })
    .map(routeName);
}

/**
 * Refuses to start a service with a route its platform interceptors did not reach (a controller
 * in a module that attachRouteInterceptors could not see): a POST without idempotency or a
 * @RateLimit that limits nothing would otherwise pass unnoticed.
 */
export function assertRouteInterceptors(app: INestApplication): void {
  const missing = routesMissingInterceptors(app);
  if (missing.length > 0) throw new Error(`routes without the interceptors they declare (rate limit, idempotency): ${missing.join(', ')}`);
}
