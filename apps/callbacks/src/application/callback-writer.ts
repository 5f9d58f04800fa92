import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OutboxWriter } from '@cs/messaging';
import { writeTogether } from '@cs/persistence';
import { OUTBOX } from '@cs/platform';
import { CallbackCommand, decide } from '../domain/callback-decide';
import { CallbackState, CallbackTask, CancelReason, NewCallbackTask, evolveAll, plannedDeadlines } from '../domain/callback-task';
import { CallbackRepository } from '../infrastructure/callback.repository';
import { CallbackTimerRepository } from '../infrastructure/callback-timer.repository';
import { MissedCallbacksRepository } from '../infrastructure/missed-callbacks.repository';
import { QuestionnaireLinks } from '../infrastructure/questionnaire-links';
import { publishedEvents } from './published-callback-events';

/** Callbacks written per statement when many are scheduled or cancelled at once: a statement's parameters stay a few hundred kilobytes. */
const SCHEDULED_PER_STATEMENT = 500;

/**
 * The one way a callback task changes: decide on the loaded state, then save the task, its
 * attempts, its timers and its events in the caller's transaction.
 */
@Injectable()
export class CallbackWriter {
  constructor(
    private readonly callbacks: CallbackRepository,
    private readonly timers: CallbackTimerRepository,
    private readonly links: QuestionnaireLinks,
    private readonly missed: MissedCallbacksRepository,
    @Inject(OUTBOX) private readonly outbox: OutboxWriter,
  ) {}

  /** Throws the DomainError when the rules refuse; returns the task as it now stands. */
  async decideAndSave(tx: EntityManager, state: CallbackState, command: CallbackCommand, by: string, at: Date): Promise<CallbackTask> {
    const decided = decide(command, state, { at, by });
    if (decided instanceof Error) throw decided;
    if (decided.length === 0) return state!;
    const evolved = evolveAll(state, decided)!;
    const after = { ...evolved, version: (state?.version ?? 0) + 1 };
    await this.callbacks.save(tx, after, state?.version);
    for (const e of decided) if (e.type === 'attempted') await this.callbacks.addAttempt(tx, after.id, { ...e.record, at: e.at, by: e.by });
    await this.timers.replan(tx, after.id, plannedDeadlines(after));
    // A late answer still counts: the ticket leaves the missed-callback report.
    if (after.ticketId && decided.some((e) => e.type === 'completed')) await this.missed.clear(tx, after.ticketId);
    // A questionnaire callback is sent its link as it is scheduled (the notifications service delivers it).
    const scheduled = decided.some((e) => e.type === 'scheduled');
    const questionnaire = scheduled && after.method === 'questionnaire' ? await this.links.issue(tx, after.id, at) : undefined;
    for (const p of publishedEvents(decided, after, questionnaire)) await this.outbox.append(tx, p.definition, after.id, p.data);
    return after;
  }

  /**
   * Schedules new callbacks, any number (a plan's run over a project's customers): the rows and
   * events `decideAndSave` writes for each, in one statement per chunk — the callbacks, their
   * timers and questionnaire links — and their events appended together. One by one, each was
   * four or five round trips, and a run over thousands of customers held the erasure and merge
   * gate (holdToSchedule) for many seconds. Throws the first DomainError the rules give, before
   * anything is written.
   */
  async scheduleAll(tx: EntityManager, tasks: readonly NewCallbackTask[], by: string, at: Date): Promise<CallbackTask[]> {
    const scheduled = tasks.map((task) => {
      const decided = decide({ action: 'schedule', task }, undefined, { at, by });
      if (decided instanceof Error) throw decided;
      return { decided, after: { ...evolveAll(undefined, decided)!, version: 1 } };
    });
    for (let start = 0; start < scheduled.length; start += SCHEDULED_PER_STATEMENT) {
      const chunk = scheduled.slice(start, start + SCHEDULED_PER_STATEMENT);
      const links = new Map(chunk.filter(({ after }) => after.method === 'questionnaire').map(({ after }) => [after.id, this.links.mint(after.id, at)]));
      await writeTogether(tx, [
        this.callbacks.insertAllPart(chunk.map(({ after }) => after)),
        this.timers.planFirstPart(chunk.map(({ after }) => ({ callbackId: after.id, timers: plannedDeadlines(after) }))),
        this.links.storeAllPart([...links.values()]),
      ]);
      await this.outbox.appendAll(
        tx,
        chunk.flatMap(({ decided, after }) => publishedEvents(decided, after, links.get(after.id)).map((p) => ({ definition: p.definition, subject: after.id, data: p.data }))),
      );
    }
    return scheduled.map(({ after }) => after);
  }

  /**
   * Cancels the callbacks given that are still open, any number (a stopped plan's): the rows,
   * timers and events `decideAndSave` writes for each, in a few statements per chunk, each chunk
   * locked in id order (`lockOpenInIdOrder`) before it is decided. One by one, a plan of
   * thousands of open callbacks was four round trips each inside the request that stopped it.
   */
  async cancelAll(tx: EntityManager, ids: readonly string[], reason: CancelReason, by: string, at: Date): Promise<void> {
    const ordered = [...ids].sort();
    for (let start = 0; start < ordered.length; start += SCHEDULED_PER_STATEMENT) {
      const cancelled = (await this.callbacks.lockOpenInIdOrder(tx, ordered.slice(start, start + SCHEDULED_PER_STATEMENT))).flatMap((state) => {
        const decided = decide({ action: 'cancel', reason }, state, { at, by });
        if (decided instanceof Error) throw decided;
        return decided.length === 0 ? [] : [{ decided, before: state, after: { ...evolveAll(state, decided)!, version: state.version + 1 } }];
      });
      await this.callbacks.saveAll(tx, cancelled.map(({ before, after }) => ({ task: after, expectedVersion: before.version })));
      await this.timers.replanAll(tx, cancelled.map(({ after }) => ({ callbackId: after.id, timers: plannedDeadlines(after) })));
      await this.outbox.appendAll(
        tx,
        cancelled.flatMap(({ decided, after }) => publishedEvents(decided, after).map((p) => ({ definition: p.definition, subject: after.id, data: p.data }))),
      );
    }
  }
}
