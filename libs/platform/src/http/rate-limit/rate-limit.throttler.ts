import { ExecutionContext, HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { rateLimitKey } from './rate-limiter';

/** A route's @RateLimit rule, resolved for one request. */
export interface ResolvedRateLimit {
  readonly bucket: (request: FastifyRequest) => string;
  readonly limit: number;
  readonly windowSeconds: number;
}

const THROTTLER_NAME = 'default';

/**
 * @nestjs/throttler's request handling (storage round trip, RateLimit-* headers, Retry-After) for
 * one @RateLimit rule. Used by RateLimitInterceptor rather than registered as a guard: limits and
 * buckets come from the route's rule, and the bucket may need the principal the guards attach.
 */
@Injectable()
export class RateLimitThrottler extends ThrottlerGuard {
  // The header names of draft-ietf-httpapi-ratelimit-headers, without the legacy X- prefix.
  protected override headerPrefix = 'RateLimit';

  override async onModuleInit(): Promise<void> {
    // No module-wide throttlers: each @RateLimit rule is one.
    this.throttlers = [];
    this.commonOptions = { setHeaders: true };
  }

  /** Counts the request against its bucket; throws RATE_LIMIT.EXCEEDED (429) beyond the limit. */
  async enforce(context: ExecutionContext, rule: ResolvedRateLimit): Promise<void> {
    const ttl = rule.windowSeconds * 1000;
    await this.handleRequest({
      context,
      limit: rule.limit,
      ttl,
      blockDuration: ttl,
      throttler: { name: THROTTLER_NAME, limit: rule.limit, ttl },
      getTracker: (request) => rule.bucket(request as FastifyRequest),
      generateKey: (_context, bucket) => rateLimitKey(bucket, rule.windowSeconds),
    });
  }

  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    // The library sets only Retry-After on a refusal; the RateLimit-* headers describe it as well.
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    void reply
      .header('RateLimit-Limit', String(detail.limit))
      .header('RateLimit-Remaining', '0')
      .header('RateLimit-Reset', String(detail.timeToBlockExpire));
    throw new HttpException(
      {
        code: 'RATE_LIMIT.EXCEEDED',
        message: `at most ${detail.limit} requests per ${detail.ttl / 1000} s are allowed; retry in ${detail.timeToBlockExpire} s`,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
