import { consumerAttemptIndexesMigration, consumerAttemptsMigration, consumerStartsMigration, messagingTablesMigration } from '@cs/messaging';
import { calendarReplicaMigration, idempotencyAnswersMigration, idempotencyCommitsMigration } from '@cs/platform';
import { ItemDemand1764000000000 } from './1764000000000-item-demand';
import { ItemDemandByProject1764300000000 } from './1764300000000-item-demand-by-project';
import { UnifiedAnswers1764800000000 } from './1764800000000-unified-answers';
import { ChangeNotices1764810000000 } from './1764810000000-change-notices';
import { ApprovedReplies1764820000000 } from './1764820000000-approved-replies';
import { ItemDemandAppended1764830000000 } from './1764830000000-item-demand-appended';
import { SynonymDictionary1764840000000 } from './1764840000000-synonym-dictionary';
import { GapProjects1765700000000 } from './1765700000000-gap-projects';
import { NoticeDueBasis1765800000000, WaitingReviewsByNotice1765810000000 } from './1765800000000-notice-due-basis';
import { AnswerVerdicts1766000000000 } from './1766000000000-answer-verdicts';
import { GapsDraftedApart1766010000000 } from './1766010000000-gaps-drafted-apart';
import { ScheduledAnswerVersions1766050000000 } from './1766050000000-scheduled-answer-versions';
import { ReviewByDatesThatExist1766500000000 } from './1766500000000-review-by-dates-that-exist';
import { GapTicketCount1766510000000, GapTicketsCut1766515000000 } from './1766510000000-gap-ticket-count';
import { OpenGapsByItem1766520000000 } from './1766520000000-open-gaps-by-item';
import { OpenReviewsByAnswer1766530000000 } from './1766530000000-open-reviews-by-answer';
import { OpenGapsMostAsked1766540000000 } from './1766540000000-open-gaps-most-asked';
import { CustomerCopiesIndexed1766610000000, CustomerFates1766600000000 } from './1766600000000-customer-fates';
import { OpenReviewsByNotice1766620000000 } from './1766620000000-open-reviews-by-notice';
import { AnswersByProject1766800000000, AnswersByProjectFilled1766805000000, AnswersByProjectIndexed1766810000000 } from './1766800000000-answers-by-project';
import { VersionReviewBy1766630000000, VersionReviewByFilled1766635000000, VersionsByReviewBy1766640000000 } from './1766630000000-version-review-by';

/** In order of application; never edit one that has shipped, add a new one. */
export const MIGRATIONS = [
  messagingTablesMigration(1763900000000),
  ItemDemand1764000000000,
  ItemDemandByProject1764300000000,
  UnifiedAnswers1764800000000,
  calendarReplicaMigration(1764805000000),
  ChangeNotices1764810000000,
  ApprovedReplies1764820000000,
  ItemDemandAppended1764830000000,
  SynonymDictionary1764840000000,
  GapProjects1765700000000,
  NoticeDueBasis1765800000000,
  WaitingReviewsByNotice1765810000000,
  idempotencyCommitsMigration(1765900000000),
  AnswerVerdicts1766000000000,
  GapsDraftedApart1766010000000,
  ScheduledAnswerVersions1766050000000,
  ReviewByDatesThatExist1766500000000,
  GapTicketCount1766510000000,
  GapTicketsCut1766515000000,
  OpenGapsByItem1766520000000,
  OpenReviewsByAnswer1766530000000,
  OpenGapsMostAsked1766540000000,
  CustomerFates1766600000000,
  CustomerCopiesIndexed1766610000000,
  OpenReviewsByNotice1766620000000,
  VersionReviewBy1766630000000,
  VersionReviewByFilled1766635000000,
  VersionsByReviewBy1766640000000,
  consumerAttemptsMigration(1766700000000),
  AnswersByProject1766800000000,
  AnswersByProjectFilled1766805000000,
  AnswersByProjectIndexed1766810000000,
  idempotencyAnswersMigration(1766900000000),
  consumerAttemptIndexesMigration(1766940000000), consumerStartsMigration(1766960000000),
];
