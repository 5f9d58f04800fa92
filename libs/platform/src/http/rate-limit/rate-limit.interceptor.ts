import { CallHandler, ExecutionContext, HttpException, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import type { InjectionToken } from '@nestjs/common';
import type { Observable } from 'rxjs';
import type { Logger } from '@cs/observability';
import { LOGGER } from '../../tokens';
import { RATE_LIMIT_KEY, RateLimitRule } from './rate-limit.decorator';
import { assertValidRateLimit } from './rate-limiter';
import { RateLimitThrottler } from './rate-limit.throttler';
import { OutageWarning } from './outage-warning';

/**
 * Enforces @RateLimit on the routes attachRouteInterceptors puts it on. An interceptor rather than
 * a guard because interceptors run after every guard, so the authentication guard has attached
 * the principal a bucket may be keyed on and a webhook's signature guard has refused a forgery.
 */
@Injectable()
export class RateLimitInterceptor implements NestInterceptor {
  private readonly configs = new Map<InjectionToken, unknown>();
  private readonly unenforced: OutageWarning;

  constructor(
    private readonly reflector: Reflector,
    private readonly moduleRef: ModuleRef,
    private readonly throttler: RateLimitThrottler,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.unenforced = new OutageWarning(logger, 'rate limiting suspended: its counters cannot be read');
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const rule = this.reflector.getAllAndOverride<RateLimitRule | undefined>(RATE_LIMIT_KEY, [context.getHandler(), context.getClass()]);
    if (rule === undefined) return next.handle();

    // Outside the try below: a misconfigured limit is a bug to surface, not an outage to ride out.
    const { limit, windowSeconds } = rule.policy(rule.configToken === undefined ? undefined : this.config(rule.configToken));
    assertValidRateLimit(limit, windowSeconds);

    try {
      await this.throttler.enforce(context, { bucket: rule.bucket, limit, windowSeconds });
    } catch (error: unknown) {
      if (error instanceof HttpException) throw error;
      // Redis lost is met by the limiter's per-replica counters (ADR 0152); anything else left
      // opens the limit rather than refusing every request for a counter.
      this.unenforced.warn(error);
    }
    return next.handle();
  }

  private config(token: InjectionToken): unknown {
    if (!this.configs.has(token)) this.configs.set(token, this.moduleRef.get<unknown>(token, { strict: false }));
    return this.configs.get(token);
  }
}
