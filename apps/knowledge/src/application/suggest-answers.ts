import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type EventData, TicketCreatedV1, type TicketRecordAmendedV1 } from '@cs/contracts';
import { DomainError } from '@cs/ddd';
import type { DomainEvent } from '@cs/messaging';
import { Gathering, InboxContext, mergesOrErasesCustomers } from '@cs/platform';
import { answerVisibleTo } from '../domain/answer';
import { feedbackDelta, FeedbackOutcome } from '../domain/feedback';
import { AnswerRepository } from '../infrastructure/answer.repository';
import { holdToKeepWords } from '../infrastructure/customer-fates';
import { SearchIndexRepository } from '../infrastructure/search-index.repository';
import { StoredSuggestion, TicketKnowledge, TicketSuggestionRepository } from '../infrastructure/ticket-suggestion.repository';
import { ReadAnswers } from './read-answers';
import { SearchAnswers, SearchHit } from './search-answers';

/** Who gives feedback: a verdict is theirs, and they see only their projects' answers. */
export interface FeedbackAuthor {
  readonly sub: string;
  readonly projects: readonly string[] | undefined;
}

/** How many answers a ticket is offered. */
export const SUGGESTIONS_PER_TICKET = 5;

export interface Suggestion {
  readonly answerId: string;
  readonly version: number;
  readonly title: string;
  readonly score: number;
  readonly snippet?: string;
  readonly itemCode?: string;
}

const fromHit = (h: SearchHit): Suggestion => ({
  answerId: h.answer.answerId,
  version: h.answer.version,
  title: h.answer.content.title,
  score: h.score,
  snippet: h.snippet,
  ...(h.answer.content.itemCode ? { itemCode: h.answer.content.itemCode } : {}),
});

/** A ticket's project decides which answers apply; a ticket of no project gets those for every project. */
const projectsOfTicket = (projectCode: string | undefined): string[] => (projectCode ? [projectCode] : []);

/**
 * Answers for a ticket, computed when it opens (and when the desk gives it another item) from
 * what the customer asked and its catalogue item, and read back later; agents' feedback on them
 * feeds the ranking.
 */
@Injectable()
export class SuggestAnswers {
  constructor(
    private readonly dataSource: DataSource,
    private readonly searcher: SearchAnswers,
    private readonly read: ReadAnswers,
    private readonly tickets: TicketSuggestionRepository,
    private readonly index: SearchIndexRepository,
    private readonly answers: AnswerRepository,
  ) {}

  private readonly gathering = new Gathering<TicketKnowledge>([TicketCreatedV1.type], async (tx, tickets, held) => {
    // A customer's erasure or merge in flight commits before the demands are written, or after them.
    await holdToKeepWords(tx, mergesOrErasesCustomers(held));
    await this.tickets.saveAll(tx, tickets);
  });

  /**
   * The new ticket's suggestions, searched now and written with the transaction's other new
   * tickets before the transaction's next event of another type from the tickets topic (ADR 0062)
   * or its commit; without the demand if its customer was erased before (ADR 0092).
   */
  async onTicketCreated(event: DomainEvent<EventData<typeof TicketCreatedV1>>, context: InboxContext): Promise<void> {
    const d = event.data;
    const text = d.summary ?? '';
    const suggestions = text ? await this.suggestionsFor(text, d.unit.projectCode, d.itemCode) : [];
    this.gathering.add(context, {
      ticketId: d.ticketId,
      customerId: d.customerId,
      ...(d.unit.projectCode ? { projectCode: d.unit.projectCode } : {}),
      ...(d.itemCode ? { itemCode: d.itemCode } : {}),
      ...(d.sectionCode ? { sectionCode: d.sectionCode } : {}),
      ...(text ? { demand: text } : {}),
      suggestions,
      computedAt: new Date(d.createdAt),
    });
  }

