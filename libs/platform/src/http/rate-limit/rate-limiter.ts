import { Inject, Injectable } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { RedisClient } from '@cs/persistence';
import { REDIS } from '../../tokens';
import { RATE_LIMIT_OPTIONS, RateLimitModuleOptions } from './rate-limit.options';

/** What a ThrottlerStorage answers (the type is not exported by the package). */
type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

export interface RateLimitDecision {
  readonly allowed: boolean;
  /** Requests still allowed in the current window after this one. */
  readonly remaining: number;
  /** Seconds until the current window ends and the full limit is available again. */
  readonly resetSeconds: number;
}

// Fixed window that opens at a bucket's first request. Counting and starting the window's
// expiry happen in one script, so concurrent requests cannot both see the last free slot or
// leave a counter without expiry. A key without TTL (-1) is repaired rather than kept forever.
const CONSUME = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return { count, ttl }`;

/**
 * A bucket's counter for one window length. The window is part of the key: two rules sharing a
 * bucket name with different windows would otherwise fight over one counter's expiry.
 */
export function rateLimitKey(bucket: string, windowSeconds: number): string {
  return `${windowSeconds}:${encodeURIComponent(bucket)}`;
}

export function assertValidRateLimit(limit: number, windowSeconds: number): void {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`rate limit must be a positive integer, got ${limit}`);
  if (!Number.isInteger(windowSeconds) || windowSeconds < 1) {
    throw new RangeError(`rate-limit window must be a positive whole number of seconds, got ${windowSeconds}`);
  }
}

/**
 * Counts requests per bucket in Redis, shared by every instance of the service: the storage behind
 * @nestjs/throttler. Its published Redis storages are built on ioredis; this one is a single script
 * on the node-redis client the platform uses. A fixed window lets up to twice the limit through
 * around a window boundary; that is accepted for a guard against abuse in exchange for one counter
 * and one round trip per request.
 */
@Injectable()
export class RateLimiter implements ThrottlerStorage {
  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(RATE_LIMIT_OPTIONS) private readonly options: RateLimitModuleOptions,
  ) {}

  /** One request in `bucket`, under at most `limit` requests per window. */
  async consume(bucket: string, limit: number, windowSeconds: number): Promise<RateLimitDecision> {
    assertValidRateLimit(limit, windowSeconds);
    const { count, resetSeconds } = await this.hit(rateLimitKey(bucket, windowSeconds), windowSeconds);
    return { allowed: count <= limit, remaining: Math.max(0, limit - count), resetSeconds };
  }

  /**
   * ThrottlerStorage: `key` comes from the throttler's key generator, `ttl` is the window in ms.
   * A refused request stays refused until its window ends, so blockDuration is not used.
   */
  async increment(key: string, ttl: number, limit: number): Promise<ThrottlerStorageRecord> {
    const windowSeconds = ttl / 1000;
    assertValidRateLimit(limit, windowSeconds);
    const { count, resetSeconds } = await this.hit(key, windowSeconds);
    const isBlocked = count > limit;
    return { totalHits: count, timeToExpire: resetSeconds, isBlocked, timeToBlockExpire: isBlocked ? resetSeconds : 0 };
  }

  private async hit(key: string, windowSeconds: number): Promise<{ readonly count: number; readonly resetSeconds: number }> {
    const redisKey = `ratelimit:${encodeURIComponent(this.options.service)}:${key}`;
    const reply = await this.redis.eval(CONSUME, { keys: [redisKey], arguments: [String(windowSeconds * 1000)] });
    if (!Array.isArray(reply) || typeof reply[0] !== 'number' || typeof reply[1] !== 'number') {
      throw new Error('unexpected reply from the rate-limit script');
    }
    const [count, ttlMs] = reply as [number, number];
    return { count, resetSeconds: Math.max(1, Math.ceil(ttlMs / 1000)) };
  }
}
