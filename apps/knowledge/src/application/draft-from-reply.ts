import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { EventData, TicketReplyApprovedV1 } from '@cs/contracts';
import { DomainError, cutToCharacters, presentProps } from '@cs/ddd';
import type { DomainEvent } from '@cs/messaging';
import { redactPersonalData } from '@cs/privacy';
import type { UnifiedAnswer } from '../domain/answer';
import { ApprovedReplyRepository } from '../infrastructure/approved-reply.repository';
import { holdToKeepWords } from '../infrastructure/customer-fates';
import { TicketSuggestionRepository } from '../infrastructure/ticket-suggestion.repository';
import { AnswerActor, ManageAnswers } from './manage-answers';

const TITLE_LENGTH = 40;
/** As long as an answer's phrasing may be. */
const QUESTION_LENGTH = 200;

/**
 * An invalid complaint's approved reply (统一说辞 drafted for one case) becomes a draft unified
 * answer in one call: the reply as its body, the customer's demand as its first phrasing.
 */
@Injectable()
export class DraftFromReply {
  constructor(
    private readonly dataSource: DataSource,
    private readonly replies: ApprovedReplyRepository,
    private readonly tickets: TicketSuggestionRepository,
    private readonly manage: ManageAnswers,
  ) {}

  async onApproved(event: DomainEvent<EventData<typeof TicketReplyApprovedV1>>, tx: EntityManager): Promise<void> {
    const d = event.data;
    await this.replies.save(tx, {
      ticketId: d.ticketId,
      ...presentProps({ projectCode: d.projectCode, itemCode: d.itemCode }),
      text: redactPersonalData(d.text),
      approvedBy: d.by,
      approvedAt: new Date(d.at),
    });
  }

  async draft(ticketId: string, actor: AnswerActor, title?: string): Promise<UnifiedAnswer> {
    return this.dataSource.transaction(async (tx) => {
      // The demand read here becomes the draft's phrasing: an erasure of its customer under way
      // commits first, and the draft takes none of their words (ADR 0089).
      await holdToKeepWords(tx);
      const reply = await this.replies.find(tx, ticketId, actor.projects);
      if (!reply) throw new DomainError('ANSWER.NO_APPROVED_REPLY', 'not_found', `no approved reply is known for ticket ${ticketId}`, 'ticketId');
      if (reply.draftAnswerId) {
        throw new DomainError('ANSWER.REPLY_ALREADY_DRAFTED', 'conflict', `the reply is already the draft ${reply.draftAnswerId}`, undefined, { draftAnswerId: reply.draftAnswerId });
      }
      const demand = (await this.tickets.find(tx, ticketId, undefined))?.demand;
      const id = randomUUID();
      const answer = await this.manage.executeIn(
        tx,
        id,
        {
          action: 'create',
          id,
          content: {
            // Cut between characters: half an emoji is refused by the jsonb the draft is stored in.
            title: title ?? cutToCharacters(demand ?? reply.text, TITLE_LENGTH),
            questions: [cutToCharacters(demand ?? reply.text, QUESTION_LENGTH)],
            body: reply.text,
            tags: [],
            projects: reply.projectCode ? [reply.projectCode] : actor.projects ? [...actor.projects] : null,
            ...presentProps({ itemCode: reply.itemCode, sectionCode: reply.itemCode?.split('.')[0] }),
          },
        },
        actor,
        undefined,
        new Date(),
      );
      await this.replies.drafted(tx, ticketId, answer.id);
      return answer;
    });
  }
}
