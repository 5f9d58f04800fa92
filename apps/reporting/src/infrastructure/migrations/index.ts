import { consumerAttemptIndexesMigration, consumerAttemptsMigration, consumerStartsMigration, messagingTablesMigration } from '@cs/messaging';
import { calendarReplicaMigration, idempotencyAnswersMigration, idempotencyCommitsMigration } from '@cs/platform';
import { TicketFacts1764000000000 } from './1764000000000-ticket-facts';
import { KpiProjections1764100000000 } from './1764100000000-kpi-projections';
import { Scorecards1764200000000 } from './1764200000000-scorecards';
import { ProjectionRebuilds1764300000000 } from './1764300000000-projection-rebuilds';
import { GeneratedReports1764400000000 } from './1764400000000-generated-reports';
import { IncidentFacts1764500000000 } from './1764500000000-incident-facts';
import { MergedTickets1764750000000 } from './1764750000000-merged-tickets';
import { TicketRollups1764800000000 } from './1764800000000-ticket-rollups';
import { ReportReads1764900000000 } from './1764900000000-report-reads';
import { RebuildHeldEvents1765000000000 } from './1765000000000-rebuild-held-events';
import { SpotChecksByTime1766000000000 } from './1766000000000-spot-checks-by-time';
import { RecordCompleteness1766020000000 } from './1766020000000-record-completeness';
import { DispatchAndOnSiteTimeliness1766040000000 } from './1766040000000-dispatch-and-on-site-timeliness';
import { CallbacksByTicket1766100000000 } from './1766100000000-callbacks-by-ticket';
import { PraiseByTime1766120000000 } from './1766120000000-praise-by-time';
import { MaskedRecordingUrls1766140000000 } from './1766140000000-masked-recording-urls';
import { TicketIdsInLowerCase1766720000000 } from './1766720000000-ticket-ids-in-lower-case';
import { RecordingUrlsMaskedAgain1766920000000 } from './1766920000000-recording-urls-masked-again';
import { RecordingUrlsMaskedBesideStrayEscapes1767000000000 } from './1767000000000-recording-urls-masked-beside-stray-escapes';

/** In order of application; never edit one that has shipped, add a new one. */
export const MIGRATIONS = [
  messagingTablesMigration(1763900000000), TicketFacts1764000000000, KpiProjections1764100000000, calendarReplicaMigration(1764150000000),
  Scorecards1764200000000,
  ProjectionRebuilds1764300000000,
  GeneratedReports1764400000000,
  IncidentFacts1764500000000,
  MergedTickets1764750000000,
  TicketRollups1764800000000,
  ReportReads1764900000000,
  RebuildHeldEvents1765000000000,
  idempotencyCommitsMigration(1765900000000),
  SpotChecksByTime1766000000000,
  RecordCompleteness1766020000000,
  DispatchAndOnSiteTimeliness1766040000000,
  CallbacksByTicket1766100000000,
  PraiseByTime1766120000000,
  MaskedRecordingUrls1766140000000,
  consumerAttemptsMigration(1766700000000),
  TicketIdsInLowerCase1766720000000,
  idempotencyAnswersMigration(1766900000000),
  RecordingUrlsMaskedAgain1766920000000,
  consumerAttemptIndexesMigration(1766940000000), consumerStartsMigration(1766960000000),
  RecordingUrlsMaskedBesideStrayEscapes1767000000000,
];
