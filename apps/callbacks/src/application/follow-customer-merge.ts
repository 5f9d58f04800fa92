import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CustomerMergedV1, EventData } from '@cs/contracts';
import { whenCustomerErased } from '@cs/persistence';
import { CallbackPlanRepository } from '../infrastructure/callback-plan.repository';
import { holdToForgetOrMove, moveCustomerCopies } from '../infrastructure/customer-copies';
import { CallbackWriter } from './callback-writer';
import { ForgetErasedCustomer } from './forget-erased-customer';

/**
 * 合并重复客户 — the duplicate is the survivor: no plan selects it any more (the survivor's own
 * snapshot follows), and its callbacks, the tickets followed for it and its missed callbacks
 * become the survivor's, as tickets moves its tickets. An erasure of the survivor then reaches
 * them; the merge told again finds nothing left to move. What names the duplicate after the merge
 * (a resolution tickets published before it moved the ticket) is taken as the survivor's.
 */
@Injectable()
export class FollowCustomerMerge {
  constructor(
    private readonly plans: CallbackPlanRepository,
    private readonly erasures: ForgetErasedCustomer,
    private readonly writer: CallbackWriter,
  ) {}

  async merged(tx: EntityManager, m: EventData<typeof CustomerMergedV1>): Promise<void> {
    await holdToForgetOrMove(tx);
    await this.plans.forgetCustomer(tx, m.mergedCustomerId);
    const { survivor, surplus } = await moveCustomerCopies(tx, m.mergedCustomerId, m.customerId, new Date(m.mergedAt));
    // That one erased before this merge was heard (the later merge and the erasure share a key, this
    // merge has another): what moved to them is forgotten as the erasure forgot theirs.
    const erasedAt = await whenCustomerErased(tx, survivor);
    if (erasedAt) await this.erasures.forget(tx, survivor, erasedAt);
    // One person, one open callback of a plan, as a run would have left them (ADR 0083): a run
    // before the merge was heard, or both customers called by it, gave them two.
    else await this.writer.cancelAll(tx, surplus, 'customer_merged', 'system', new Date());
  }
}
