import { CallHandler, ExecutionContext, HttpException, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import type { InjectionToken } from '@nestjs/common';
import type { Observable } from 'rxjs';
import type { Logger } from '@cs/observability';
import { LOGGER } from '../../tokens';
import { RATE_LIMIT_KEY, RateLimitRule } from './rate-limit.decorator';
import { assertValidRateLimit } from './rate-limiter';
import { RateLimitThrottler } from './rate-limit.throttler';

/** One warning per interval while Redis is down, not one per request. */
const OUTAGE_WARNING_INTERVAL_MS = 30_000;

/**
 * Enforces @RateLimit on the routes attachRouteInterceptors puts it on. An interceptor rather than
 * a guard because interceptors run after every guard, so the authentication guard has attached
 * the principal a bucket may be keyed on and a webhook's signature guard has refused a forgery.
 */
@Injectable()
export class RateLimitInterceptor implements NestInterceptor {
  private readonly configs = new Map<InjectionToken, unknown>();
  private lastOutageWarning = 0;

  constructor(
    private readonly reflector: Reflector,
    private readonly moduleRef: ModuleRef,
    private readonly throttler: RateLimitThrottler,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

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
      // Fail open: losing throttling for a while is better than refusing every request while Redis is down.
      this.warnOutage(error);
    }
    return next.handle();
  }

  private config(token: InjectionToken): unknown {
    if (!this.configs.has(token)) this.configs.set(token, this.moduleRef.get<unknown>(token, { strict: false }));
    return this.configs.get(token);
  }

  private warnOutage(error: unknown): void {
    const now = Date.now();
    if (now - this.lastOutageWarning < OUTAGE_WARNING_INTERVAL_MS) return;
    this.lastOutageWarning = now;
    this.logger.warn({ err: error }, 'rate limiting suspended: Redis is not answering');
  }
}
