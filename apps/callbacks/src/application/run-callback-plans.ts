import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ServiceConfig } from '@cs/config';
import type { Logger } from '@cs/observability';
import { BackgroundLoop, CalendarReplica, LOGGER, SERVICE_CONFIG } from '@cs/platform';
import { runDue } from '../domain/callback-plan';
import { countedDue } from '../domain/callback-task';
import { CallbackPlanRepository } from '../infrastructure/callback-plan.repository';
import { CallbackWriter } from './callback-writer';

/** Plans run per pass; the next pass takes the rest. */
const BATCH = 10;

/**
 * Runs due callback plans: each run schedules one callback per selected customer and moves the
 * plan to its next run after now (a plan behind schedule runs once, `runDue`), in one transaction
 * with the plan row locked (skipped while another replica holds it) — so a run happens once
 * across replicas and restarts.
 */
@Injectable()
export class RunCallbackPlans extends BackgroundLoop {
  constructor(
    private readonly dataSource: DataSource,
    private readonly plans: CallbackPlanRepository,
    private readonly calendars: CalendarReplica,
    private readonly writer: CallbackWriter,
    @Inject(LOGGER) logger: Logger,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    super('running callback plans', logger, config.slaTimerPollMs);
  }

  /** Runs what is due at `now`; returns how many callbacks were scheduled. */
  async runDue(now = new Date()): Promise<number> {
    let scheduled = 0;
    for (let i = 0; i < BATCH; i += 1) {
      const made = await this.dataSource.transaction(async (tx) => {
        const due = await this.plans.claimDue(tx, now);
        if (!due?.nextRunAt) return undefined;
        const { plan } = due;
        const held = await this.calendars.getVersioned(plan.calendarId, tx);
        const { next } = runDue(plan, held.calendar.timezone, due.nextRunAt, now);
        // Counted from when the run happens, not from the occurrence it stands for: a run made late
        // (a plan whose first run was set in the past, a service that was down) schedules callbacks
        // due ahead, not overdue the moment they exist.
        const counted = countedDue(held, plan.calendarId, now, plan.dueWorkingDays);
        const customers = await this.plans.selection(tx, plan);
        for (const customerId of customers) {
          const task = {
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
          };
          await this.writer.decideAndSave(tx, undefined, { action: 'schedule', task }, 'system', now);
        }
        await this.plans.advance(tx, plan.id, next);
        return customers.length;
      });
      if (made === undefined) break;
      scheduled += made;
    }
    return scheduled;
  }

  protected async poll(): Promise<void> {
    await this.runDue();
  }
}
