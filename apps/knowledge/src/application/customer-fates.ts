import type { EntityManager } from 'typeorm';
import type { CustomerErasedV1, CustomerMergedV1, EventData } from '@cs/contracts';
import type { DomainEvent } from '@cs/messaging';
import { rememberErasedCustomer, rememberMergedCustomer, whenCustomerErased } from '@cs/persistence';
import { forgetWhatCustomerAsked, holdToMergeOrErase, moveTicketsOfCustomer } from '../infrastructure/customer-fates';

/**
 * 合并重复客户 — the duplicate's tickets are the survivor's, and so is a ticket of the duplicate
 * arriving after the merge (ADR 0092): the survivor's erasure then reaches what they asked.
 */
export async function followCustomerMerge(event: DomainEvent<EventData<typeof CustomerMergedV1>>, tx: EntityManager): Promise<void> {
  const m = event.data;
  await holdToMergeOrErase(tx);
  // To whom the survivor became, when that later merge was heard first (another partition).
  const survivor = await rememberMergedCustomer(tx, m.mergedCustomerId, m.customerId, new Date(m.mergedAt));
  // That one erased before this merge was heard (the later merge and the erasure share a key, this
  // merge has another): the duplicate's words go as the erasure took theirs.
  if ((await whenCustomerErased(tx, survivor)) !== undefined) await forgetWhatCustomerAsked(tx, m.mergedCustomerId);
  await moveTicketsOfCustomer(tx, m.mergedCustomerId, survivor);
}

/**
 * PIPL erasure (`customer.erased`: drop any copies) — what the customer asked is kept nowhere here:
 * not on their tickets, not as a gap's sample, not as a draft's first phrasing later; nor from a
 * ticket of theirs arriving after the erasure.
 */
export async function forgetErasedCustomer(event: DomainEvent<EventData<typeof CustomerErasedV1>>, tx: EntityManager): Promise<void> {
  const e = event.data;
  await holdToMergeOrErase(tx);
  await forgetWhatCustomerAsked(tx, e.customerId);
  await rememberErasedCustomer(tx, e.customerId, new Date(e.erasedAt));
}
