import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { ContactFollowedUpV1, ContactReceivedV1, CustomerErasedV1, CustomerMergedV1 } from '@cs/contracts';
import type { EventOf } from '@cs/messaging';
import { InboxContext, mergesOrErasesCustomers } from '@cs/platform';
import { followCustomerMerge, forgetErasedCustomer, linkFollowUp } from '../application/customer-lifecycle';
import { OpenTicketFromContact } from '../application/open-ticket-from-contact';

/**
 * Contacts become tickets; customers merged or erased on intake are followed here. New matters
 * gathered earlier in the transaction are opened before an intake event of another type is
 * handled (ADR 0062), so a follow-up or a merge finds the tickets of the contacts before it.
 */
@Controller()
export class IntakeEventsController {
  constructor(private readonly openTicket: OpenTicketFromContact) {}

  /** Gathered: the transaction's new matters are opened together (OpenTicketFromContact). */
  @EventPattern(ContactReceivedV1.type)
  contactReceived(@Payload() event: EventOf<typeof ContactReceivedV1>, @Ctx() context: InboxContext): void {
    this.openTicket.gather(event, context);
  }

  @EventPattern(ContactFollowedUpV1.type)
  async contactFollowedUp(@Payload() event: EventOf<typeof ContactFollowedUpV1>, @Ctx() context: InboxContext): Promise<void> {
    await linkFollowUp(event, context.tx, mergesOrErasesCustomers(context));
  }

  @EventPattern(CustomerMergedV1.type)
  async customerMerged(@Payload() event: EventOf<typeof CustomerMergedV1>, @Ctx() context: InboxContext): Promise<void> {
    await followCustomerMerge(event, context.tx);
  }

  @EventPattern(CustomerErasedV1.type)
  async customerErased(@Payload() event: EventOf<typeof CustomerErasedV1>, @Ctx() context: InboxContext): Promise<void> {
    await forgetErasedCustomer(event, context.tx);
  }
}
