import type { ModuleMetadata, PipeTransform, Type } from '@nestjs/common';
import type { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Role } from '@cs/auth';

export interface HttpTestAppOptions extends Pick<ModuleMetadata, 'imports' | 'controllers' | 'providers'> {
  /** Global pipes, as the service installs them (`createValidationPipe()` from @cs/platform). */
  readonly pipes?: readonly PipeTransform[];
  /** Runs before `init`, as a service's bootstrap does: `installRequestInput` from @cs/platform reads requests as a service does. */
  readonly configure?: (app: NestFastifyApplication) => void | Promise<void>;
  /** Runs on the test's module before the application is created: `attachRouteInterceptors` from @cs/platform, as a service's bootstrap does. */
  readonly beforeCreate?: (module: Type<unknown>) => Promise<void>;
  /** The HTTP server, as a service builds it (`serviceHttpAdapter` from @cs/platform); Fastify's defaults otherwise. */
  readonly adapter?: FastifyAdapter;
}

/**
 * Controllers on a bare Nest + Fastify application, ready for `inject`. The module is given
 * piece by piece, not PlatformModule, whose Kafka, outbox relay and Redis such a test must not start.
 */
export async function buildHttpTestApp(options: HttpTestAppOptions): Promise<NestFastifyApplication> {
  // Loaded here, not with @cs/testing: most suites importing it never build an application.
  const [{ Module }, { NestFactory }, { FastifyAdapter }] = await Promise.all([import('@nestjs/common'), import('@nestjs/core'), import('@nestjs/platform-fastify')]);
  class HttpTestModule {}
  Module({ imports: options.imports ?? [], controllers: options.controllers ?? [], providers: options.providers ?? [] })(HttpTestModule);
  await options.beforeCreate?.(HttpTestModule);
  // `rawBody` as in the services, whose webhook signatures cover the body bytes. A wiring mistake
  // throws (abortOnError: false) and fails its suite, instead of exiting the whole test run.
  const app = await NestFactory.create<NestFastifyApplication>(HttpTestModule, options.adapter ?? new FastifyAdapter(), { logger: false, rawBody: true, abortOnError: false });
  await options.configure?.(app);
  if (options.pipes?.length) app.useGlobalPipes(...options.pipes);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

export interface InjectedResponse {
  readonly status: number;
  readonly headers: Record<string, unknown>;
  readonly body: Record<string, unknown>;
}

export interface InjectOptions {
  /** Signs a dev token for this role, as `<role>-1`, with DEV_JWT_SECRET (what `AuthModule.forRoot` in such an app should check). */
  readonly role?: Role;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

/** A JSON request through Fastify's `inject`, answered with a JSON body. */
export async function injectJson(
  app: NestFastifyApplication,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  options: InjectOptions = {},
): Promise<InjectedResponse> {
  const { DEV_JWT_SECRET, signDevToken } = await import('./dev-token-signing');
  const token = options.role ? await signDevToken({ roles: options.role, sub: `${options.role}-1` }, DEV_JWT_SECRET) : undefined;
  const response = await app.inject({
    method,
    url,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    },
    ...(options.body === undefined ? {} : { payload: JSON.stringify(options.body) }),
  });
  return { status: response.statusCode, headers: response.headers, body: response.json<Record<string, unknown>>() };
}
