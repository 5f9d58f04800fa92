import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventData, TicketClosedV1 } from '@cs/contracts';
import { presentProps } from '@cs/ddd';
import type { DomainEvent } from '@cs/messaging';
import { selectCallbackPolicy } from '../domain/callback-policy';
import { CallbackPolicyRepository } from '../infrastructure/callback-policy.repository';
import { customerAsTheyStand, holdToSchedule, isCustomerErased } from '../infrastructure/customer-copies';
import { followedTicketTraits, setFollowedTicketStatus } from '../infrastructure/followed-tickets.repository';
import { MissedCallbacksRepository } from '../infrastructure/missed-callbacks.repository';

/**
 * 漏回访 — a ticket closed while its policy required a callback that never reached the customer
 * (none scheduled, or the last one failed, was cancelled or is still open) goes on the report;
 * not one resolved before any policy asked for its callback. The policy is the one of the section
 * and item the ticket was resolved as.
 * Routine work a schedule opened (周期工单) has no customer to call back (ADR 0038): never missed;
 * nor is a ticket closed after its customer was erased (ADR 0084).
 */
@Injectable()
export class ReportMissedCallbacks {
  constructor(
    private readonly policies: CallbackPolicyRepository,
    private readonly missed: MissedCallbacksRepository,
  ) {}

  /** `mergingLater`: the consumer transaction goes on to merge or erase customers (see holdToSchedule). */
  async ticketClosed(event: DomainEvent<EventData<typeof TicketClosedV1>>, tx: EntityManager, mergingLater = false): Promise<void> {
    const t = event.data;
    // Before any row of the customer's: an erasure or a merge in flight is then seen whole.
    await holdToSchedule(tx, mergingLater);
    await setFollowedTicketStatus(tx, t.ticketId, t.status);
    const traits = await followedTicketTraits(tx, t.ticketId);
    if (traits?.scheduled) return;
    // Merged away since this close was published: the miss is the survivor's (ADR 0084).
    const customerId = await customerAsTheyStand(tx, t.customerId);
    // An erased customer is owed no callback from the erasure on (ADR 0084): a close after it is not judged.
    if (await isCustomerErased(tx, customerId)) return;
    // Judged as it was resolved (ADR 0075): an item amended since does not change what was owed.
    // A ticket whose creation was never seen here has only the item it closed as.
    const itemCode = traits?.itemCode ?? t.itemCode;
    const { policies } = await this.policies.list(tx);
    const policy = selectCallbackPolicy(policies, { ...t, ...presentProps({ grade: traits?.grade, sectionCode: traits?.sectionCode, itemCode }) });
    const last = policy?.required ? await this.missed.lastCallback(tx, t.ticketId) : undefined;
    // Resolved while no policy asked for a callback, none was scheduled: the policy came later.
    const owed = policy?.required === true && (last !== undefined || !traits?.resolvedWithoutPolicy);
    // The latest close is the one judged: a ticket reopened after a close that missed its callback,
    // then resolved and closed again owing none (or with it done), leaves the report.
    if (!owed || !policy || last?.status === 'done') {
      await this.missed.clear(tx, t.ticketId);
      return;
    }
    await this.missed.record(tx, {
      ticketId: t.ticketId,
      number: t.number,
      customerId,
      policyId: policy.id,
      closedAt: new Date(t.at),
      ...presentProps({
        projectCode: t.projectCode,
        sectionCode: traits?.sectionCode,
        itemCode,
        callbackId: last?.id,
        lastStatus: last?.status,
      }),
    });
  }
}
