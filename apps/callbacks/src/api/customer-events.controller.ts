import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CustomerBirthdayV1, CustomerErasedV1, CustomerMergedV1, CustomerRegisteredV1, CustomerUpdatedV1 } from '@cs/contracts';
import type { EventOf } from '@cs/messaging';
import { InboxContext, mergesOrErasesCustomers } from '@cs/platform';
import { CareOnBirthdays } from '../application/care-on-birthdays';
import { FollowCustomerMerge } from '../application/follow-customer-merge';
import { ForgetErasedCustomer } from '../application/forget-erased-customer';
import { TrackPlanCustomers } from '../application/track-plan-customers';

/**
 * Which customers callback plans can select, whose birthday it is, and who was merged or erased
 * (their callbacks moved, or their copies dropped), from intake's customer events. Snapshots are written together (ADR 0046), before the transaction's next intake event
 * of another type (ADR 0062): a birthday, a merge or an erasure finds those gathered before it.
 */
@Controller()
export class CustomerEventsController {
  constructor(
    private readonly customers: TrackPlanCustomers,
    private readonly birthdays: CareOnBirthdays,
    private readonly merges: FollowCustomerMerge,
    private readonly erasures: ForgetErasedCustomer,
  ) {}

  @EventPattern([CustomerRegisteredV1.type, CustomerUpdatedV1.type])
  customerChanged(@Payload() event: EventOf<typeof CustomerRegisteredV1> | EventOf<typeof CustomerUpdatedV1>, @Ctx() context: InboxContext): void {
    this.customers.changed(context, event.data);
  }

  /** 生日关怀: birthday plans selecting the customer each schedule one care callback a year. */
  @EventPattern(CustomerBirthdayV1.type)
  async customerBirthday(@Payload() event: EventOf<typeof CustomerBirthdayV1>, @Ctx() context: InboxContext): Promise<void> {
    await this.birthdays.birthday(context.tx, event.data, new Date(event.time), context.tellOnCommit, mergesOrErasesCustomers(context));
  }

  @EventPattern(CustomerMergedV1.type)
  async customerMerged(@Payload() event: EventOf<typeof CustomerMergedV1>, @Ctx() context: InboxContext): Promise<void> {
    await this.merges.merged(context.tx, event.data);
  }

  @EventPattern(CustomerErasedV1.type)
  async customerErased(@Payload() event: EventOf<typeof CustomerErasedV1>, @Ctx() context: InboxContext): Promise<void> {
    await this.erasures.erased(context.tx, event.data);
  }
}
