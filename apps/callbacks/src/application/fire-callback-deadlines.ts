import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { ServiceConfig } from '@cs/config';
import type { TellOnCommit } from '@cs/messaging';
import type { Logger } from '@cs/observability';
import { DueWorkFailures, DueWorkLoop, LOGGER, SERVICE_CONFIG } from '@cs/platform';
import type { CallbackTask } from '../domain/callback-task';
import { CallbackRepository } from '../infrastructure/callback.repository';
import { CallbackTimerRepository } from '../infrastructure/callback-timer.repository';
import { CallbackDueRecount } from './callback-due-recount';
import { CallbackWriter } from './callback-writer';

/** The name callbacks' deadlines are held back under when their firing fails (ADR 0040). */
const WORK = 'callback_deadlines';

/**
 * Fires callback deadlines (a callback's due time, a promised next callback, a department's
 * rectification) as callback.overdue, as tickets fire their timers (ADR 0040): a batch of
 * callbacks in one transaction with their rows locked (skipping those another replica or a
 * request holds), their due timers claimed and marked fired with the events in the outbox — so
 * each fires once across replicas and restarts. Passes follow at once while they come full; a
 * callback whose firing fails is held back with back-off and the rest fire.
 */
@Injectable()
export class FireCallbackDeadlines extends DueWorkLoop<CallbackTask> {
  constructor(
    dataSource: DataSource,
    private readonly callbacks: CallbackRepository,
    private readonly timers: CallbackTimerRepository,
    private readonly writer: CallbackWriter,
    private readonly recount: CallbackDueRecount,
    failures: DueWorkFailures,
    @Inject(LOGGER) logger: Logger,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    super(WORK, logger, config.slaTimerPollMs, dataSource, failures);
  }

  protected candidates(db: EntityManager, now: Date, limit: number): Promise<string[]> {
    return this.timers.callbacksWithDueTimers(db, WORK, now, limit);
  }

  protected lock(tx: EntityManager, ids: readonly string[], limit: number): Promise<CallbackTask[]> {
    return this.callbacks.lockAll(tx, ids, limit);
  }

  protected async fireLocked(tx: EntityManager, locked: readonly CallbackTask[], now: Date, onCommit: TellOnCommit): Promise<number> {
    let fired = 0;
    for (const before of locked) {
      // Counted by a calendar that has changed since: counted again first, which may move the timer past now.
      // A due time it keeps is logged once the firing committed: a failed batch is fired again one callback at a time.
      let task = await this.recount.current(tx, before, now, onCommit);
      const due = await this.timers.claimDue(tx, task.id, now);
      await this.timers.markFired(tx, due.map((t) => t.id), now);
      for (const timer of due) task = await this.writer.decideAndSave(tx, task, { action: 'fire_deadline', deadline: timer.deadline }, 'system', now);
      fired += due.length;
    }
    return fired;
  }
}
