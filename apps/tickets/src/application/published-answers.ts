import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventData, KnowledgeAnswerPublishedV1, KnowledgeAnswerRetiredV1 } from '@cs/contracts';
import { DomainError } from '@cs/ddd';
import type { DomainEvent } from '@cs/messaging';
import type { Ticket } from '../domain/ticket';
import type { TicketRequest } from '../domain/ticket-request';
import { PublishedAnswersRepository } from '../infrastructure/published-answers.repository';

/**
 * 统一答复 as the tickets service knows them from knowledge's events: a reply or a validity
 * decision may cite only an answer in force for the ticket's project.
 */
@Injectable()
export class PublishedAnswers {
  constructor(private readonly answers: PublishedAnswersRepository) {}

  async onPublished(event: DomainEvent<EventData<typeof KnowledgeAnswerPublishedV1>>, tx: EntityManager): Promise<void> {
    const d = event.data;
    const approvedAt = new Date(d.at);
    const startsAt = d.effectiveFrom !== undefined && new Date(d.effectiveFrom) > approvedAt ? new Date(d.effectiveFrom) : approvedAt;
    await this.answers.published(tx, d.answerId, d.version, d.projects, approvedAt, startsAt);
  }

  async onRetired(event: DomainEvent<EventData<typeof KnowledgeAnswerRetiredV1>>, tx: EntityManager): Promise<void> {
    const d = event.data;
    await this.answers.retired(tx, d.answerId, d.version, new Date(d.at));
  }

  /**
   * The request with the version of the answer it cites stamped on it: replies and validity
   * decisions cite the exact version in force now (one approved to start later, from its start). 422 naming answerId for an answer unknown,
   * not in force yet, retired, or for other projects only: the same refusal for each.
   */
  async citing(tx: EntityManager, request: TicketRequest, ticket: Ticket, now = new Date()): Promise<TicketRequest> {
    if (!('command' in request)) return request;
    const command = request.command;
    if ((command.type !== 'decide_validity' && command.type !== 'reply') || command.answerId === undefined) return request;
    const answerId = command.answerId;
    const known = await this.answers.find(tx, answerId, now);
    const project = ticket.unit.projectCode;
    const forProject = known && (known.projects === null || (project !== undefined && known.projects.includes(project)));
    if (!known || known.retired || !forProject) {
      throw new DomainError('TICKET.UNKNOWN_ANSWER', 'invalid', `${answerId} is no published unified answer for this ticket`, 'answerId', undefined, {
        code: 'unknown_reference',
      });
    }
    return { ...request, command: { ...command, answerVersion: known.version } };
  }
}
