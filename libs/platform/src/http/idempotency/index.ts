export {
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENCY_REPLAYED_HEADER,
  MAX_IDEMPOTENCY_KEY_LENGTH,
  canonicalJson,
  parseIdempotencyKeyHeader,
  requestFingerprint,
  type IdempotencyKeyHeader,
  type IdempotencyScope,
} from './idempotency-key';
export { IDEMPOTENCY_REQUIRED_KEY, IdempotencyRequired, idempotencyKeyParameter } from './idempotency.decorators';
export { IdempotencyInterceptor } from './idempotency.interceptor';
export { idempotencySlot, type IdempotencySlot } from './idempotency-slot';
export {
  DEFAULT_IDEMPOTENCY_TTL_SECONDS,
  DEFAULT_IN_PROGRESS_TTL_SECONDS,
  IDEMPOTENCY_OPTIONS,
  type IdempotencyOptions,
} from './idempotency.options';
export { IdempotencyStore, type IdempotencyEntry, type StoredResponse } from './idempotency.store';
export { idempotencyProviders } from './providers';
export { IdempotencyCommitLog, idempotencyAnswersMigration, idempotencyCommitsMigration } from './idempotency-commit-log';
export { IdempotencyCommitPruning } from './idempotency-commit-pruning';
