export const IDEMPOTENCY_OPTIONS = Symbol('IDEMPOTENCY_OPTIONS');

export interface IdempotencyOptions {
  /** Part of every Redis key, so services sharing one Redis never see each other's keys. */
  readonly service: string;
  /** How long a completed response can be replayed; the draft suggests at least 24 hours. */
  readonly ttlSeconds?: number;
  /**
   * How long a reservation blocks duplicates while its handler runs. It bounds how long a
   * key stays stuck if the process dies mid-request; a handler slower than this can run twice.
   */
  readonly inProgressTtlSeconds?: number;
}

export interface ResolvedIdempotencyOptions {
  readonly service: string;
  readonly ttlSeconds: number;
  readonly inProgressTtlSeconds: number;
}

export const DEFAULT_IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
export const DEFAULT_IN_PROGRESS_TTL_SECONDS = 60;

export function resolveIdempotencyOptions(options: IdempotencyOptions): ResolvedIdempotencyOptions {
  const resolved = {
    service: options.service,
    ttlSeconds: options.ttlSeconds ?? DEFAULT_IDEMPOTENCY_TTL_SECONDS,
    inProgressTtlSeconds: options.inProgressTtlSeconds ?? DEFAULT_IN_PROGRESS_TTL_SECONDS,
  };
  if (resolved.service.length === 0) throw new Error('idempotency: service must not be empty');
  for (const name of ['ttlSeconds', 'inProgressTtlSeconds'] as const) {
    if (!Number.isInteger(resolved[name]) || resolved[name] < 1) {
      throw new Error(`idempotency: ${name} must be a positive integer, got ${resolved[name]}`);
    }
  }
  return resolved;
}

/**
 * How long a command's recorded key is kept, and its answer replayed from Postgres: as long as its
 * Redis record lives, counted from the reservation it was taken under.
 */
export function committedKeyLifetimeMs(options: ResolvedIdempotencyOptions): number {
  return (options.ttlSeconds + options.inProgressTtlSeconds) * 1000;
}
