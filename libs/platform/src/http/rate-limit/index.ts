export {
  RATE_LIMIT_KEY,
  RateLimit,
  clientOf,
  perPrincipal,
  type FromConfig,
  type RateLimitOptions,
  type RateLimitRule,
} from './rate-limit.decorator';
export { OutageWarning } from './outage-warning';
export { RateLimitInterceptor } from './rate-limit.interceptor';
export { RATE_LIMIT_OPTIONS, type RateLimitModuleOptions } from './rate-limit.options';
export { RateLimiter, assertValidRateLimit, rateLimitRedisKey, type RateLimitDecision } from './rate-limiter';
export { rateLimitProviders } from './providers';
export { RateLimitThrottler, type ResolvedRateLimit } from './rate-limit.throttler';
