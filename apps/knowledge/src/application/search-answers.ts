import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AnswerVersion } from '../infrastructure/answer.repository';
import { ChineseAnalyzer } from '../infrastructure/search/chinese-analyzer';
import { IndexHit, SearchIndexRepository } from '../infrastructure/search-index.repository';
import { ReadAnswers } from './read-answers';
import { QueryTerms, coverage, highlightedSnippet, queryTerms } from './search-terms';
import { SynonymDictionary } from './synonym-dictionary';

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

/**
 * How often a search is repeated with the synonyms of the version it saw at most: a run of edits
 * is not chased without end, and the last search's hits are answered with the groups it had.
 */
const MAX_DICTIONARY_ROUNDS = 2;

/** A hit as a reference: the answer version and its score, without its text. */
export interface RankedHit {
  readonly answerId: string;
  readonly version: number;
  readonly score: number;
}

const roundedScore = (score: number): number => Math.round(score * 10_000) / 10_000;

export function isGoodHit(hit: SearchHit | undefined): boolean {
  return hit !== undefined && hit.score >= GOOD_HIT_SCORE && hit.coverage >= GOOD_HIT_COVERAGE;
}

/** 统一答复 search: published answers in force, in the user's projects, best first. */
@Injectable()
export class SearchAnswers {
  constructor(
    private readonly dataSource: DataSource,
    private readonly index: SearchIndexRepository,
    private readonly dictionary: SynonymDictionary,
    private readonly analyzer: ChineseAnalyzer,
    private readonly read: ReadAnswers,
  ) {}

  /**
   * The hits of `search`, in its order and with its scores, as references only: for a caller
   * that keeps them and reads the answers later (a new ticket's suggestions, read back checked
   * against the versions then in force). Skips what only a reader of the hits needs — the
   * answers' texts from the cache or the database, snippets, coverage — which was most of what
   * a new ticket cost the knowledge consumer beside its search statement.
   */
  async rank(request: SearchRequest): Promise<RankedHit[]> {
    const { hits } = await this.matching(request);
    return hits.map((hit) => ({ answerId: hit.answerId, version: hit.version, score: roundedScore(hit.score) }));
  }

  async search(request: SearchRequest): Promise<SearchHit[]> {
    const { q, hits } = await this.matching(request);
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
          score: roundedScore(hit.score),
          coverage: coverage(this.analyzer, fullText, q.meanings),
          snippet: highlightedSnippet(this.analyzer, `${answer.content.title}。${answer.content.body}`, q.highlight),
          ...(matchedQuestion ? { matchedQuestion: highlightedSnippet(this.analyzer, matchedQuestion, q.highlight) } : {}),
        },
      ];
    });
  }

  /** The query expanded with the synonyms in force in its statement's snapshot, and its hits. */
  private async matching(request: SearchRequest): Promise<{ q: QueryTerms; hits: IndexHit[] }> {
    const at = request.at ?? new Date();
    let dictionary = await this.dictionary.current();
    for (let round = 0; ; round++) {
      const q = queryTerms(this.analyzer, request.text, dictionary.synonyms);
      const found = await this.index.search(this.dataSource.manager, {
        terms: q.terms,
        prefixes: q.prefixes,
        projects: request.projects,
        ...(request.itemCode ? { itemCode: request.itemCode } : {}),
        ...(request.preferItemCode ? { preferItemCode: request.preferItemCode } : {}),
        at,
        limit: request.limit,
      });
      const seen = found.dictionaryVersion;
      if (seen === undefined || seen === dictionary.version || round === MAX_DICTIONARY_ROUNDS) return { q, hits: found.hits };
      dictionary = await this.dictionary.of(seen);
    }
  }
}
