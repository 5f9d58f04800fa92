export const RATE_LIMIT_OPTIONS = Symbol('RATE_LIMIT_OPTIONS');

export interface RateLimitModuleOptions {
  /** Part of every Redis key, so services sharing one Redis keep separate counters. */
  readonly service: string;
}
