import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OutboxWriter } from '@cs/messaging';
import { OUTBOX } from '@cs/platform';
import { CallbackCommand, decide } from '../domain/callback-decide';
import { CallbackState, CallbackTask, evolveAll, plannedDeadlines } from '../domain/callback-task';
import { CallbackRepository } from '../infrastructure/callback.repository';
import { CallbackTimerRepository } from '../infrastructure/callback-timer.repository';
import { MissedCallbacksRepository } from '../infrastructure/missed-callbacks.repository';
import { QuestionnaireLinks } from '../infrastructure/questionnaire-links';
import { publishedEvents } from './published-callback-events';

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
}
