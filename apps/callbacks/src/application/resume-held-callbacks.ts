import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { TellOnCommit } from '@cs/messaging';
import type { Logger } from '@cs/observability';
import { CalendarReplica, LOGGER, failureName } from '@cs/platform';
import { type HeldCallback, resolutionStillOwes } from '../domain/held-callback';
import { CallbackPlanRepository } from '../infrastructure/callback-plan.repository';
import { customerAsTheyStand, holdToSchedule, isCustomerErased } from '../infrastructure/customer-copies';
import { followedTicketResolution } from '../infrastructure/followed-tickets.repository';
import { heldForNewerCalendars, releaseHeld } from '../infrastructure/held-callbacks.repository';
import { batchPassingFaultsBy } from './batch-passing-faults-by';
import { ScheduleOrHold } from './schedule-or-hold';

/** Held callbacks taken per transaction. */
const BATCH = 50;

/**
 * Callbacks held because their calendar refused to count their due time (ADR 0116) are taken up
 * once a newer version of it arrives: counted by it from the same start and scheduled, or held
 * again until the next. One owed no more is dropped: its customer erased, its plan stopped, or its
 * resolution ended by a reopening or a merge (a reopened or merged ticket's, and an erased
 * customer's, are dropped as that happens, but a replica of the release before left them: ADR
 * 0124). A merged customer's is the survivor's.
 */
@Injectable()
export class ResumeHeldCallbacks {
  constructor(
    private readonly dataSource: DataSource,
    private readonly plans: CallbackPlanRepository,
    private readonly calendars: CalendarReplica,
    private readonly holds: ScheduleOrHold,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Returns how many were scheduled. One that fails (a fault, not a calendar's refusal nor a lost
   * database) is rolled back alone, logged by id and left held for the next pass, and the others
   * go on, as the due-time walk after it does (batchPassingFaultsBy).
   */
  async resume(now = new Date()): Promise<number> {
    let scheduled = 0;
    let after: string | undefined;
    for (;;) {
      const pass = await batchPassingFaultsBy<HeldCallback, { taken: string[]; done: number }>(
        this.dataSource,
        async (tx, one) => {
          // Before the customers are read: an erasure or a merge in flight is then seen whole.
          await holdToSchedule(tx);
          const held = await heldForNewerCalendars(tx, BATCH, after);
          let done = 0;
          for (const h of held) if ((await one(h, (savepoint, onCommit) => this.resumeOne(savepoint, h, now, onCommit))) === true) done += 1;
          return { taken: held.map((h) => h.task.id), done };
        },
        (h, error) =>
          this.logger.error(
            { callbackId: h.task.id, calendarId: h.count.calendarId, failure: failureName(error) },
            'held callback could not be scheduled (a fault); it stays held, taken again on the next pass',
          ),
      );
      scheduled += pass.done;
      if (pass.taken.length < BATCH) return scheduled;
      after = pass.taken[pass.taken.length - 1];
    }
  }

  private async resumeOne(tx: EntityManager, h: HeldCallback, now: Date, onCommit: TellOnCommit): Promise<boolean> {
    const customerId = await customerAsTheyStand(tx, h.task.customerId);
    if ((await isCustomerErased(tx, customerId)) || !(await this.planRuns(tx, h.task.planId)) || !(await this.resolutionStands(tx, h))) {
      await releaseHeld(tx, h.task.id);
      return false;
    }
    const calendar = await this.calendars.getVersioned(h.count.calendarId, tx);
    if (!(await this.holds.schedule(tx, { ...h.task, customerId }, h.count, calendar, now, onCommit))) return false;
    await releaseHeld(tx, h.task.id);
    return true;
  }

  /** Whether the resolution that owes it still stands (ADR 0124); a plan's greeting has none. */
  private async resolutionStands(tx: EntityManager, h: HeldCallback): Promise<boolean> {
    const ticketId = h.task.planId === undefined ? h.task.ticketId : undefined;
    return ticketId === undefined || resolutionStillOwes(h, await followedTicketResolution(tx, ticketId));
  }

  /** Whether the plan that owes it still runs (locked, so a stop waits for it or it sees the stop); a resolution's has none. */
  private async planRuns(tx: EntityManager, planId: string | undefined): Promise<boolean> {
    if (planId === undefined) return true;
    return (await this.plans.find(tx, planId, undefined, true))?.active === true;
  }
}
