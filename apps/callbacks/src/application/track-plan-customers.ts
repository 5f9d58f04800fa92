import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CustomerRegisteredV1, CustomerUpdatedV1, EventData } from '@cs/contracts';
import { CallbackPlanRepository } from '../infrastructure/callback-plan.repository';

type CustomerSnapshot = EventData<typeof CustomerRegisteredV1> | EventData<typeof CustomerUpdatedV1>;

/** Which customers a plan can select: their projects and tags, from intake's masked snapshots; nothing personal. */
@Injectable()
export class TrackPlanCustomers {
  constructor(private readonly plans: CallbackPlanRepository) {}

  async changed(tx: EntityManager, c: CustomerSnapshot): Promise<void> {
    await this.plans.rememberCustomer(tx, {
      customerId: c.customerId,
      nameMasked: c.nameMasked,
      projects: [...new Set(c.units.flatMap((u) => (u.projectCode ? [u.projectCode] : [])))],
      tags: c.tags,
      asOf: new Date('registeredAt' in c ? c.registeredAt : c.updatedAt),
    });
  }

  /** A merged or erased customer is no longer selected. */
  async gone(tx: EntityManager, customerId: string): Promise<void> {
    await this.plans.forgetCustomer(tx, customerId);
  }
}
