import { Injectable } from '@nestjs/common';
import type { BusinessCalendar } from '@cs/business-calendar';
import { DataSource, EntityManager } from 'typeorm';
import { CalendarNotReceivedError, CalendarReplica } from '@cs/platform';
import { CallbackTask, DueTerms, legacyDueBasis } from '../domain/callback-task';
import { CallbackPlanRepository } from '../infrastructure/callback-plan.repository';
import { CallbackPolicyRepository } from '../infrastructure/callback-policy.repository';
import { CallbackRepository } from '../infrastructure/callback.repository';
import { walkCallbacks } from './callback-walk';

/**
 * Callbacks scheduled before due times kept their basis (ADR 0101) are given the one they can be
 * given, so their due times follow their calendar as every later callback's do (ADR 0069): a
 * plan's with the version unknown, which the walk then counts again; a policy's only when the
 * policy as it stands gives the due time stored. One left without a basis keeps its due time and
 * is looked at again on each pass until it ends, which its index makes cheap.
 */
@Injectable()
export class LegacyDueBases {
  constructor(
    private readonly dataSource: DataSource,
    private readonly callbacks: CallbackRepository,
    private readonly plans: CallbackPlanRepository,
    private readonly policies: CallbackPolicyRepository,
    private readonly calendars: CalendarReplica,
  ) {}

  /** Gives every callback still due without a basis the one it can be given; returns how many were given one. */
  adopt(): Promise<number> {
    return walkCallbacks(
      this.dataSource,
      this.callbacks,
      (db, limit, after) => this.callbacks.dueWithoutBasis(db, limit, after),
      async (tx, task) => {
        const terms = await this.termsOf(tx, task);
        const basis = terms && legacyDueBasis(task, terms, terms.fixed ? undefined : await this.heldCalendar(tx, terms.calendarId));
        if (basis) await this.callbacks.adoptBasis(tx, task.id, basis);
        return basis !== undefined;
      },
    );
  }

  /** The terms the plan or the policy that scheduled the callback gives; none when it is gone. */
  private async termsOf(tx: EntityManager, task: CallbackTask): Promise<DueTerms | undefined> {
    if (task.planId) {
      const stored = await this.plans.find(tx, task.planId, undefined);
      return stored && { calendarId: stored.plan.calendarId, workingDays: stored.plan.dueWorkingDays, fixed: true };
    }
    const policy = (await this.policies.list(tx)).policies.find((p) => p.id === task.policyId);
    return policy && { calendarId: policy.calendarId, workingDays: policy.dueWorkingDays, fixed: false };
  }

  /** The calendar at the version held; none when it never arrived, and then nothing is compared. */
  private async heldCalendar(tx: EntityManager, calendarId: string): Promise<{ version: number; calendar: BusinessCalendar } | undefined> {
    return this.calendars.getVersioned(calendarId, tx).catch((error: unknown) => {
      if (error instanceof CalendarNotReceivedError) return undefined;
      throw error;
    });
  }
}
