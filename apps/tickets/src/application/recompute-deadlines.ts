import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { ServiceConfig } from '@cs/config';
import type { Logger } from '@cs/observability';
import { BackgroundLoop, LOGGER, SERVICE_CONFIG, failureName, isDependencyFailure } from '@cs/platform';
import { CalendarRecomputeJobRepository, RecomputeJob } from '../infrastructure/calendar-recompute-jobs.repository';
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
  /** Tickets whose deadlines could not be counted by the version (logged, passed by): they keep their timers. */
  readonly failed: number;
  readonly finished: boolean;
}

/**
 * After a calendar changes, recomputes the deadlines of the open tickets whose clocks count by
 * it, through the decider (`recompute_deadlines`): each moved ticket gets a history entry, new
 * timers and a `ticket.deadlines_recomputed` event in the transaction that moves the job's
 * cursor (ADR 0018). Runs on every replica at the SLA timers' pace; a job left by a crash is
 * picked up where its last committed batch ended. A ticket whose deadlines the version cannot
 * count (a calendar stored without working time, a broken row) is logged and passed by, keeping
 * the timers it had: it never holds up its job, nor, the oldest being taken first, every job after.
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
    // Another replica made the change: its cache may still hold the version before it. A version
    // stored before the rules it breaks is not counted by: each ticket then fails alone and keeps
    // its timers, as for any calendar it cannot count by, and the jobs after this one run.
    await this.calendars.catchUp(job.calendarId, job.version);
    const ids = await this.tickets.openUsingCalendar(tx, job.calendarId, job.afterTicketId, batch);
    let recomputed = 0;
    let failed = 0;
    for (const id of ids) {
      try {
        // A savepoint each: a ticket that fails leaves the batch's other changes and the cursor to commit.
        if (await tx.transaction((savepoint) => this.recompute(savepoint, id, job, now))) recomputed++;
      } catch (error) {
        if (isDependencyFailure(error)) throw error;
        failed++;
        this.logger.warn(
          { ticketId: id, calendarId: job.calendarId, version: job.version, failure: failureName(error) },
          'deadlines of a ticket could not be recomputed; it keeps its timers and the walk goes on',
        );
      }
    }
    const finished = ids.length < batch;
    await this.jobs.advance(tx, job, ids[ids.length - 1], recomputed, finished ? now : undefined);
    return { calendarId: job.calendarId, version: job.version, walked: ids.length, recomputed, failed, finished };
  }

  /** One ticket through the decider; whether a deadline of it moved. */
  private async recompute(tx: EntityManager, id: string, job: RecomputeJob, now: Date): Promise<boolean> {
    const ticket = await this.tickets.find(tx, id, true);
    if (!ticket) return false;
    const planned = [...((await this.timers.lastPlannedDeadlines(tx, [id])).get(id) ?? [])].map(([clock, dueAt]) => ({ clock, dueAt }));
    const command = { action: 'recompute_deadlines', calendarId: job.calendarId, calendarVersion: job.version, planned } as const;
    return (await this.run.decideAndSave(tx, ticket, command, 'system', now)) !== ticket;
  }
}
