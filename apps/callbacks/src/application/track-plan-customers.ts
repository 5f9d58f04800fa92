import { Injectable } from '@nestjs/common';
import { CustomerRegisteredV1, CustomerUpdatedV1, type EventData } from '@cs/contracts';
import { Gathering, InboxContext, mergesOrErasesCustomers } from '@cs/platform';
import { CallbackPlanRepository, CustomerSnapshot } from '../infrastructure/callback-plan.repository';
import { holdToSchedule } from '../infrastructure/customer-copies';

type CustomerAnnounced = EventData<typeof CustomerRegisteredV1> | EventData<typeof CustomerUpdatedV1>;

/**
 * Which customers a plan can select: their projects and tags, from intake's masked snapshots;
 * nothing personal. A transaction's snapshots are written together (ADR 0046), before the
 * transaction's next intake event of another type (ADR 0062) or its commit.
 */
@Injectable()
export class TrackPlanCustomers {
  private readonly gathered = new Gathering<CustomerSnapshot>([CustomerRegisteredV1.type, CustomerUpdatedV1.type], async (tx, snapshots, held) => {
    // An erasure or a merge in flight is then seen whole: its customer is not put back in plans.
    await holdToSchedule(tx, mergesOrErasesCustomers(held));
    await this.plans.rememberCustomers(tx, snapshots);
  });

  constructor(private readonly plans: CallbackPlanRepository) {}

  changed(context: InboxContext, c: CustomerAnnounced): void {
    this.gathered.add(context, {
      customerId: c.customerId,
      nameMasked: c.nameMasked,
      projects: [...new Set(c.units.flatMap((u) => (u.projectCode ? [u.projectCode] : [])))],
      tags: c.tags,
      asOf: new Date('registeredAt' in c ? c.registeredAt : c.updatedAt),
    });
  }
}
