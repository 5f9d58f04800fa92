import { consumerAttemptIndexesMigration, consumerAttemptsMigration, consumerStartsMigration, messagingTablesMigration } from '@cs/messaging';
import { calendarReplicaMigration, dueWorkPostponementsMigration, idempotencyAnswersMigration, idempotencyCommitsMigration } from '@cs/platform';
import { FollowedTickets1764000000000 } from './1764000000000-followed-tickets';
import { ScheduledTickets1764750000000 } from './1764750000000-scheduled-tickets';
import { CallbackTasks1765000000000 } from './1765000000000-callback-tasks';
import { QuestionnaireLinks1765100000000 } from './1765100000000-questionnaire-links';
import { MissedCallbacks1765200000000 } from './1765200000000-missed-callbacks';
import { CallbackPlans1765300000000 } from './1765300000000-callback-plans';
import { PlanCustomerNames1765400000000 } from './1765400000000-plan-customer-names';
import { BirthdayCallbacks1765500000000 } from './1765500000000-birthday-callbacks';
import { ScheduledTicketsNotMissed1765600000000 } from './1765600000000-scheduled-tickets-not-missed';
import { CallbackDueBasis1765800000000, CallbackDueRecountIndex1765810000000 } from './1765800000000-callback-due-basis';
import { DefaultCallbackPolicies1766000000000 } from './1766000000000-default-callback-policies';
import { UnfiredTimersByCallback1766310000000 } from './1766310000000-unfired-timers-by-callback';
import { CallbacksByCustomer1766320000000, ErasedCustomers1766330000000 } from './1766320000000-customer-erasure';
import { MergedCustomers1766340000000 } from './1766340000000-merged-customers';
import { CallbacksByDueTime1766350000000 } from './1766350000000-callbacks-by-due-time';
import { OpenCallbacksByPlan1766360000000 } from './1766360000000-open-callbacks-by-plan';
import { BirthdayCallbacksByCustomer1766370000000 } from './1766370000000-birthday-callbacks-by-customer';
import { CallbacksDueWithoutBasis1766380000000 } from './1766380000000-callbacks-due-without-basis';
import { HeldCallbacks1766390000000 } from './1766390000000-held-callbacks';
import { FollowedTicketResolutions1766400000000 } from './1766400000000-followed-ticket-resolutions';

/** In order of application; never edit one that has shipped, add a new one. */
export const MIGRATIONS = [
  messagingTablesMigration(1763900000000),
  FollowedTickets1764000000000,
  ScheduledTickets1764750000000,
  calendarReplicaMigration(1764900000000),
  CallbackTasks1765000000000,
  QuestionnaireLinks1765100000000,
  MissedCallbacks1765200000000,
  CallbackPlans1765300000000,
  PlanCustomerNames1765400000000,
  BirthdayCallbacks1765500000000,
  ScheduledTicketsNotMissed1765600000000,
  CallbackDueBasis1765800000000,
  CallbackDueRecountIndex1765810000000,
  idempotencyCommitsMigration(1765900000000),
  DefaultCallbackPolicies1766000000000,
  // Callbacks whose deadlines failed to fire, held back (ADR 0040).
  dueWorkPostponementsMigration(1766300000000),
  UnfiredTimersByCallback1766310000000,
  CallbacksByCustomer1766320000000,
  ErasedCustomers1766330000000,
  MergedCustomers1766340000000,
  CallbacksByDueTime1766350000000,
  OpenCallbacksByPlan1766360000000,
  BirthdayCallbacksByCustomer1766370000000,
  CallbacksDueWithoutBasis1766380000000,
  HeldCallbacks1766390000000,
  FollowedTicketResolutions1766400000000,
  consumerAttemptsMigration(1766700000000),
  idempotencyAnswersMigration(1766900000000),
  consumerAttemptIndexesMigration(1766940000000), consumerStartsMigration(1766960000000),
];
