import { Injectable } from '@nestjs/common';
import type { BusinessCalendar } from '@cs/business-calendar';
import { DataSource, EntityManager } from 'typeorm';
import { CalendarNotReceivedError, CalendarReplica } from '@cs/platform';
import type { CallbackPolicy } from '../domain/callback-policy';
import { CallbackTask, DueBasis, DueTerms, legacyDueBasis } from '../domain/callback-task';
import { CallbackPlanRepository } from '../infrastructure/callback-plan.repository';
import { CallbackPolicyRepository } from '../infrastructure/callback-policy.repository';
import { CallbackRepository } from '../infrastructure/callback.repository';

/** Callbacks read, and those given a basis locked, per transaction: a crash loses at most one batch's work, which the next pass redoes. */
const BATCH = 50;

/**
 * Callbacks scheduled before due times kept their basis (ADR 0101) are given the one they can be
 * given, so their due times follow their calendar as every later callback's do (ADR 0069): a
 * plan's with the version unknown, which the walk then counts again; a policy's only when the
 * policy as it stands gives the due time stored. One left without a basis keeps its due time and
 * is looked at again on each pass until it ends, which its index makes cheap: it is read, not
 * locked (a row lock writes the row, on every pass of every replica), and only one given a basis
 * is locked, skipped while held, and judged again as it stands once held.
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
  async adopt(): Promise<number> {
    let adopted = 0;
    let after: string | undefined;
    for (;;) {
      const due = await this.callbacks.dueWithoutBasis(this.dataSource.manager, BATCH, after);
      if (due.length === 0) return adopted;
      const given = [...(await this.basesOf(this.dataSource.manager, due)).keys()];
      if (given.length > 0) {
        adopted += await this.dataSource.transaction(async (tx) => {
          const held: CallbackTask[] = [];
          for (const id of given) {
            const task = await this.callbacks.lock(tx, id, undefined, true);
            if (task) held.push(task);
          }
          const bases = await this.basesOf(tx, held);
          for (const [id, basis] of bases) await this.callbacks.adoptBasis(tx, id, basis);
          return bases.size;
        });
      }
      if (due.length < BATCH) return adopted;
      after = due[due.length - 1]?.id;
    }
  }

  /** The basis each of the callbacks can be given, by id; the terms and calendars read once for them all. */
  private async basesOf(db: EntityManager, tasks: readonly CallbackTask[]): Promise<Map<string, DueBasis>> {
    const bases = new Map<string, DueBasis>();
    const policies = tasks.some((task) => !task.planId) ? (await this.policies.list(db)).policies : [];
    const plans = new Map<string, Promise<DueTerms | undefined>>();
    const calendars = new Map<string, Promise<{ version: number; calendar: BusinessCalendar } | undefined>>();
    const once = <T>(cache: Map<string, Promise<T>>, key: string, read: () => Promise<T>): Promise<T> => {
      if (!cache.has(key)) cache.set(key, read());
      return cache.get(key)!;
    };
    for (const task of tasks) {
      const terms = task.planId ? await once(plans, task.planId, () => this.planTerms(db, task.planId!)) : policyTerms(policies, task.policyId);
      if (!terms) continue;
      const basis = legacyDueBasis(task, terms, terms.fixed ? undefined : await once(calendars, terms.calendarId, () => this.heldCalendar(db, terms.calendarId)));
      if (basis) bases.set(task.id, basis);
    }
    return bases;
  }

  /** The terms the plan that scheduled a callback gives; none when it is gone. */
  private async planTerms(db: EntityManager, planId: string): Promise<DueTerms | undefined> {
    const stored = await this.plans.find(db, planId, undefined);
    return stored && { calendarId: stored.plan.calendarId, workingDays: stored.plan.dueWorkingDays, fixed: true };
  }

  /** The calendar at the version held; none when it never arrived, and then nothing is compared. */
  private async heldCalendar(db: EntityManager, calendarId: string): Promise<{ version: number; calendar: BusinessCalendar } | undefined> {
    return this.calendars.getVersioned(calendarId, db).catch((error: unknown) => {
      if (error instanceof CalendarNotReceivedError) return undefined;
      throw error;
    });
  }
}

/** The terms the policy that scheduled a callback gives as it stands; none when it is gone. */
function policyTerms(policies: readonly CallbackPolicy[], policyId: string | undefined): DueTerms | undefined {
  const policy = policies.find((p) => p.id === policyId);
  return policy && { calendarId: policy.calendarId, workingDays: policy.dueWorkingDays, fixed: false };
}
