import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorageService, type ThrottlerStorage } from '@nestjs/throttler';
import type { Logger } from '@cs/observability';
import type { RedisClient } from '@cs/persistence';
import { isDependencyFailure } from '../../problem/dependency-failure';
import { LOGGER, REDIS } from '../../tokens';
import { OutageWarning } from './outage-warning';
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

/** A request counted: the window's count so far, this one included, and the seconds until it ends. */
interface Hit {
  readonly count: number;
  readonly resetSeconds: number;
}

/**
 * A bucket's counter for one window length. The window is part of the key: two rules sharing a
 * bucket name with different windows would otherwise fight over one counter's expiry.
 */
export function rateLimitKey(bucket: string, windowSeconds: number): string {
  return `${windowSeconds}:${encodeURIComponent(bucket)}`;
}

/** Where a bucket's counter lives in Redis: under the platform's namespace, if any, and the service. */
export function rateLimitRedisKey(options: RateLimitModuleOptions, key: string): string {
  return `${options.namespace ? `${options.namespace}:` : ''}ratelimit:${encodeURIComponent(options.service)}:${key}`;
}

export function assertValidRateLimit(limit: number, windowSeconds: number): void {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`rate limit must be a positive integer, got ${limit}`);
  if (!Number.isInteger(windowSeconds) || windowSeconds < 1) {
    throw new RangeError(`rate-limit window must be a positive whole number of seconds, got ${windowSeconds}`);
  }
}

/** The throttler name the library's in-memory storage counts under; one rule is one throttler. */
const LOCAL_THROTTLER = 'default';

/**
 * Counts requests per bucket in Redis, shared by every instance of the service: the storage behind
 * @nestjs/throttler. Its published Redis storages are built on ioredis; this one is a single script
 * on the node-redis client the platform uses. A fixed window lets up to twice the limit through
 * around a window boundary; that is accepted for a guard against abuse in exchange for one counter
 * and one round trip per request.
 *
 * While Redis is lost, each replica counts in its own memory instead (the library's own storage),
 * under the same limit: a public route stays limited, at most the replica count times as loosely,
 * rather than open to anyone while Redis is away (ADR 0152).
 */
@Injectable()
export class RateLimiter implements ThrottlerStorage, OnApplicationShutdown {
  private readonly local = new ThrottlerStorageService();
  private readonly outage: OutageWarning;

  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(RATE_LIMIT_OPTIONS) private readonly options: RateLimitModuleOptions,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.outage = new OutageWarning(logger, 'rate limits counted by each replica alone: Redis is not answering');
  }

  onApplicationShutdown(): void {
    this.local.onApplicationShutdown();
  }

  /** One request in `bucket`, under at most `limit` requests per window. */
  async consume(bucket: string, limit: number, windowSeconds: number): Promise<RateLimitDecision> {
    assertValidRateLimit(limit, windowSeconds);
    const { count, resetSeconds } = await this.hit(rateLimitKey(bucket, windowSeconds), windowSeconds, limit);
    return { allowed: count <= limit, remaining: Math.max(0, limit - count), resetSeconds };
  }

  /**
   * ThrottlerStorage: `key` comes from the throttler's key generator, `ttl` is the window in ms.
   * A refused request stays refused until its window ends, so blockDuration is not used.
   */
  async increment(key: string, ttl: number, limit: number): Promise<ThrottlerStorageRecord> {
    const windowSeconds = ttl / 1000;
    assertValidRateLimit(limit, windowSeconds);
    const { count, resetSeconds } = await this.hit(key, windowSeconds, limit);
    const isBlocked = count > limit;
    return { totalHits: count, timeToExpire: resetSeconds, isBlocked, timeToBlockExpire: isBlocked ? resetSeconds : 0 };
  }

  private async hit(key: string, windowSeconds: number, limit: number): Promise<Hit> {
    try {
      return await this.hitShared(key, windowSeconds);
    } catch (error: unknown) {
      if (!isDependencyFailure(error)) throw error;
      this.outage.warn(error);
      return this.hitLocal(key, windowSeconds, limit);
    }
  }

  /**
   * The replica's own count, over a sliding window: a refused request is not counted, and the next
   * is allowed once the window's earliest request has left it. No block duration: the library's
   * block stops counting yet lets its hits expire, so its count fell back under the limit while
   * it still held the bucket blocked, and every request until the block ended went through.
   */
  private async hitLocal(key: string, windowSeconds: number, limit: number): Promise<Hit> {
    const record = await this.local.increment(key, windowSeconds * 1000, limit, 0, LOCAL_THROTTLER);
    return { count: record.totalHits, resetSeconds: Math.max(1, record.isBlocked ? record.timeToBlockExpire : record.timeToExpire) };
  }

  private async hitShared(key: string, windowSeconds: number): Promise<Hit> {
    const redisKey = rateLimitRedisKey(this.options, key);
    const reply = await this.redis.eval(CONSUME, { keys: [redisKey], arguments: [String(windowSeconds * 1000)] });
    if (!Array.isArray(reply) || typeof reply[0] !== 'number' || typeof reply[1] !== 'number') {
      throw new Error('unexpected reply from the rate-limit script');
    }
    const [count, ttlMs] = reply as [number, number];
    return { count, resetSeconds: Math.max(1, Math.ceil(ttlMs / 1000)) };
  }
}
