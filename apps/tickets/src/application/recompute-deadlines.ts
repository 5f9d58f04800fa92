import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { ServiceConfig } from '@cs/config';
import { type TellOnCommit, ToldOnCommit } from '@cs/messaging';
import type { Logger } from '@cs/observability';
import { isCalendarRefusal } from '@cs/business-calendar';
import type { DomainError } from '@cs/ddd';
import { inSavepoint } from '@cs/persistence';
import { BackgroundLoop, DueWorkFailures, LOGGER, SERVICE_CONFIG, failureName, isDependencyFailure } from '@cs/platform';
import type { PlannedDeadline } from '../domain/ticket-commands';
import { CalendarRecomputeJobRepository, RecomputeJob, WalkedSubject } from '../infrastructure/calendar-recompute-jobs.repository';
import { CalendarStore } from '../infrastructure/calendar-store';
import { HELD_CLOCKS_DUE_WORK, HeldAwaitingTry, HeldClockRepository } from '../infrastructure/held-clocks.repository';
import { IncidentRepository } from '../infrastructure/incident.repository';
import { IncidentSlaTimerRepository, SlaTimerRepository } from '../infrastructure/sla-timer.repository';
import { TicketRepository } from '../infrastructure/ticket.repository';
import { RunIncidentCommand } from './run-incident-command';
import { RunTicketCommand } from './run-ticket-command';

/** Tickets (and incidents) per transaction: short enough not to hold many locks against the desk's requests. */
export const RECOMPUTE_BATCH = 50;

/** What one pass did: the job worked on and the tickets and incidents walked, or nothing when no job waits. */
export interface RecomputePass {
  readonly calendarId: string;
  readonly version: number;
  readonly walked: number;
  readonly recomputed: number;
  /** Tickets whose recount failed for a reason not a calendar's (logged each, passed by): they keep their timers. */
  readonly failed: number;
  /** Tickets a calendar refused to count (logged once per batch, passed by): they keep their timers until it is corrected. */
  readonly refused: number;
  readonly incidents: { readonly walked: number; readonly recomputed: number; readonly failed: number; readonly refused: number };
  readonly finished: boolean;
}

/**
 * What one sweep of held clocks did: how many tickets it tried, planned, left held (their calendar
 * still refusing), and held back after a failure of another kind (tried again after a back-off).
 */
export interface HeldPass {
  readonly tried: number;
  readonly planned: number;
  readonly stillHeld: number;
  readonly postponed: number;
}

/** A held ticket's try that failed for a reason not its calendar's: what failed, to hold the ticket back by. */
interface FailedTry {
  readonly failure: unknown;
}

/**
 * How a held ticket fared: planned by this try, planned already by a change or a walk before it,
 * its calendar still refusing, or failed otherwise.
 */
type HeldOutcome = 'planned' | 'found planned' | 'held' | FailedTry;

/** How one kind of subject fared in a batch. */
interface Walked {
  readonly ids: readonly string[];
  readonly recomputed: number;
  readonly failed: number;
  readonly refused: number;
}

