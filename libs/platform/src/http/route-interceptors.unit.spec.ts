import {
  All,
  CallHandler,
  Controller,
  DynamicModule,
  ExecutionContext,
  Get,
  Global,
  Injectable,
  Module,
  NestInterceptor,
  Patch,
  Post,
  Put,
  Type,
  UseInterceptors,
  forwardRef,
} from '@nestjs/common';
import { INTERCEPTORS_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, NestFactory } from '@nestjs/core';
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

@IdempotencyRequired()
@Controller('v1/archive')
class ArchiveController {
  @Get() list() {
    return [];
  }
  @Put(':id') store() {
    return {};
  }
}

@Controller('v1/hooks')
class HooksController {
  @All('any') any() {
    return {};
  }
  @Get('status')
  @RateLimit(perCaller)
  status() {
    return {};
  }
  @Get('plain') plain() {
    return {};
  }
}

@Controller('v1/late')
class LateController {
  @Post() create() {
    return {};
  }
}

@Module({ controllers: [ArchiveController, HooksController] })
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

beforeAll(async () => {
  await attachRouteInterceptors(ServiceRoot);
});

describe('attachRouteInterceptors', () => {
  it('finds the controllers of every module imported, dynamic, forward-referenced and asynchronous ones included', async () => {
    expect(new Set(await controllersOf(ServiceRoot))).toEqual(new Set([NotesController, FeedbackController, ArchiveController, HooksController, LateController]));
  });

  it('gives every POST (and @All) route and every @IdempotencyRequired route Idempotency-Key handling, and other routes nothing', () => {
    expect(on(NotesController, 'create')).toEqual([IdempotencyInterceptor]);
    expect(on(NotesController, 'edit')).toEqual([IdempotencyInterceptor]);
    expect(on(NotesController, 'pin')).toEqual([]);
    expect(on(NotesController, 'list')).toEqual([]);
    expect(on(HooksController, 'any')).toEqual([IdempotencyInterceptor]);
    expect(on(HooksController, 'plain')).toEqual([]);
    expect(on(LateController, 'create')).toEqual([IdempotencyInterceptor]);
    // Required on the controller: each of its routes, a GET too, as the interceptor reads it.
    expect(on(ArchiveController, 'store')).toEqual([IdempotencyInterceptor]);
    expect(on(ArchiveController, 'list')).toEqual([IdempotencyInterceptor]);
  });

  it('throttles the routes @RateLimit applies to, outside idempotency so a replay counts against the limit', () => {
    expect(on(FeedbackController, 'page')).toEqual([RateLimitInterceptor]);
    expect(on(FeedbackController, 'answer')).toEqual([RateLimitInterceptor, IdempotencyInterceptor]);
    expect(on(HooksController, 'status')).toEqual([RateLimitInterceptor]);
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

/** What the interceptors are built from, visible to every module as PlatformModule makes it. */
@Global()
@Module({
  providers: [
    { provide: IdempotencyStore, useValue: {} },
    { provide: IDEMPOTENCY_OPTIONS, useValue: { service: 'test' } },
    { provide: RateLimitThrottler, useValue: {} },
    { provide: LOGGER, useValue: {} },
  ],
  exports: [IdempotencyStore, IDEMPOTENCY_OPTIONS, RateLimitThrottler, LOGGER],
})
class PlatformStandIn {}

/** An application of `root` beside the stand-in; in preview mode Nest scans and resolves but builds nothing. */
async function appOf(root: Type<unknown>, options: { preview: boolean }): Promise<NestFastifyApplication> {
  @Module({ imports: [PlatformStandIn, root] })
  class App {}
  return NestFactory.create<NestFastifyApplication>(App, new FastifyAdapter(), { logger: false, preview: options.preview, abortOnError: false });
}

describe('the attached interceptors in an application', () => {
  it("are built in each controller's module from what a global module exports", async () => {
    const app = await appOf(ServiceRoot, { preview: false });
    try {
      const built = [...app.get(ModulesContainer).values()].flatMap((module) =>
        [...module.injectables.values()].map((wrapper) => wrapper.instance).filter((instance) => instance instanceof RateLimitInterceptor || instance instanceof IdempotencyInterceptor),
      );
      expect(built.some((instance) => instance instanceof RateLimitInterceptor)).toBe(true);
      expect(built.some((instance) => instance instanceof IdempotencyInterceptor)).toBe(true);
      expect(routesMissingInterceptors(app)).toEqual([]);
      expect(() => assertRouteInterceptors(app)).not.toThrow();
    } finally {
      await app.close();
    }
  });
});

describe('assertRouteInterceptors', () => {
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
    const app = await appOf(UnseenModule, { preview: true });
    try {
      expect(routesMissingInterceptors(app).sort()).toEqual([
        'UnseenController_create (RateLimitInterceptor, IdempotencyInterceptor)',
        'UnseenController_list (RateLimitInterceptor)',
      ]);
      expect(() => assertRouteInterceptors(app)).toThrow(/UnseenController_create.*UnseenController_list|UnseenController_list.*UnseenController_create/);
    } finally {
      await app.close();
    }
  });

  it('names a route whose interceptors were attached after Nest scanned it, which Nest would drop', async () => {
    @Controller('v1/late-attached')
    class LateAttachedController {
      @Post() create() {
        return {};
      }
    }
    @Module({ controllers: [LateAttachedController] })
    class LateAttachedModule {}
    const app = await appOf(LateAttachedModule, { preview: true });
    try {
      await attachRouteInterceptors(LateAttachedModule);
      expect(on(LateAttachedController, 'create')).toEqual([IdempotencyInterceptor]);
      expect(routesMissingInterceptors(app)).toEqual(['LateAttachedController_create (IdempotencyInterceptor)']);
    } finally {
      await app.close();
    }
  });

  it("names a route whose controller has an interceptor of its own, which would run outside the platform's", async () => {
    @UseInterceptors(TimingInterceptor)
    @Controller('v1/timed')
    class TimedController {
      @Post() create() {
        return {};
      }
      @Get() list() {
        return [];
      }
    }
    @Module({ controllers: [TimedController] })
    class TimedModule {}
    await attachRouteInterceptors(TimedModule);
    const app = await appOf(TimedModule, { preview: true });
    try {
      expect(routesMissingInterceptors(app)).toEqual(['TimedController_create (an interceptor on its controller)']);
    } finally {
      await app.close();
    }
  });
});
