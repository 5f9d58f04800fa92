import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventData, KnowledgeAnswerPublishedV1, KnowledgeAnswerRetiredV1 } from '@cs/contracts';
import { DomainError } from '@cs/ddd';
import type { DomainEvent } from '@cs/messaging';
import type { Ticket } from '../domain/ticket';
import type { TicketRequest } from '../domain/ticket-request';
import { PublishedAnswersRepository } from '../infrastructure/published-answers.repository';

/** The unified answer a request cites, if it is a validity decision or a reply naming one. */
function citedAnswer(request: TicketRequest): string | undefined {
  if (!('command' in request)) return undefined;
  const c = request.command;
  return c.type === 'decide_validity' || c.type === 'reply' ? c.answerId : undefined;
}

/**
 * 统一答复 as the tickets service knows them from knowledge's events: a reply or a validity
 * decision may cite only an answer in force for the ticket's project.
 */
@Injectable()
export class PublishedAnswers {
  constructor(private readonly answers: PublishedAnswersRepository) {}

  async onPublished(event: DomainEvent<EventData<typeof KnowledgeAnswerPublishedV1>>, tx: EntityManager): Promise<void> {
    const d = event.data;
    await this.answers.published(tx, d.answerId, d.version, d.projects, new Date(d.at));
  }

  async onRetired(event: DomainEvent<EventData<typeof KnowledgeAnswerRetiredV1>>, tx: EntityManager): Promise<void> {
    const d = event.data;
    await this.answers.retired(tx, d.answerId, d.version, new Date(d.at));
  }

  /** 422 naming answerId for an answer unknown, retired, or for other projects only: the same refusal for each. */
  async assertCitable(tx: EntityManager, request: TicketRequest, ticket: Ticket): Promise<void> {
    const answerId = citedAnswer(request);
    if (answerId === undefined) return;
    const known = await this.answers.find(tx, answerId);
    const project = ticket.unit.projectCode;
    const forProject = known && (known.projects === null || (project !== undefined && known.projects.includes(project)));
    if (!known || known.retired || !forProject) {
      throw new DomainError('TICKET.UNKNOWN_ANSWER', 'invalid', `${answerId} is no published unified answer for this ticket`, 'answerId', undefined, {
        code: 'unknown_reference',
      });
    }
  }
}
