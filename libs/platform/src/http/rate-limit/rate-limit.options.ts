export const RATE_LIMIT_OPTIONS = Symbol('RATE_LIMIT_OPTIONS');

export interface RateLimitModuleOptions {
  /** Part of every Redis key, so services sharing one Redis keep separate counters. */
  readonly service: string;
  /**
   * The platform's namespace (KAFKA_TOPIC_PREFIX), before every key when set, so copies of the
   * platform sharing one Redis keep separate counters, as their channels and presence already are
   * apart: one copy's clients never spend another's limits.
   */
  readonly namespace?: string;
}
