import { CallHandler, Controller, DynamicModule, ExecutionContext, Get, Global, Injectable, Module, NestInterceptor, Patch, Post, Type, UseInterceptors, forwardRef } from '@nestjs/common';
import { INTERCEPTORS_METADATA } from '@nestjs/common/constants';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Observable } from 'rxjs';
import { IdempotencyRequired } from './idempotency/idempotency.decorators';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { IDEMPOTENCY_OPTIONS } from './idempotency/idempotency.options';
import { IdempotencyStore } from './idempotency/idempotency.store';
import { LOGGER } from '../tokens';
import { RateLimitThrottler } from './rate-limit/rate-limit.throttler';
import { RateLimit } from './rate-limit/rate-limit.decorator';
import { RateLimitInterceptor } from './rate-limit/rate-limit.interceptor';
import { assertRouteInterceptors, attachRouteInterceptors, routesMissingInterceptors } from './route-interceptors';
import { controllersOf } from './routes';

@Injectable()
class TimingInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle();
  }
}

const perCaller = { bucket: () => 'caller', limit: 5, windowSeconds: 60 };

@Controller('v1/notes')
class NotesController {
  @Get() list() {
    return [];
  }
  @Post() create() {
    return {};
  }
  @Patch(':id')
  @IdempotencyRequired()
  edit() {
    return {};
  }
  @Patch(':id/pin') pin() {
    return {};
  }
  @Post('import')
  @UseInterceptors(TimingInterceptor)
  import() {
    return {};
  }
  /** Not a route. */
  helper() {
    return 1;
  }
}

@RateLimit(perCaller)
@Controller('v1/feedback')
class FeedbackController {
  @Get(':token') page() {
    return '';
  }
  @Post(':token') answer() {
    return {};
  }
}

@Controller('v1/archive')
class ArchiveController {
  @Get() list() {
    return [];
  }
}

@Controller('v1/late')
class LateController {
  @Post() create() {
    return {};
  }
}

@Module({ controllers: [ArchiveController] })
class ArchiveModule {}

@Module({})
class FeedbackModule {
  static register(): DynamicModule {
    return { module: FeedbackModule, controllers: [FeedbackController], imports: [forwardRef(() => ArchiveModule)] };
  }
}

@Module({ imports: [FeedbackModule.register(), Promise.resolve({ module: class LateModule {}, controllers: [LateController] })], controllers: [NotesController] })
class ServiceRoot {}

const on = (controller: object, method: string): unknown[] =>
  (Reflect.getMetadata(INTERCEPTORS_METADATA, (controller as { prototype: Record<string, object> }).prototype[method]!) as unknown[] | undefined) ?? [];

describe('attachRouteInterceptors', () => {
  beforeAll(async () => {
    await attachRouteInterceptors(ServiceRoot);
  });

  it('finds the controllers of every module imported, dynamic, forward-referenced and asynchronous ones included', async () => {
    expect(new Set(await controllersOf(ServiceRoot))).toEqual(new Set([NotesController, FeedbackController, ArchiveController, LateController]));
  });

  it('gives every POST and every @IdempotencyRequired route Idempotency-Key handling, and other routes nothing', () => {
    expect(on(NotesController, 'create')).toEqual([IdempotencyInterceptor]);
    expect(on(NotesController, 'edit')).toEqual([IdempotencyInterceptor]);
    expect(on(NotesController, 'pin')).toEqual([]);
    expect(on(NotesController, 'list')).toEqual([]);
    expect(on(ArchiveController, 'list')).toEqual([]);
    expect(on(LateController, 'create')).toEqual([IdempotencyInterceptor]);
  });

  it("throttles every route of a @RateLimit controller, outside idempotency so a replay counts against the limit", () => {
    expect(on(FeedbackController, 'page')).toEqual([RateLimitInterceptor]);
    expect(on(FeedbackController, 'answer')).toEqual([RateLimitInterceptor, IdempotencyInterceptor]);
  });

  it("keeps a route's own interceptors, inside the platform's", () => {
    expect(on(NotesController, 'import')).toEqual([IdempotencyInterceptor, TimingInterceptor]);
  });

  it('changes nothing when attached again, as for a second application of the same controllers in one process', async () => {
    await attachRouteInterceptors(ServiceRoot);
    expect(on(NotesController, 'import')).toEqual([IdempotencyInterceptor, TimingInterceptor]);
    expect(on(FeedbackController, 'answer')).toEqual([RateLimitInterceptor, IdempotencyInterceptor]);
  });
});

describe('assertRouteInterceptors', () => {
  /** What the interceptors are built from, visible to every module as PlatformModule makes it; preview mode builds nothing. */
  @Global()
  @Module({
    providers: [
      { provide: IdempotencyStore, useValue: {} },
      { provide: IDEMPOTENCY_OPTIONS, useValue: {} },
      { provide: RateLimitThrottler, useValue: {} },
      { provide: LOGGER, useValue: {} },
    ],
    exports: [IdempotencyStore, IDEMPOTENCY_OPTIONS, RateLimitThrottler, LOGGER],
  })
  class PlatformStandIn {}

  async function preview(root: Type<unknown>): Promise<NestFastifyApplication> {
    @Module({ imports: [PlatformStandIn, root] })
    class App {}
    return NestFactory.create<NestFastifyApplication>(App, new FastifyAdapter(), { logger: false, preview: true, abortOnError: false });
  }

  it('lets an application whose routes all carry what they declare start', async () => {
    const app = await preview(ServiceRoot);
    try {
      expect(routesMissingInterceptors(app)).toEqual([]);
      expect(() => assertRouteInterceptors(app)).not.toThrow();
    } finally {
      await app.close();
    }
  });

  it('names each route the attaching did not reach', async () => {
    @RateLimit(perCaller)
    @Controller('v1/unseen')
    class UnseenController {
      @Get() list() {
        return [];
      }
      @Post() create() {
        return {};
      }
    }
    @Controller('v1/reads')
    class ReadsController {
      @Get() list() {
        return [];
      }
    }
    @Module({ controllers: [UnseenController, ReadsController] })
    class UnseenModule {}
    const app = await preview(UnseenModule);
    try {
      expect(routesMissingInterceptors(app).sort()).toEqual(['UnseenController_create', 'UnseenController_list']);
      expect(() => assertRouteInterceptors(app)).toThrow(/UnseenController_create, UnseenController_list|UnseenController_list, UnseenController_create/);
    } finally {
      await app.close();
    }
  });
});
