import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { ServiceConfig } from '@cs/config';
import type { Logger } from '@cs/observability';
import { CalendarReplica, DueWorkFailures, DueWorkLoop, LOGGER, SERVICE_CONFIG } from '@cs/platform';
import { runDue } from '../domain/callback-plan';
import { countedDue } from '../domain/callback-task';
import { CallbackPlanRepository, StoredPlan } from '../infrastructure/callback-plan.repository';
import { holdToSchedule } from '../infrastructure/customer-copies';
import { CallbackWriter } from './callback-writer';

/** The name plans are held back under when a run fails (ADR 0040). */
const WORK = 'callback_plans';
/** Plans run per transaction: each may schedule a callback for every customer of a project. */
const BATCH = 10;

type DuePlan = StoredPlan & { readonly id: string };

/**
 * Runs due callback plans: each run schedules one callback per selected customer, a few
 * statements for hundreds of them (`scheduleAll`), and moves the plan to its next run after now
 * (a plan behind schedule runs once, `runDue`), in one transaction with the plan rows locked
 * (skipping those another replica holds) — so a run happens once across replicas and restarts.
 * Passes follow at once while they come full; a plan whose run fails (its calendar gone, a
 * callback its rules refuse) is held back with back-off and the others run, where before it
 * stayed the earliest due and stopped every plan behind it.
 */
@Injectable()
export class RunCallbackPlans extends DueWorkLoop<DuePlan> {
  constructor(
    dataSource: DataSource,
    private readonly plans: CallbackPlanRepository,
    private readonly calendars: CalendarReplica,
    private readonly writer: CallbackWriter,
    failures: DueWorkFailures,
    @Inject(LOGGER) logger: Logger,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    // Named as before it ran through the due-work loop: dashboards and alerts know it by that.
    super(WORK, logger, config.slaTimerPollMs, dataSource, failures, BATCH, 'running callback plans');
  }

  protected candidates(db: EntityManager, now: Date, limit: number): Promise<string[]> {
    return this.plans.dueIds(db, WORK, now, limit);
  }

  protected lock(tx: EntityManager, ids: readonly string[], limit: number): Promise<DuePlan[]> {
    return this.plans.lockAll(tx, ids, limit);
  }

  /** Runs the locked plans still due (another replica may have run one meanwhile); returns how many ran. */
  protected async fireLocked(tx: EntityManager, locked: readonly DuePlan[], now: Date): Promise<number> {
    // Before the plans select customers: an erasure or a merge in flight is then seen whole.
    await holdToSchedule(tx);
    let ran = 0;
    for (const due of locked) {
      if (!due.active || !due.nextRunAt || due.nextRunAt > now) continue;
      await this.run(tx, due.plan, due.nextRunAt, now);
      ran += 1;
    }
    return ran;
  }

  private async run(tx: EntityManager, plan: StoredPlan['plan'], nextRunAt: Date, now: Date): Promise<void> {
    const held = await this.calendars.getVersioned(plan.calendarId, tx);
    const { next } = runDue(plan, held.calendar.timezone, nextRunAt, now);
    // Counted from when the run happens, not from the occurrence it stands for: a run made late
    // (a plan whose first run was set in the past, a service that was down) schedules callbacks
    // due ahead, not overdue the moment they exist.
    const counted = countedDue(held, plan.calendarId, now, plan.dueWorkingDays);
    const tasks = (await this.plans.selection(tx, plan)).map((customerId) => ({
      id: randomUUID(),
      kind: plan.kind,
      method: plan.method,
      customerId,
      projectCode: plan.projectCode,
      planId: plan.id,
      ...counted,
      attemptsAllowed: plan.attemptsAllowed,
      retrySpacingMinutes: plan.retrySpacingMinutes,
      createdAt: now,
      ...(plan.assignee ? { assignee: plan.assignee } : {}),
    }));
    await this.writer.scheduleAll(tx, tasks, 'system', now);
    await this.plans.advance(tx, plan.id, next);
  }
}
