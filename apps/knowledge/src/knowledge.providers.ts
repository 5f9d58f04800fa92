import type { Provider } from '@nestjs/common';
import { ChangeNotices } from './application/change-notices';
import { DraftFromReply } from './application/draft-from-reply';
import { ManageAnswers } from './application/manage-answers';
import { ManageSynonyms } from './application/manage-synonyms';
import { ReadAnswers } from './application/read-answers';
import { RecordGaps } from './application/record-gaps';
import { SearchAnswers } from './application/search-answers';
import { SuggestAnswers } from './application/suggest-answers';
import { SynonymDictionary } from './application/synonym-dictionary';
import { TicketOutcomes } from './application/ticket-outcomes';
import { AnswerRepository } from './infrastructure/answer.repository';
import { ApprovedReplyRepository } from './infrastructure/approved-reply.repository';
import { GapRepository } from './infrastructure/gap.repository';
import { PublishedAnswerCache } from './infrastructure/published-answer-cache';
import { ChineseAnalyzer } from './infrastructure/search/chinese-analyzer';
import { ReviewRepository } from './infrastructure/review.repository';
import { SearchIndexRepository } from './infrastructure/search-index.repository';
import { SynonymRepository } from './infrastructure/synonym.repository';
import { TicketSuggestionRepository } from './infrastructure/ticket-suggestion.repository';

/** The knowledge service's use cases and adapters, shared by the service and its HTTP tests. */
export const KNOWLEDGE_PROVIDERS: Provider[] = [
  AnswerRepository,
  SearchIndexRepository,
  SynonymRepository,
  GapRepository,
  TicketSuggestionRepository,
  ReviewRepository,
  ApprovedReplyRepository,
  PublishedAnswerCache,
  // One segmenter per process: loading the dictionary takes a moment and it is kept in memory.
  { provide: ChineseAnalyzer, useFactory: () => new ChineseAnalyzer() },
  ManageAnswers,
  ReadAnswers,
  SynonymDictionary,
  SearchAnswers,
  RecordGaps,
  ManageSynonyms,
  SuggestAnswers,
  TicketOutcomes,
  ChangeNotices,
  DraftFromReply,
];
