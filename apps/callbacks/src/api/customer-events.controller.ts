import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CustomerErasedV1, CustomerMergedV1, CustomerRegisteredV1, CustomerUpdatedV1 } from '@cs/contracts';
import type { EventOf } from '@cs/messaging';
import { InboxContext } from '@cs/platform';
import { CallbackPlanRepository } from '../infrastructure/callback-plan.repository';

/** Which customers a plan can select: their projects and tags, from intake's masked snapshots. */
@Controller()
export class CustomerEventsController {
  constructor(private readonly plans: CallbackPlanRepository) {}

  @EventPattern([CustomerRegisteredV1.type, CustomerUpdatedV1.type])
  async customerChanged(@Payload() event: EventOf<typeof CustomerRegisteredV1> | EventOf<typeof CustomerUpdatedV1>, @Ctx() context: InboxContext): Promise<void> {
    const c = event.data;
    await this.plans.rememberCustomer(context.tx, {
      customerId: c.customerId,
      projects: [...new Set(c.units.flatMap((u) => (u.projectCode ? [u.projectCode] : [])))],
      tags: c.tags,
      asOf: new Date('registeredAt' in c ? c.registeredAt : c.updatedAt),
    });
  }

  @EventPattern(CustomerMergedV1.type)
  async customerMerged(@Payload() event: EventOf<typeof CustomerMergedV1>, @Ctx() context: InboxContext): Promise<void> {
    await this.plans.forgetCustomer(context.tx, event.data.mergedCustomerId);
  }

  @EventPattern(CustomerErasedV1.type)
  async customerErased(@Payload() event: EventOf<typeof CustomerErasedV1>, @Ctx() context: InboxContext): Promise<void> {
    await this.plans.forgetCustomer(context.tx, event.data.customerId);
  }
}
