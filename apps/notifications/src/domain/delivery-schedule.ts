/** How a webhook delivery is retried: exponential backoff from a first delay, a cap, then `failed`. */
export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly initialBackoffMs: number;
  readonly maxBackoffMs: number;
}

export const MAX_BACKOFF_MS = 60 * 60 * 1000;

export type DeliveryOutcome =
  | { readonly status: 'delivered' }
  | { readonly status: 'pending'; readonly nextAttemptAt: Date }
  | { readonly status: 'failed' };

/**
 * What follows attempt number `attempt` (1 for the first): a receiver that answered 2xx has
 * the delivery; otherwise it is tried again after `initial · 2^(attempt−1)` (at most the cap),
 * until `maxAttempts` attempts have failed.
 */
export function afterAttempt(attempt: number, succeeded: boolean, policy: RetryPolicy, now: Date): DeliveryOutcome {
  if (succeeded) return { status: 'delivered' };
  if (attempt >= policy.maxAttempts) return { status: 'failed' };
  const delay = Math.min(policy.initialBackoffMs * 2 ** (attempt - 1), policy.maxBackoffMs);
  return { status: 'pending', nextAttemptAt: new Date(now.getTime() + delay) };
}
