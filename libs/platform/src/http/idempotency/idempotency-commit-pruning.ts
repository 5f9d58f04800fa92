import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from '@cs/observability';
import { BackgroundLoop } from '../../background-loop';
import { LOGGER } from '../../tokens';
import { IdempotencyCommitLog } from './idempotency-commit-log';
import { IDEMPOTENCY_OPTIONS, IdempotencyOptions, committedKeyLifetimeMs, resolveIdempotencyOptions } from './idempotency.options';

const EVERY_MS = 5 * 60_000;
const BATCH = 1_000;

/**
 * Forgets a recorded key once its Redis record would have expired: a key sent again after that
 * is a new request in Redis, and so it is here. A batch at a time, so a backlog never holds
 * locks for long; every replica prunes, each passing by the rows another is deleting.
 */
@Injectable()
export class IdempotencyCommitPruning extends BackgroundLoop {
  private readonly keptMs: number;

  constructor(
    private readonly log: IdempotencyCommitLog,
    @Inject(IDEMPOTENCY_OPTIONS) options: IdempotencyOptions,
    @Inject(LOGGER) logger: Logger,
  ) {
    super('forgetting idempotency keys', logger, EVERY_MS);
    this.keptMs = committedKeyLifetimeMs(resolveIdempotencyOptions(options));
  }

  /** Prunes one batch as of `now`; true when it was full and more may wait. */
  async pruneOnce(now = new Date()): Promise<boolean> {
    return (await this.log.prune(new Date(now.getTime() - this.keptMs), BATCH)) === BATCH;
  }

  protected poll(): Promise<boolean> {
    return this.pruneOnce();
  }
}
