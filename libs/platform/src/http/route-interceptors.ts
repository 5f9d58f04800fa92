import { INestApplication, NestInterceptor, RequestMethod, Type } from '@nestjs/common';
import { INTERCEPTORS_METADATA } from '@nestjs/common/constants';
import { IDEMPOTENCY_REQUIRED_KEY } from './idempotency/idempotency.decorators';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { RATE_LIMIT_KEY } from './rate-limit/rate-limit.decorator';
import { RateLimitInterceptor } from './rate-limit/rate-limit.interceptor';
import { ApplicationRoute, ModuleEntry, Route, applicationRoutes, controllersOf, declaredOn, routeName, routesOf } from './routes';

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
 * (PlatformModule, or a test's) must be visible to the controllers' modules. A handler inherited
 * by several controllers carries what any of them calls for; each interceptor reads the route's
 * own declarations again per request, so an unthrottled controller is not throttled by it.
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

/**
 * Why a route of an application would not run the platform's interceptors its declarations call
 * for as attachRouteInterceptors arranges them, or undefined when it would: one missing from its
 * metadata, or there but never registered in its controller's module (metadata written after Nest
 * scanned it, which Nest then drops without a word), or an interceptor on its controller, which
 * Nest would run outside them.
 */
function misplacedInterceptors(route: ApplicationRoute): string | undefined {
  const wanted = platformInterceptorsFor(route);
  if (wanted.length === 0) return undefined;
  const present = interceptorsOn(route);
  const missing = wanted.filter((interceptor) => !present.includes(interceptor) || !route.module.injectables.has(interceptor));
  if (missing.length > 0) return `${routeName(route)} (${missing.map((interceptor) => interceptor.name).join(', ')})`;
  const onController: unknown = Reflect.getMetadata(INTERCEPTORS_METADATA, route.controller);
  if (Array.isArray(onController) && onController.length > 0) return `${routeName(route)} (an interceptor on its controller)`;
  return undefined;
}

/** The routes (Controller_method, with what is amiss) of an application whose platform interceptors would not run as declared. */
export function routesMissingInterceptors(app: INestApplication): string[] {
  return applicationRoutes(app).flatMap((route) => misplacedInterceptors(route) ?? []);
}

/**
 * Refuses to start a service with a route its platform interceptors did not reach (a controller
 * in a module that attachRouteInterceptors could not see, or attached after the scan) or would not
 * wrap: a POST without idempotency or a @RateLimit that limits nothing would otherwise pass unnoticed.
 */
export function assertRouteInterceptors(app: INestApplication): void {
  const missing = routesMissingInterceptors(app);
  if (missing.length > 0) throw new Error(`routes whose rate limit or idempotency would not run as declared: ${missing.join('; ')}`);
}
