import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AnswerVersion } from '../infrastructure/answer.repository';
import { ChineseAnalyzer } from '../infrastructure/search/chinese-analyzer';
import { SearchIndexRepository } from '../infrastructure/search-index.repository';
import { SynonymRepository } from '../infrastructure/synonym.repository';
import { ReadAnswers } from './read-answers';
import { highlightedSnippet, queryTerms } from './search-terms';

export interface SearchRequest {
  readonly text: string;
  readonly projects: readonly string[] | undefined;
  /** Only answers of this catalogue item. */
  readonly itemCode?: string;
  /** Answers of this item first. */
  readonly preferItemCode?: string;
  readonly limit: number;
  readonly at?: Date;
}

export interface SearchHit {
  readonly answer: AnswerVersion;
  readonly score: number;
  readonly snippet: string;
  readonly matchedQuestion?: string;
}

/** Below this score a best hit shares too few words with the question to answer it. */
export const GOOD_HIT_SCORE = 0.3;

/** 统一答复 search: published answers in force, in the user's projects, best first. */
@Injectable()
export class SearchAnswers {
  constructor(
    private readonly dataSource: DataSource,
    private readonly index: SearchIndexRepository,
    private readonly synonyms: SynonymRepository,
    private readonly analyzer: ChineseAnalyzer,
    private readonly read: ReadAnswers,
  ) {}

  async search(request: SearchRequest): Promise<SearchHit[]> {
    const groups = await this.synonyms.all(this.dataSource.manager);
    const q = queryTerms(this.analyzer, request.text, groups);
    const hits = await this.index.search(this.dataSource.manager, {
      terms: q.terms,
      prefixes: q.prefixes,
      projects: request.projects,
      ...(request.itemCode ? { itemCode: request.itemCode } : {}),
      ...(request.preferItemCode ? { preferItemCode: request.preferItemCode } : {}),
      at: request.at ?? new Date(),
      limit: request.limit,
    });
    const versions = await this.read.published(hits);
    return hits.flatMap((hit) => {
      const answer = versions.get(hit.answerId);
      if (!answer) return [];
      const matchedQuestion = answer.content.questions.find((question) => q.highlight.some((t) => this.analyzer.normalise(question).includes(t)));
      return [
        {
          answer,
          score: Math.round(hit.score * 10_000) / 10_000,
          snippet: highlightedSnippet(this.analyzer, `${answer.content.title}。${answer.content.body}`, q.highlight),
          ...(matchedQuestion ? { matchedQuestion: highlightedSnippet(this.analyzer, matchedQuestion, q.highlight) } : {}),
        },
      ];
    });
  }
}
