import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError, presentProps } from '@cs/ddd';
import { redactOptional } from '@cs/privacy';
import { isOpen, type Satisfaction } from '../domain/callback-task';
import { CallbackRepository } from '../infrastructure/callback.repository';
import { LinkState, QuestionnaireLinks, QuestionnaireClaim } from '../infrastructure/questionnaire-links';
import { CallbackWriter } from './callback-writer';

export interface QuestionnaireAnswer {
  readonly satisfaction: Satisfaction;
  readonly score?: number;
  readonly serviceScore?: number;
  readonly comment?: string;
  readonly newNeeds?: string;
}

const unknownLink = () => new DomainError('QUESTIONNAIRE.NOT_FOUND', 'not_found', 'this questionnaire link is not valid');
const expired = () => new DomainError('QUESTIONNAIRE.EXPIRED', 'gone', 'this questionnaire link has expired', undefined, { reason: 'expired' });
const answered = () => new DomainError('QUESTIONNAIRE.ANSWERED', 'conflict', 'this questionnaire was already answered', undefined, { reason: 'answered' });
/** The callback ended otherwise — the customer reached by phone, the matter reopened, the calls failed, the customer erased — so no answer is wanted. */
const closed = () => new DomainError('QUESTIONNAIRE.CLOSED', 'conflict', 'this questionnaire is no longer needed', undefined, { reason: 'closed' });

/** Why a link on an open callback could not be used. */
function refusalOf(state: LinkState): DomainError {
  if (state === 'expired') return expired();
  return state === 'answered' ? answered() : closed();
}

/**
 * 问卷回访 — the customer answers through a signed link. Showing the page records nothing (mail
 * and SMS scanners open links); only the answer does, once, as the callback's reached attempt.
 */
@Injectable()
export class AnswerQuestionnaire {
  constructor(
    private readonly dataSource: DataSource,
    private readonly links: QuestionnaireLinks,
    private readonly callbacks: CallbackRepository,
    private readonly writer: CallbackWriter,
  ) {}

  private claimOf(token: string, now: Date): QuestionnaireClaim {
    const checked = this.links.check(token, now);
    if (!checked.ok) throw checked.reason === 'expired' ? expired() : unknownLink();
    return checked.claim;
  }

  /** Whether the page may be shown; reads only. */
  async show(token: string, now = new Date()): Promise<void> {
    const claim = this.claimOf(token, now);
    const [link, task] = await Promise.all([this.links.state(this.dataSource.manager, claim, now), this.callbacks.find(this.dataSource.manager, claim.callbackId, undefined)]);
    if (!task) throw unknownLink();
    if (link === 'answered') throw answered();
    if (link === 'withdrawn' || !isOpen(task)) throw closed();
    if (link === 'expired') throw expired();
  }

  /**
   * `clock` is read as the link is checked and again as it is used, once the callback is locked
   * (an agent recording on it, a pass firing its deadline may hold it): a link that expired in
   * between is refused as expired.
   */
  async answer(token: string, answer: QuestionnaireAnswer, clock: () => Date = () => new Date()): Promise<void> {
    const claim = this.claimOf(token, clock());
    await this.dataSource.transaction(async (tx) => {
      const task = await this.callbacks.lock(tx, claim.callbackId, undefined);
      if (!task) throw unknownLink();
      const now = clock();
      if (!isOpen(task)) throw (await this.links.state(tx, claim, now)) === 'answered' ? answered() : closed();
      if (!(await this.links.redeem(tx, claim, now))) throw refusalOf(await this.links.state(tx, claim, now));
      const report = {
        outcome: 'reached' as const,
        satisfaction: answer.satisfaction,
        ...presentProps({
          score: answer.score,
          serviceScore: answer.serviceScore,
          comment: redactOptional(answer.comment),
          newNeeds: redactOptional(answer.newNeeds),
        }),
      };
      await this.writer.decideAndSave(tx, task, { action: 'record_attempt', report }, 'customer', now);
    });
  }
}
