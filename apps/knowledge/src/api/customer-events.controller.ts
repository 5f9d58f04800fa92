import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CustomerErasedV1, CustomerMergedV1 } from '@cs/contracts';
import type { EventOf } from '@cs/messaging';
import { InboxContext } from '@cs/platform';
import { followCustomerMerge, forgetErasedCustomer } from '../application/customer-fates';

/**
 * Customers merged or erased on intake, followed here for what they asked on their tickets. A
 * ticket's events come from another topic, in no order with these (ADR 0092): each side reads
 * what the other remembered.
 */
@Controller()
export class CustomerEventsController {
  @EventPattern(CustomerMergedV1.type)
  async customerMerged(@Payload() event: EventOf<typeof CustomerMergedV1>, @Ctx() context: InboxContext): Promise<void> {
    await followCustomerMerge(event, context.tx);
  }

  @EventPattern(CustomerErasedV1.type)
  async customerErased(@Payload() event: EventOf<typeof CustomerErasedV1>, @Ctx() context: InboxContext): Promise<void> {
    await forgetErasedCustomer(event, context.tx);
  }
}
