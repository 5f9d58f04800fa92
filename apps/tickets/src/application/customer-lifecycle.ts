import type { EntityManager } from 'typeorm';
import type { ContactFollowedUpV1, CustomerErasedV1, CustomerMergedV1, EventData } from '@cs/contracts';
import type { DomainEvent } from '@cs/messaging';
import { linkContact } from '../infrastructure/ticket-contacts';

/** 催办 — a follow-up contact joins its ticket. */
export async function linkFollowUp(event: DomainEvent<EventData<typeof ContactFollowedUpV1>>, tx: EntityManager): Promise<void> {
  const c = event.data;
  await linkContact(tx, c.ticketId, c.contactId, 'follow_up', c.channel, new Date(c.occurredAt));
}

/** Tickets of a merged duplicate now belong to the surviving customer. */
export async function followCustomerMerge(event: DomainEvent<EventData<typeof CustomerMergedV1>>, tx: EntityManager): Promise<void> {
  await tx.query('UPDATE tickets SET customer_id = $1 WHERE customer_id = $2', [event.data.customerId, event.data.mergedCustomerId]);
}

/** An erased customer's tickets keep only the pseudonym. */
export async function forgetErasedCustomer(event: DomainEvent<EventData<typeof CustomerErasedV1>>, tx: EntityManager): Promise<void> {
  await tx.query('UPDATE tickets SET customer_name = $1 WHERE customer_id = $2', [event.data.pseudonym, event.data.customerId]);
}
