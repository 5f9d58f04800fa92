import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AnswerVersion } from '../infrastructure/answer.repository';
import { ChineseAnalyzer } from '../infrastructure/search/chinese-analyzer';
import { SearchIndexRepository } from '../infrastructure/search-index.repository';
import { SynonymRepository } from '../infrastructure/synonym.repository';
import { ReadAnswers } from './read-answers';
import { coverage, highlightedSnippet, queryTerms } from './search-terms';

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
  /** Share of the question's words the answer holds. */
  readonly coverage: number;
}

/**
 * Below this score the best hit shares only an incidental word with the question (a digit, a
 * word of its body) and answers nothing; one title word or its pinyin scores above it.
 */
export const GOOD_HIT_SCORE = 0.05;
/** An answer holding under a third of the question's words answers a different question. */
export const GOOD_HIT_COVERAGE = 1 / 3;

export function isGoodHit(hit: SearchHit | undefined): boolean {
  return hit !== undefined && hit.score >= GOOD_HIT_SCORE && hit.coverage >= GOOD_HIT_COVERAGE;
}

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
    // Another replica may have added a group: its words join this process's dictionary too.
    this.analyzer.addTerms(groups.flatMap((g) => g.terms));
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
      const c = answer.content;
      const fullText = [c.title, ...c.questions, ...c.tags, c.body].join('\n');
      const matchedQuestion = answer.content.questions.find((question) => q.highlight.some((t) => this.analyzer.normalise(question).includes(t)));
      return [
        {
          answer,
          score: Math.round(hit.score * 10_000) / 10_000,
          coverage: coverage(this.analyzer, fullText, q.meanings),
          snippet: highlightedSnippet(this.analyzer, `${answer.content.title}。${answer.content.body}`, q.highlight),
          ...(matchedQuestion ? { matchedQuestion: highlightedSnippet(this.analyzer, matchedQuestion, q.highlight) } : {}),
        },
      ];
    });
  }
}
