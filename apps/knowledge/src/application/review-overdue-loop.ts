import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { KnowledgeReviewOverdueV1 } from '@cs/contracts';
import { OutboxWriter } from '@cs/messaging';
import type { Logger } from '@cs/observability';
import { BackgroundLoop, LOGGER, OUTBOX } from '@cs/platform';
import { ReviewRepository } from '../infrastructure/review.repository';

/** Reviews announced per round; a full round runs the next one at once. */
const BATCH = 50;
/** Deadlines are working days: a minute late is soon enough. */
const INTERVAL_MS = 60_000;

/**
 * The durable timer of answer reviews: flags answers past their review-by date, and announces
 * each overdue review once (knowledge.review.overdue) — claimed with SKIP LOCKED and marked in
 * the transaction that writes the event, so it fires once across replicas and restarts.
 */
@Injectable()
export class ReviewOverdueLoop extends BackgroundLoop {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reviews: ReviewRepository,
    @Inject(OUTBOX) private readonly outbox: OutboxWriter,
    @Inject(LOGGER) logger: Logger,
  ) {
    super('announcing overdue answer reviews', logger, INTERVAL_MS);
  }

  /** One round at `now`; returns how many overdue reviews were announced. */
  async fireDue(now = new Date()): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      await this.reviews.flagPastReviewBy(tx, now);
      const due = await this.reviews.claimOverdue(tx, now, BATCH);
      for (const r of due) {
        await this.outbox.append(tx, KnowledgeReviewOverdueV1, r.answerId, {
          answerId: r.answerId,
          version: r.version,
          reason: r.reason,
          ...(r.noticeId ? { noticeId: r.noticeId } : {}),
          dueAt: r.dueAt.toISOString(),
          at: now.toISOString(),
        });
      }
      return due.length;
    });
  }

  protected async poll(): Promise<boolean> {
    return (await this.fireDue()) === BATCH;
  }
}