  /**
   * 补录 — a ticket classified or corrected at the desk is offered the answers its demand finds
   * under its new item: the item chosen at intake (or none, for a contact from a gateway) was what
   * ranked the answers first. The answer a reply cited is kept. A ticket whose demand was never
   * seen has nothing to search with and keeps what it has.
   */
  async onRecordAmended(event: DomainEvent<EventData<typeof TicketRecordAmendedV1>>, context: InboxContext): Promise<void> {
    const itemCode = event.data.amended.itemCode;
    if (itemCode === undefined) return;
    // The demand read here is written back: an erasure committing between the two would be undone.
    await holdToKeepWords(context.tx, mergesOrErasesCustomers(context));
    const known = await this.tickets.find(context.tx, event.data.ticketId, undefined);
    if (!known?.demand) return;
    const suggestions = await this.suggestionsFor(known.demand, known.projectCode, itemCode);
    await this.tickets.saveAll(context.tx, [
      { ...known, itemCode, ...(event.data.sectionCode ? { sectionCode: event.data.sectionCode } : {}), suggestions, computedAt: new Date(event.data.at) },
    ]);
  }

  /** The answers a ticket's demand finds, in its project, ranked with its item first, as stored with the ticket. */
  private async suggestionsFor(demand: string, projectCode: string | undefined, itemCode: string | undefined): Promise<StoredSuggestion[]> {
    const hits = await this.searcher.rank({ text: demand, projects: projectsOfTicket(projectCode), limit: SUGGESTIONS_PER_TICKET, ...(itemCode ? { preferItemCode: itemCode } : {}) });
    return hits.map((h) => ({ answerId: h.answerId, version: h.version, score: h.score }));
  }

  /**
   * The stored suggestions of a ticket, minus answers retired since, each at its version now in
   * force — in its effective period now, and for the ticket's project (a version narrowed to other
   * projects since is not the ticket's to cite). 404 for a ticket of another project, as for one
   * never seen.
   */
  async forTicket(ticketId: string, projects: readonly string[] | undefined, now = new Date()): Promise<Suggestion[]> {
    const ticket = await this.tickets.find(this.dataSource.manager, ticketId, projects);
    if (!ticket) throw new DomainError('SUGGESTIONS.TICKET_NOT_FOUND', 'not_found', `no suggestions known for ticket ${ticketId}`, 'ticketId');
    const current = await this.index.versionsInForce(this.dataSource.manager, ticket.suggestions.map((s) => s.answerId), now);
    const versions = await this.read.published(current);
    const ticketProjects = projectsOfTicket(ticket.projectCode);
    return ticket.suggestions.flatMap((s) => {
      const v = versions.get(s.answerId);
      if (!v || !answerVisibleTo(v.content.projects, projects) || !answerVisibleTo(v.content.projects, ticketProjects)) return [];
      return [{ answerId: s.answerId, version: v.version, title: v.content.title, score: s.score, ...(v.content.itemCode ? { itemCode: v.content.itemCode } : {}) }];
    });
  }

  async forText(text: string, projects: readonly string[] | undefined, itemCode?: string): Promise<Suggestion[]> {
    const hits = await this.searcher.search({ text, projects, limit: SUGGESTIONS_PER_TICKET, ...(itemCode ? { preferItemCode: itemCode } : {}) });
    return hits.map(fromHit);
  }

  /**
   * Counts per answer version; the answer's totals nudge its rank. The version must exist and be
   * visible. A verdict (helped, not helped) counts once per user: on the version, and in the
   * answer's rank by the user's latest verdict on any of its versions (ADR 0071).
   */
  async feedback(answerId: string, version: number, outcome: FeedbackOutcome, by: FeedbackAuthor): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const answer = await this.answers.findReadable(tx, answerId, by.projects);
      if (!answer) throw new DomainError('ANSWER.NOT_FOUND', 'not_found', `answer ${answerId} not found`, 'answerId');
      const given = await this.answers.version(tx, answerId, version);
      // A version for other teams only is not the user's to rank.
      if (!given || !answerVisibleTo(given.content.projects, by.projects)) {
        throw new DomainError('ANSWER.VERSION_NOT_FOUND', 'invalid', `answer ${answerId} has no published version ${version}`, 'version', undefined, { code: 'unknown_reference' });
      }
      const prior = outcome === 'used' ? {} : await this.index.giveVerdict(tx, { answerId, version, userSub: by.sub, verdict: outcome });
      await this.index.addFeedback(tx, answerId, version, { onVersion: feedbackDelta(outcome, prior.onVersion), onAnswer: feedbackDelta(outcome, prior.onAnswer) });
    });
  }
}
