import { consumerAttemptIndexesMigration, consumerAttemptsMigration, consumerStartsMigration, messagingTablesMigration } from '@cs/messaging';
import { idempotencyAnswersMigration, idempotencyCommitsMigration } from '@cs/platform';
import { Tickets1764000000000 } from './1764000000000-tickets';
import { TicketContacts1764100000000 } from './1764100000000-ticket-contacts';
import { Catalogue1764200000000 } from './1764200000000-catalogue';
import { BusinessCalendars1764300000000 } from './1764300000000-business-calendars';
import { TicketLifecycle1764400000000 } from './1764400000000-ticket-lifecycle';
import { OfficialHolidays1764500000000 } from './1764500000000-official-holidays';
import { TicketDemand1764515000000 } from './1764515000000-ticket-demand';
import { TicketQueues1764700000000 } from './1764700000000-ticket-queues';
import { SuggestionsAndOpinions1764710000000 } from './1764710000000-suggestions-and-opinions';
import { CalendarPublications1764720000000 } from './1764720000000-calendar-publications';
import { PublishedAnswers1764730000000 } from './1764730000000-published-answers';
import { Incidents1764740000000 } from './1764740000000-incidents';
import { TicketMerges1764750000000 } from './1764750000000-ticket-merges';
import { TicketSchedules1764760000000 } from './1764760000000-ticket-schedules';
import { DueWork1764800000000 } from './1764800000000-due-work';
import { TicketNumberSequence1764810000000 } from './1764810000000-ticket-number-sequence';
import { DropRedundantCustomerIndex1764820000000 } from './1764820000000-drop-redundant-customer-index';
import { InPlaceTicketRewrites1764830000000 } from './1764830000000-in-place-ticket-rewrites';
import { PausedTicketsHaveNoNextDeadline1764840000000 } from './1764840000000-paused-tickets-have-no-next-deadline';
import { ReopensWhenJoined1765700000000 } from './1765700000000-reopens-when-joined';
import { MajorComplaintDispatchSameDay1766000000000 } from './1766000000000-major-complaint-dispatch-same-day';
import { ItemPlaces1766030000000 } from './1766030000000-item-places';
import { OnSite1766040000000 } from './1766040000000-on-site';
import { PublishedAnswerVersions1766050000000 } from './1766050000000-published-answer-versions';
import { TicketsByCreation1766600000000 } from './1766600000000-tickets-by-creation';
import { CustomerFates1766610000000 } from './1766610000000-customer-fates';
import { TicketsByDueTime1766620000000 } from './1766620000000-tickets-by-due-time';
import { IncidentsWalked1766630000000 } from './1766630000000-incidents-walked';
import { HeldClocks1766640000000 } from './1766640000000-held-clocks';

/** In order of application; never edit one that has shipped, add a new one. */
export const MIGRATIONS = [
  messagingTablesMigration(1763900000000),
  Tickets1764000000000,
  TicketContacts1764100000000,
  Catalogue1764200000000,
  BusinessCalendars1764300000000,
  TicketLifecycle1764400000000,
  OfficialHolidays1764500000000,
  TicketDemand1764515000000,
  TicketQueues1764700000000,
  SuggestionsAndOpinions1764710000000,
  CalendarPublications1764720000000,
  PublishedAnswers1764730000000,
  Incidents1764740000000,
  TicketMerges1764750000000,
  TicketSchedules1764760000000,
  DueWork1764800000000,
  TicketNumberSequence1764810000000,
  DropRedundantCustomerIndex1764820000000,
  InPlaceTicketRewrites1764830000000,
  PausedTicketsHaveNoNextDeadline1764840000000,
  ReopensWhenJoined1765700000000,
  idempotencyCommitsMigration(1765900000000),
  MajorComplaintDispatchSameDay1766000000000,
  ItemPlaces1766030000000,
  OnSite1766040000000,
  PublishedAnswerVersions1766050000000,
  TicketsByCreation1766600000000,
  CustomerFates1766610000000,
  TicketsByDueTime1766620000000,
  IncidentsWalked1766630000000,
  HeldClocks1766640000000,
  consumerAttemptsMigration(1766700000000),
  idempotencyAnswersMigration(1766900000000),
  consumerAttemptIndexesMigration(1766940000000), consumerStartsMigration(1766960000000),
];
