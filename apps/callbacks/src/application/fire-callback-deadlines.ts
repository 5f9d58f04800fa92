import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ServiceConfig } from '@cs/config';
import type { Logger } from '@cs/observability';
import { BackgroundLoop, LOGGER, SERVICE_CONFIG } from '@cs/platform';
import { CallbackRepository } from '../infrastructure/callback.repository';
import { CallbackTimerRepository } from '../infrastructure/callback-timer.repository';
import { CallbackDueRecount } from './callback-due-recount';
import { CallbackWriter } from './callback-writer';

/** Callbacks handled per pass; the next pass takes the rest. */
const BATCH = 20;

/**
 * Fires callback deadlines (a callback's due time, a promised next callback, a department's
 * rectification) as callback.overdue. Each callback is handled in one transaction with its row
 * locked (skipped while another replica or a request holds it), its due timers claimed and
 * marked fired with the event in the outbox — so each fires once across replicas and restarts.
 */
@Injectable()
export class FireCallbackDeadlines extends BackgroundLoop {
  constructor(
    private readonly dataSource: DataSource,
    private readonly callbacks: CallbackRepository,
    private readonly timers: CallbackTimerRepository,
    private readonly writer: CallbackWriter,
    private readonly recount: CallbackDueRecount,
    @Inject(LOGGER) logger: Logger,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    super('firing callback deadlines', logger, config.slaTimerPollMs);
  }

  /** Fires what is due at `now`; returns how many timers fired. */
  async fireDue(now = new Date()): Promise<number> {
    let fired = 0;
    for (const id of await this.timers.callbacksWithDueTimers(this.dataSource.manager, now, BATCH)) {
      fired += await this.dataSource.transaction(async (tx) => {
        const locked = await this.callbacks.lock(tx, id, undefined, true);
        if (!locked) return 0;
        // Counted by a calendar that has changed since: counted again first, which may move the timer past now.
        const task = await this.recount.current(tx, locked, now);
        const due = await this.timers.claimDue(tx, id, now);
        await this.timers.markFired(tx, due.map((t) => t.id), now);
        let current = task;
        for (const timer of due) current = await this.writer.decideAndSave(tx, current, { action: 'fire_deadline', deadline: timer.deadline }, 'system', now);
        return due.length;
      });
    }
    return fired;
  }

  protected async poll(): Promise<void> {
    await this.fireDue();
  }
}