/**
 * After a calendar changes, recomputes the deadlines of the open tickets whose clocks count by
 * it, through the decider (`recompute_deadlines`): each moved ticket gets a history entry, new
 * timers and a `ticket.deadlines_recomputed` event in the transaction that moves the job's
 * cursor (ADR 0018). Runs on every replica at the SLA timers' pace; a job left by a crash is
 * picked up where its last committed batch ended. A ticket whose deadlines cannot be counted is
 * passed by, keeping the timers it had: it never holds up its job, nor, the oldest being taken
 * first, every job after. One a calendar refuses (stored without working time, or before the
 * limits it breaks) is the calendar's matter, the same for each ticket it times: counted apart and
 * told once per batch; any other failure (a broken row, a bug) is counted failed and logged by id;
 * both told once the batch commits.
 * Open incidents counted by the calendar are walked too, first in each batch, as a person's link
 * locks an incident before its tickets: their timers are planned again where a deadline moved
 * (ADR 0122). A held ticket the walk plans ends its hold as it is saved, as any change of it does.
 *
 * When no job waits, a pass sweeps the held clocks (ADR 0130) whose calendar reached a version not
 * yet tried on them: a correction's walk misses a ticket whose opening read the version before and
 * committed after the walk ended, and a replica of the release before walks a correction passing
 * held clocks by. Each is planned as the walk plans it, without a lock on the calendar's row. One
 * whose try fails for a reason not its calendar's (a statement timed out, a bug) is held back with
 * back-off as failed due work (ADR 0135), in the sweep's transaction: tried again 30 s later,
 * doubling up to an hour, while the sweep takes the rows after it.
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
    private readonly incidents: IncidentRepository,
    private readonly incidentTimers: IncidentSlaTimerRepository,
    private readonly runIncident: RunIncidentCommand,
    private readonly held: HeldClockRepository,
    private readonly failures: DueWorkFailures,
    @Inject(LOGGER) logger: Logger,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    super('recomputing deadlines', logger, config.slaTimerPollMs);
  }

  protected async poll(): Promise<boolean> {
    const pass = await this.runOnce();
    if (pass?.finished) this.logger.info(pass, 'deadlines recomputed after a calendar change');
    if (pass) return true;
    const held = await this.planHeldOnce();
    if (held.planned > 0) this.logger.info(held, 'held clocks planned by their corrected calendar');
    return held.tried >= RECOMPUTE_BATCH;
  }

  /**
   * One batch of the oldest waiting job, committed as one transaction; what it found to warn of is
   * told once it committed, so a batch rolled back and run again tells it once, by the run that held.
   */
  async runOnce(now = new Date(), batch = RECOMPUTE_BATCH): Promise<RecomputePass | undefined> {
    const told = new ToldOnCommit();
    const pass = await this.dataSource.transaction((tx) => this.pass(tx, now, batch, told.add));
    told.tell();
    return pass;
  }

  /** Every waiting job to its end, then every held clock its calendar's version can be tried on (tests and the refresh command's callers). */
  async drain(now = new Date(), batch = RECOMPUTE_BATCH): Promise<RecomputePass[]> {
    const passes: RecomputePass[] = [];
    for (let pass = await this.runOnce(now, batch); pass; pass = await this.runOnce(now, batch)) passes.push(pass);
    for (let held = await this.planHeldOnce(now, batch); held.tried >= batch; held = await this.planHeldOnce(now, batch));
    return passes;
  }

  /**
   * One batch of held clocks whose calendar is at a version not tried on them, committed as one
   * transaction, their tickets locked before them as every save locks a ticket before its held
   * rows (ADR 0165). A ticket another transaction holds is left to the next pass; one the version still
   * cannot count stays held until the calendar's next version; one whose try failed otherwise is
   * held back in the batch's transaction (committed with it, so no replica takes the ticket again
   * in between) and tried again at the same version once its back-off ends.
   */
  async planHeldOnce(now = new Date(), batch = RECOMPUTE_BATCH): Promise<HeldPass> {
    const told = new ToldOnCommit();
    const pass = await this.dataSource.transaction(async (tx) => {
      const tried = await this.held.awaitingTry(tx, now, batch);
      const outcomes: HeldOutcome[] = [];
      const failedIds = new Set<string>();
      for (const held of tried) {
        const outcome = await this.planHeld(tx, held, now);
        if (typeof outcome === 'object') {
          failedIds.add(held.ticketId);
          await this.failures.postpone(HELD_CLOCKS_DUE_WORK, held.ticketId, outcome.failure, now, tx, told.add);
        }
        outcomes.push(outcome);
      }
      await this.failures.succeeded(tx, HELD_CLOCKS_DUE_WORK, tried.filter((h) => !failedIds.has(h.ticketId)).map((h) => h.ticketId));
      return { tried: tried.length, planned: outcomes.filter((o) => o === 'planned').length, stillHeld: outcomes.filter((o) => o === 'held').length, postponed: failedIds.size };
    });
    told.tell();
    return pass;
  }

  /**
   * One ticket's held clocks through the walk's command and its row released, in a savepoint:
   * rolled back alone when it fails, leaving the batch's transaction to go on.
   */
  private async planHeld(tx: EntityManager, held: HeldAwaitingTry, now: Date): Promise<HeldOutcome> {
    try {
      const moved = await inSavepoint(tx, async (savepoint) => {
        const recomputed = await this.recompute(savepoint, held.ticketId, held, now);
        await this.held.release(savepoint, [held.ticketId]);
        return recomputed;
      });
      return moved ? 'planned' : 'found planned';
    } catch (error) {
      if (isDependencyFailure(error)) throw error;
      if (!isCalendarRefusal(error)) return { failure: error };
      await this.held.tried(tx, held);
      return 'held';
    }
  }

  private async pass(tx: EntityManager, now: Date, batch: number, onCommit: TellOnCommit): Promise<RecomputePass | undefined> {
    const job = await this.jobs.claimNext(tx);
    if (!job) return undefined;
    // Another replica made the change: its cache may still hold the version before it. A version
    // stored before the rules it breaks is not counted by: each ticket then fails alone and keeps
    // its timers, as for any calendar it cannot count by, and the jobs after this one run.
    await this.calendars.catchUp(job.calendarId, job.version);
    const incidents = await this.walk(job, 'incident', onCommit, await this.incidents.openUsingCalendar(tx, job.calendarId, job.afterIncidentId, batch), (id) =>
      inSavepoint(tx, (savepoint) => this.recomputeIncident(savepoint, id, now)),
    );
    const tickets = await this.walk(job, 'ticket', onCommit, await this.tickets.openUsingCalendar(tx, job.calendarId, job.afterTicketId, batch), (id) =>
      inSavepoint(tx, (savepoint) => this.recompute(savepoint, id, job, now)),
    );
    const finished = tickets.ids.length < batch && incidents.ids.length < batch;
    await this.jobs.advance(tx, job, { ticketId: tickets.ids.at(-1), incidentId: incidents.ids.at(-1) }, tickets.recomputed + incidents.recomputed, finished ? now : undefined);
    return {
      calendarId: job.calendarId,
      version: job.version,
      walked: tickets.ids.length,
      recomputed: tickets.recomputed,
      failed: tickets.failed,
      refused: tickets.refused,
      incidents: { walked: incidents.ids.length, recomputed: incidents.recomputed, failed: incidents.failed, refused: incidents.refused },
      finished,
    };
  }

  /**
   * Each subject in a savepoint of its own (`recompute`): one that fails leaves the batch's other
   * changes and the cursor to commit. A calendar's refusal is not the subject's failure: a refused
   * calendar refuses every subject it times, so the batch tells each refusing calendar once.
   * Both are told `onCommit`: a batch rolled back would otherwise have told what it undid.
   */
  private async walk(job: RecomputeJob, subject: WalkedSubject, onCommit: TellOnCommit, ids: readonly string[], recompute: (id: string) => Promise<boolean>): Promise<Walked> {
    let recomputed = 0;
    let failed = 0;
    const refusals: DomainError[] = [];
    for (const id of ids) {
      try {
        if (await recompute(id)) recomputed++;
      } catch (error) {
        if (isDependencyFailure(error)) throw error;
        if (isCalendarRefusal(error)) {
          refusals.push(error);
          continue;
        }
        failed++;
        const failure = failureName(error);
        onCommit(() =>
          this.logger.warn(
            { [`${subject}Id`]: id, calendarId: job.calendarId, version: job.version, failure },
            `deadlines of a ${subject} could not be recomputed; it keeps its timers and the walk goes on`,
          ),
        );
      }
    }
    if (refusals.length > 0) {
      const refusedBy = byCalendar(refusals);
      onCommit(() =>
        this.logger.warn(
          { subject, calendarId: job.calendarId, version: job.version, refused: refusals.length, refusedBy },
          `a calendar refuses to count the deadlines of ${subject}s walked; they keep their timers until it is corrected`,
        ),
      );
    }
    return { ids, recomputed, failed, refused: refusals.length };
  }

  /** One incident's timers planned again if a deadline of it moved; whether one did. */
  private async recomputeIncident(tx: EntityManager, id: string, now: Date): Promise<boolean> {
    const incident = await this.incidents.find(tx, id, true);
    if (!incident) return false;
    return this.runIncident.recomputeDeadlines(tx, incident, await lastPlanned(this.incidentTimers, tx, id), now);
  }

  /**
   * One ticket through the decider; whether a deadline of it moved. A held one it plans ends its
   * hold as it is saved, as any change of it does (ADR 0135).
   */
  private async recompute(tx: EntityManager, id: string, job: Pick<RecomputeJob, 'calendarId' | 'version'>, now: Date): Promise<boolean> {
    const ticket = await this.tickets.find(tx, id, true);
    if (!ticket) return false;
    const planned = await lastPlanned(this.timers, tx, id);
    const command = { action: 'recompute_deadlines', calendarId: job.calendarId, calendarVersion: job.version, planned } as const;
    return (await this.run.decideAndSave(tx, ticket, command, 'system', now)) !== ticket;
  }
}

/** Calendars' refusals told together: each refusing calendar and code once, with how many subjects it refused. */
function byCalendar(refusals: readonly DomainError[]): { readonly calendarId: string; readonly refusal: string; readonly count: number }[] {
  const counted = new Map<string, { readonly calendarId: string; readonly refusal: string; count: number }>();
  for (const { code, details } of refusals) {
    const calendarId = String(details?.['calendarId']);
    const told = counted.get(`${calendarId} ${code}`) ?? { calendarId, refusal: code, count: 0 };
    told.count++;
    counted.set(`${calendarId} ${code}`, told);
  }
  return [...counted.values()];
}

/** The deadlines a subject's timers were last planned for, one per clock (its unfired breach timer). */
async function lastPlanned(timers: Pick<SlaTimerRepository, 'lastPlannedDeadlines'>, tx: EntityManager, id: string): Promise<PlannedDeadline[]> {
  return [...((await timers.lastPlannedDeadlines(tx, [id])).get(id) ?? [])].map(([clock, dueAt]) => ({ clock, dueAt }));
}
