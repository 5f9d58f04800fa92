import { CustomerErasedV1, CustomerMergedV1 } from '@cs/contracts';
import type { InboxContext } from './inbox-context';

/** What a consumer transaction holds: an event's context, or a gathering's write (see `Delivery.types`). */
export type HeldEvents = Pick<InboxContext, 'holds'>;

/**
 * Whether the consumer transaction holds a merge or an erasure of customers. A service's gate
 * between them and what it writes for a customer is held alone by the merge or the erasure, so
 * what the transaction does before them takes it alone from its first hold: two transactions each
 * holding it shared while waiting to hold it alone deadlocked (ADR 0092).
 */
export const mergesOrErasesCustomers = (held: HeldEvents): boolean => held.holds(CustomerMergedV1.type) || held.holds(CustomerErasedV1.type);
