import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { KnowledgeReviewOverdueV1 } from '@cs/contracts';
import { OutboxWriter } from '@cs/messaging';
import type { Logger } from '@cs/observability';
import { addWorkingDays } from '@cs/business-calendar';
import { BackgroundLoop, CalendarReplica, LOGGER, OUTBOX } from '@cs/platform';
import { ReviewRepository } from '../infrastructure/review.repository';

/** Reviews announced per round; a full round runs the next one at once. */
const BATCH = 50;
/** Deadlines are working days: a minute late is soon enough. */
const INTERVAL_MS = 60_000;

/**
 * The durable timer of answer reviews: counts change notices' deadlines again when their
 * calendar has changed (ADR 0069), flags answers past their review-by date, and announces each
 * overdue review once (knowledge.review.overdue) — claimed with SKIP LOCKED and marked in the
 * transaction that writes the event, so it fires once across replicas and restarts.
 */
@Injectable()
export class ReviewOverdueLoop extends BackgroundLoop {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reviews: ReviewRepository,
    private readonly calendars: CalendarReplica,
    @Inject(OUTBOX) private readonly outbox: OutboxWriter,
    @Inject(LOGGER) logger: Logger,
  ) {
    super('announcing overdue answer reviews', logger, INTERVAL_MS);
  }

  /** One round at `now`; returns how many overdue reviews were announced. */
  async fireDue(now = new Date()): Promise<number> {
    await this.recountNotices();
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

  /**
   * Counts change notices' deadlines again by a newer calendar, a batch per transaction until none
   * is left. Until a notice has been, the claim passes its reviews by, so none is announced on a
   * deadline that moved; one another replica holds is counted there.
   */
  private async recountNotices(): Promise<void> {
    for (;;) {
      const counted = await this.dataSource.transaction(async (tx) => {
        const notices = await this.reviews.noticesToRecount(tx, BATCH);
        for (const n of notices) {
          const { version, calendar } = await this.calendars.getVersioned(n.dueBasis.calendarId, tx);
          let dueAt = n.dueAt;
          try {
            dueAt = addWorkingDays(calendar, n.filedAt, n.dueBasis.workingDays);
          } catch (error) {
            // A version that cannot count it (no working time in its range): the deadline stays, and
            // the notice is not taken up again for this version, which would fail the same way.
            this.logger.warn({ err: error, noticeId: n.id, calendarVersion: version }, 'change notice deadline not counted again; it stays');
          }
          await this.reviews.recountNotice(tx, n.id, version, dueAt);
        }
        return notices.length;
      });
      if (counted < BATCH) return;
    }
  }

  protected async poll(): Promise<boolean> {
    return (await this.fireDue()) === BATCH;
  }
}
