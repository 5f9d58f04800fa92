import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { ServiceConfig } from '@cs/config';
import type { Logger } from '@cs/observability';
import { BackgroundLoop, LOGGER, SERVICE_CONFIG } from '@cs/platform';
import { CalendarRecomputeJobRepository } from '../infrastructure/calendar-recompute-jobs.repository';
import { CalendarStore } from '../infrastructure/calendar-store';
import { SlaTimerRepository } from '../infrastructure/sla-timer.repository';
import { TicketRepository } from '../infrastructure/ticket.repository';
import { RunTicketCommand } from './run-ticket-command';

/** Tickets per transaction: short enough not to hold many ticket locks against the desk's requests. */
export const RECOMPUTE_BATCH = 50;

/** What one pass did: the job worked on and the tickets walked, or nothing when no job waits. */
export interface RecomputePass {
  readonly calendarId: string;
  readonly version: number;
  readonly walked: number;
  readonly recomputed: number;
  readonly finished: boolean;
}

/**
 * After a calendar changes, recomputes the deadlines of the open tickets whose clocks count by
 * it, through the decider (`recompute_deadlines`): each moved ticket gets a history entry, new
 * timers and a `ticket.deadlines_recomputed` event in the transaction that moves the job's
 * cursor (ADR 0018). Runs on every replica at the SLA timers' pace; a job left by a crash is
 * picked up where its last committed batch ended.
 */
@Injectable()
export class RecomputeDeadlines extends BackgroundLoop {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: CalendarRecomputeJobRepository,
    private readonly calendars: CalendarStore,
    private readonly tickets: TicketRepository,
    private readonly timers: SlaTimerRepository,
    private readonly run: RunTicketCommand,
    @Inject(LOGGER) logger: Logger,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    super('recomputing deadlines', logger, config.slaTimerPollMs);
  }

  protected async poll(): Promise<boolean> {
    const pass = await this.runOnce();
    if (pass?.finished) this.logger.info(pass, 'deadlines recomputed after a calendar change');
    return pass !== undefined;
  }

  /** One batch of the oldest waiting job, committed as one transaction. */
  async runOnce(now = new Date(), batch = RECOMPUTE_BATCH): Promise<RecomputePass | undefined> {
    return this.dataSource.transaction((tx) => this.pass(tx, now, batch));
  }

  /** Every waiting job to its end (tests and the refresh command's callers). */
  async drain(now = new Date(), batch = RECOMPUTE_BATCH): Promise<RecomputePass[]> {
    const passes: RecomputePass[] = [];
    for (let pass = await this.runOnce(now, batch); pass; pass = await this.runOnce(now, batch)) passes.push(pass);
    return passes;
  }

  private async pass(tx: EntityManager, now: Date, batch: number): Promise<RecomputePass | undefined> {
    const job = await this.jobs.claimNext(tx);
    if (!job) return undefined;
    // Another replica made the change: its cache may still hold the version before it.
    await this.calendars.getAtLeast(job.calendarId, job.version);
    const ids = await this.tickets.openUsingCalendar(tx, job.calendarId, job.afterTicketId, batch);
    let recomputed = 0;
    for (const id of ids) {
      const ticket = await this.tickets.find(tx, id, true);
      if (!ticket) continue;
      const planned = await this.timers.plannedDeadlines(tx, id);
      const command = { action: 'recompute_deadlines', calendarId: job.calendarId, calendarVersion: job.version, planned } as const;
      const after = await this.run.decideAndSave(tx, ticket, command, 'system', now);
      if (after !== ticket) recomputed++;
    }
    const finished = ids.length < batch;
    await this.jobs.advance(tx, job, ids[ids.length - 1], recomputed, finished ? now : undefined);
    return { calendarId: job.calendarId, version: job.version, walked: ids.length, recomputed, finished };
  }
}
