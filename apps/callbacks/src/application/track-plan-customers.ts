import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CustomerRegisteredV1, CustomerUpdatedV1, EventData } from '@cs/contracts';
import { Gathering, InboxContext } from '@cs/platform';
import { CallbackPlanRepository, CustomerSnapshot } from '../infrastructure/callback-plan.repository';

type CustomerAnnounced = EventData<typeof CustomerRegisteredV1> | EventData<typeof CustomerUpdatedV1>;

/**
 * Which customers a plan can select: their projects and tags, from intake's masked snapshots;
 * nothing personal. A transaction's snapshots are written together just before it commits (ADR
 * 0046), or first when an event that reads or removes customers comes after them.
 */
@Injectable()
export class TrackPlanCustomers {
  private readonly gathered = new Gathering<CustomerSnapshot>((tx, snapshots) => this.plans.rememberCustomers(tx, snapshots));

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

  /** Writes the snapshots `tx` gathered so far. */
  writeGathered(tx: EntityManager): Promise<void> {
    return this.gathered.flush(tx);
  }

  /** A merged or erased customer is no longer selected (a snapshot gathered before it would bring them back). */
  async gone(tx: EntityManager, customerId: string): Promise<void> {
    await this.writeGathered(tx);
    await this.plans.forgetCustomer(tx, customerId);
  }
}
