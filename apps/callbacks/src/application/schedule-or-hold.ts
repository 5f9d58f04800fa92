import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { BusinessCalendar } from '@cs/business-calendar';
import type { TellOnCommit } from '@cs/messaging';
import type { Logger } from '@cs/observability';
import { LOGGER } from '@cs/platform';
import { type DueCount, type UncountedCallback, countOrHold } from '../domain/held-callback';
import { holdCallback } from '../infrastructure/held-callbacks.repository';
import { CallbackWriter } from './callback-writer';

/**
 * Schedules a callback owed with its due time counted by its calendar, or, when the calendar
 * refuses to count it (422 `CALENDAR.*`: no working time left), holds it until a newer version
 * does (ADR 0116): what else the event does is done at once, and a calendar's refusal never holds
 * back a resolution or the other plans' greetings of a birthday.
 */
@Injectable()
export class ScheduleOrHold {
  constructor(
    private readonly writer: CallbackWriter,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Whether it was scheduled (else held), in `tx`; a hold is logged by `onCommit`, once the transaction of `tx` committed (the pickup's batch, the consumer's). */
  async schedule(
    tx: EntityManager,
    task: UncountedCallback,
    count: DueCount,
    calendar: { readonly version: number; readonly calendar: BusinessCalendar },
    at: Date,
    onCommit: TellOnCommit,
  ): Promise<boolean> {
    const outcome = countOrHold(task, count, calendar);
    if ('scheduled' in outcome) {
      await this.writer.decideAndSave(tx, undefined, { action: 'schedule', task: outcome.scheduled }, 'system', at);
      return true;
    }
    await holdCallback(tx, outcome.held, at);
    onCommit(() =>
      this.logger.warn(
        { callbackId: task.id, calendarId: count.calendarId, calendarVersion: calendar.version, refusal: outcome.held.refusal },
        'callback held: its calendar cannot count its due time; it is scheduled once a newer version of the calendar can',
      ),
    );
    return false;
  }
}
