import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CustomerBirthdayV1, EventData } from '@cs/contracts';
import type { TellOnCommit } from '@cs/messaging';
import { CalendarReplica } from '@cs/platform';
import { greetsOnBirthday } from '../domain/callback-plan';
import { CallbackPlanRepository } from '../infrastructure/callback-plan.repository';
import { customerAsTheyStand, holdToSchedule } from '../infrastructure/customer-copies';
import { ScheduleOrHold } from './schedule-or-hold';

/**
 * 生日关怀 — on intake's `customer.birthday` every active birthday plan that selects the customer
 * (project and tags, from intake's masked snapshots) schedules one care callback, once per plan,
 * customer and year: a redelivered or repeated birthday makes none. Callbacks never learn the
 * birth date, only the day greeted.
 */
@Injectable()
export class CareOnBirthdays {
  constructor(
    private readonly plans: CallbackPlanRepository,
    private readonly calendars: CalendarReplica,
    private readonly holds: ScheduleOrHold,
  ) {}

  /**
   * Returns the ids of the callbacks scheduled (not those held). A hold is logged by `onCommit`,
   * the transaction's (the consumer's: once it committed), never at once: `tx` may still roll back.
   * `mergingLater`: the consumer transaction goes on to merge or erase customers (see holdToSchedule).
   */
  async birthday(tx: EntityManager, b: EventData<typeof CustomerBirthdayV1>, at: Date, onCommit: TellOnCommit, mergingLater = false): Promise<string[]> {
    if (b.projectCodes.length === 0) return [];
    await holdToSchedule(tx, mergingLater);
    // Merged away since intake published it (the merge on another partition, heard first): the
    // birthday is the survivor's, as had it been heard before the merge moved its greeting to
    // them (ADR 0084), and the survivor is greeted at most once that year either way.
    const customerId = await customerAsTheyStand(tx, b.customerId);
    const customer = await this.plans.planCustomer(tx, customerId);
    const year = Number(b.date.slice(0, 4));
    const scheduled: string[] = [];
    for (const { plan, active } of await this.plans.birthdayPlans(tx, b.projectCodes)) {
      if (!b.projectCodes.includes(plan.projectCode)) continue;
      const held = await this.calendars.getVersioned(plan.calendarId, tx);
      if (!greetsOnBirthday(plan, active, customer, b.date, held.calendar.timezone)) continue;
      const id = randomUUID();
      if (!(await this.plans.claimBirthday(tx, { planId: plan.id, customerId, year, callbackId: id }))) continue;
      const task = {
        id,
        kind: plan.kind,
        method: plan.method,
        customerId,
        projectCode: plan.projectCode,
        planId: plan.id,
        attemptsAllowed: plan.attemptsAllowed,
        retrySpacingMinutes: plan.retrySpacingMinutes,
        createdAt: at,
        ...(plan.assignee ? { assignee: plan.assignee } : {}),
      };
      // A plan whose calendar cannot count the greeting's due time holds it alone (ADR 0116), under the year's claim.
      if (await this.holds.schedule(tx, task, { calendarId: plan.calendarId, from: at, workingDays: plan.dueWorkingDays }, held, at, onCommit)) scheduled.push(id);
    }
    return scheduled;
  }
}
