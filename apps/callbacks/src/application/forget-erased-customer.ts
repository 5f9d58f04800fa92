import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CustomerErasedV1, EventData } from '@cs/contracts';
import { rememberErasedCustomer } from '@cs/persistence';
import { CallbackPlanRepository } from '../infrastructure/callback-plan.repository';
import { CallbackRepository } from '../infrastructure/callback.repository';
import { forgetWhatCustomerSaid, holdToForgetOrMove } from '../infrastructure/customer-copies';
import { forgetHeldOf } from '../infrastructure/held-callbacks.repository';
import { QuestionnaireLinks } from '../infrastructure/questionnaire-links';
import { CallbackWriter } from './callback-writer';

/**
 * PIPL erasure (个人信息删除, ADR 0006, ADR 0084): callbacks drops its copies of the customer. No
 * plan selects them again; their open callbacks leave the work queue, cancelled (published, so
 * reporting stops counting them due), and those held for their calendar (ADR 0116) are dropped; what they said on any attempt is wiped; the questionnaire
 * links they were sent are withdrawn; and nothing is owed them afterwards. Each step changes only
 * what is still there, so the erasure told again (redelivered, or asked again in intake) changes
 * nothing.
 */
@Injectable()
export class ForgetErasedCustomer {
  constructor(
    private readonly callbacks: CallbackRepository,
    private readonly plans: CallbackPlanRepository,
    private readonly links: QuestionnaireLinks,
    private readonly writer: CallbackWriter,
  ) {}

  async erased(tx: EntityManager, e: EventData<typeof CustomerErasedV1>): Promise<void> {
    await holdToForgetOrMove(tx);
    await this.forget(tx, e.customerId, new Date(e.erasedAt));
  }

  /**
   * The erasure's steps, in a transaction holding the gate alone: also run by a merge heard after
   * its survivor's erasure, for what it moved to them.
   */
  async forget(tx: EntityManager, customerId: string, at: Date): Promise<void> {
    await this.plans.forgetCustomer(tx, customerId);
    await rememberErasedCustomer(tx, customerId, at);
    for (const id of await this.callbacks.openOfCustomer(tx, customerId)) {
      const task = await this.callbacks.lock(tx, id, undefined);
      if (task) await this.writer.decideAndSave(tx, task, { action: 'cancel', reason: 'customer_erased' }, 'system', at);
    }
    await forgetHeldOf(tx, customerId);
    await forgetWhatCustomerSaid(tx, customerId);
    await this.links.withdrawAllOf(tx, customerId);
  }
}
