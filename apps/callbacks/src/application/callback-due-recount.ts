import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { TellOnCommit } from '@cs/messaging';
import type { Logger } from '@cs/observability';
import { isCalendarRefusal } from '@cs/business-calendar';
import { CalendarReplica, LOGGER } from '@cs/platform';
import { CallbackTask, dueBy } from '../domain/callback-task';
import { CallbackRepository } from '../infrastructure/callback.repository';
import { CallbackWriter } from './callback-writer';

/**
 * A callback's due time counted by the newest version of its calendar that this service holds
 * (ADR 0069): a move is saved through the decider (its timer replanned, callback.due_recomputed
 * published); no move only marks the version. Used by the walk after a calendar change and by
 * the timer before it fires, so a timer the walk has not reached yet never fires on the old day.
 */
@Injectable()
export class CallbackDueRecount {
  constructor(
    private readonly callbacks: CallbackRepository,
    private readonly calendars: CalendarReplica,
    private readonly writer: CallbackWriter,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** The task as it stands afterwards; `task` is locked in `tx`. A due time kept is logged by `onCommit`, once the transaction of `tx` committed (the walk's batch, the timer's). */
  async current(tx: EntityManager, task: CallbackTask, now: Date, onCommit: TellOnCommit): Promise<CallbackTask> {
    const basis = task.dueBasis;
    if (!basis || task.status !== 'due') return task;
    const { version, calendar } = await this.calendars.getVersioned(basis.calendarId, tx);
    if (version <= basis.calendarVersion) return task;
    let dueAt: Date;
    try {
      dueAt = dueBy(calendar, basis);
    } catch (error) {
      // Any other failure (a bug) fails the walk's batch or the timer's, which retry and log it.
      if (!isCalendarRefusal(error)) throw error;
      // A calendar this version cannot count by (no working time left in its range): the due time
      // stays, and the callback is not taken up again for this version, which would fail the same way.
      onCommit(() => this.logger.warn({ err: error, callbackId: task.id, calendarId: basis.calendarId, calendarVersion: version }, 'callback due time not counted again; it stays'));
      dueAt = task.dueAt;
    }
    if (dueAt.getTime() === task.dueAt.getTime()) {
      await this.callbacks.markCounted(tx, task.id, version);
      return { ...task, dueBasis: { ...basis, calendarVersion: version } };
    }
    return this.writer.decideAndSave(tx, task, { action: 'recompute_due', calendarVersion: version, dueAt }, 'system', now);
  }
}
