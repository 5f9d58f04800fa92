import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventData, TicketResolvedV1 } from '@cs/contracts';
import type { DomainEvent, TellOnCommit } from '@cs/messaging';
import { answeredTogether } from '@cs/persistence';
import { CalendarReplica } from '@cs/platform';
import { taskFromPolicy } from '../domain/callback-decide';
import { selectCallbackPolicy } from '../domain/callback-policy';
import { CallbackTask, callbackOwedOnResolution } from '../domain/callback-task';
import { CallbackPolicyRepository } from '../infrastructure/callback-policy.repository';
import { CallbackRepository } from '../infrastructure/callback.repository';
import { customerAsTheyStand, holdToSchedule, isCustomerErased } from '../infrastructure/customer-copies';
import { followedTicketTraits, setFollowedTicketResolved, setResolvedWithoutPolicy } from '../infrastructure/followed-tickets.repository';
import { dropHeldOfTicket } from '../infrastructure/held-callbacks.repository';
import { CallbackWriter } from './callback-writer';
import { ScheduleOrHold } from './schedule-or-hold';

/**
 * 办结后回访 — a resolution schedules the callback its policy asks for, due N working days later
 * by the policy's business calendar, and settles what an earlier dissatisfied callback was
 * waiting for (the rectification, the promised next callback): the ticket is handled again.
 */
@Injectable()
export class ScheduleAfterResolution {
  constructor(
    private readonly callbacks: CallbackRepository,
    private readonly policies: CallbackPolicyRepository,
    private readonly calendars: CalendarReplica,
    private readonly writer: CallbackWriter,
    private readonly holds: ScheduleOrHold,
  ) {}

  /**
   * A hold is logged by `onCommit`, the transaction's (the consumer's: once it committed), never at
   * once: `tx` may still roll back. `mergingLater`: the consumer transaction goes on to merge or
   * erase customers (see holdToSchedule).
   */
  async handle(event: DomainEvent<EventData<typeof TicketResolvedV1>>, tx: EntityManager, onCommit: TellOnCommit, mergingLater = false): Promise<void> {
    const t = event.data;
    const resolvedAt = new Date(t.at);
    // First, before any callback row: an erasure holding it alone then locks rows no scheduling holds.
    await holdToSchedule(tx, mergingLater);
    // Its resolution's instant as its callback is counted from it, so a hold can tell it stands (ADR 0124).
    await setFollowedTicketResolved(tx, t.ticketId, { ...t, at: resolvedAt });
    // A hold left from an earlier resolution (its reopening handled by the release before, ADR
    // 0124) is owed no more: this one owes its own. Dropped here, not only by the pickup's check of
    // resolved_at, which cannot tell two resolutions at one instant apart. Before its callbacks are
    // read, as a reopening drops it: one being scheduled from it is then committed and read.
    await dropHeldOfTicket(tx, t.ticketId);
    const earlier: CallbackTask[] = [];
    for (const id of await this.callbacks.ofTicket(tx, t.ticketId)) {
      const task = await this.callbacks.lock(tx, id, undefined);
      if (!task) continue;
      earlier.push(task);
      await this.writer.decideAndSave(tx, task, { action: 'settle_follow_ups' }, t.by, resolvedAt);
    }
    if (!callbackOwedOnResolution(earlier)) return;
    // Read together (ADR 0191); the erasure is asked of whom the customer stands as.
    const [customerId, traits, { policies }] = await answeredTogether(tx, () => [
      // Merged away since this resolution was published: the survivor is called (ADR 0084).
      customerAsTheyStand(tx, t.customerId),
      followedTicketTraits(tx, t.ticketId),
      this.policies.list(tx),
    ]);
    // Nobody is left to call: the customer was erased, maybe after this resolution was published (ADR 0084).
    if (await isCustomerErased(tx, customerId)) return;
    // Routine work a schedule opened has no customer to call back.
    if (traits?.scheduled) return;
    const policy = selectCallbackPolicy(policies, { ...t, ...(traits ? { grade: traits.grade } : {}) });
    // Remembered for its close: a policy added since asks nothing of a resolution it never saw.
    await setResolvedWithoutPolicy(tx, t.ticketId, policy === undefined);
    if (!policy) return;
    // Throws while the calendar has not arrived: the transport retries the event until it has.
    const calendar = await this.calendars.getVersioned(policy.calendarId, tx);
    const task = taskFromPolicy(
      policy,
      {
        id: randomUUID(),
        ticketId: t.ticketId,
        customerId,
        createdAt: resolvedAt,
        ...(t.projectCode ? { projectCode: t.projectCode } : {}),
        ...(t.sectionCode ? { sectionCode: t.sectionCode } : {}),
        ...(t.itemCode ? { itemCode: t.itemCode } : {}),
      },
      traits?.ownerId,
    );
    // A calendar that cannot count its due time holds only the callback (ADR 0116): what the
    // resolution settled and flagged above is kept.
    await this.holds.schedule(tx, task, { calendarId: policy.calendarId, from: resolvedAt, workingDays: policy.dueWorkingDays }, calendar, resolvedAt, onCommit);
  }
}
