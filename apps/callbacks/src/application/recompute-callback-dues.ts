import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ServiceConfig } from '@cs/config';
import type { Logger } from '@cs/observability';
import { BackgroundLoop, LOGGER, SERVICE_CONFIG, failureName } from '@cs/platform';
import { CallbackRepository } from '../infrastructure/callback.repository';
import { CallbackDueRecount } from './callback-due-recount';
import { walkCallbacks } from './callback-walk';
import { LegacyDueBases } from './legacy-due-bases';
import { ResumeHeldCallbacks } from './resume-held-callbacks';

/**
 * 回访 due times follow their business calendar (ADR 0069): once a newer version of a calendar
 * has reached this service (a holiday added, the official 调休 published), every callback still
 * due by it is counted again from the same start, and one whose due time moved is saved through
 * the decider, which replans its timer and publishes callback.due_recomputed. One that did not
 * move is only marked as counted by the version.
 *
 * A walk rather than a step of the calendar event's handler: a callback scheduled while the new
 * version was arriving, counted by the old one and committed after, is found by the next pass,
 * and a calendar change over thousands of callbacks never holds one long transaction. A
 * callback a user holds is skipped and taken on the next pass. A callback scheduled before due
 * times kept their basis is first given the one it can be given (ADR 0101), and then walked as
 * any other. A callback held because its calendar refused to count its due time (ADR 0116) is
 * scheduled once a newer version counts it.
 */
@Injectable()
export class RecomputeCallbackDues extends BackgroundLoop {
  constructor(
    private readonly dataSource: DataSource,
    private readonly callbacks: CallbackRepository,
    private readonly recount: CallbackDueRecount,
    private readonly legacy: LegacyDueBases,
    private readonly held: ResumeHeldCallbacks,
    @Inject(LOGGER) logger: Logger,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    super('recomputing callback due times', logger, config.slaTimerPollMs);
  }

  /** Counts again every callback due by an older calendar version; returns how many due times moved. */
  async recompute(now = new Date()): Promise<number> {
    await this.legacy.adopt();
    await this.held.resume(now);
    return walkCallbacks(
      this.dataSource,
      this.callbacks,
      (db, limit, after) => this.callbacks.countedByOlderCalendars(db, limit, after),
      async (tx, task, onCommit) => (await this.recount.current(tx, task, now, onCommit)).dueAt.getTime() !== task.dueAt.getTime(),
      (callbackId, error) =>
        this.logger.error({ callbackId, failure: failureName(error) }, 'callback due time could not be counted again (a fault); it stays, taken again on the next pass, and the walk goes on'),
    );
  }

  protected async poll(): Promise<void> {
    await this.recompute();
  }
}
