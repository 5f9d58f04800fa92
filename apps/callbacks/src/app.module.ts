import { Module } from '@nestjs/common';
import { CalendarReplicaModule, DueWorkFailures, DueWorkPostponementRepository, PlatformModule } from '@cs/platform';
import { CallbackPlansController } from './api/callback-plans.controller';
import { CallbackPoliciesController } from './api/callback-policies.controller';
import { CustomerEventsController } from './api/customer-events.controller';
import { CallbacksController } from './api/callbacks.controller';
import { FollowedTicketsController } from './api/followed-tickets.controller';
import { QuestionnairesController } from './api/questionnaires.controller';
import { QuestionnaireRouterRefusals } from './api/questionnaire-router-refusals';
import { TicketEventsController } from './api/ticket-events.controller';
import { AnswerQuestionnaire } from './application/answer-questionnaire';
import { CallbackWriter } from './application/callback-writer';
import { CancelOnReopen } from './application/cancel-on-reopen';
import { FindCallbacks } from './application/find-callbacks';
import { FireCallbackDeadlines } from './application/fire-callback-deadlines';
import { ManageCallbackPlans } from './application/manage-callback-plans';
import { ManageCallbackPolicies } from './application/manage-callback-policies';
import { RunCallbackPlans } from './application/run-callback-plans';
import { CareOnBirthdays } from './application/care-on-birthdays';
import { TrackPlanCustomers } from './application/track-plan-customers';
import { FollowCustomerMerge } from './application/follow-customer-merge';
import { ForgetErasedCustomer } from './application/forget-erased-customer';
import { RecordAttempt } from './application/record-attempt';
import { RecomputeCallbackDues } from './application/recompute-callback-dues';
import { ResumeHeldCallbacks } from './application/resume-held-callbacks';
import { ScheduleOrHold } from './application/schedule-or-hold';
import { LegacyDueBases } from './application/legacy-due-bases';
import { CallbackDueRecount } from './application/callback-due-recount';
import { ReportMissedCallbacks } from './application/report-missed-callbacks';
import { ScheduleAfterResolution } from './application/schedule-after-resolution';
import { CallbackPlanRepository } from './infrastructure/callback-plan.repository';
import { CallbackPolicyRepository } from './infrastructure/callback-policy.repository';
import { CallbackTimerRepository } from './infrastructure/callback-timer.repository';
import { CallbackRepository } from './infrastructure/callback.repository';
import { FollowedTicketsRepository } from './infrastructure/followed-tickets.repository';
import { MissedCallbacksRepository } from './infrastructure/missed-callbacks.repository';
import { QuestionnaireLinks } from './infrastructure/questionnaire-links';
import { MIGRATIONS } from './infrastructure/migrations';

/** 回访 — callback plans, schedules, attempts and outcomes after tickets are handled. */
@Module({
  imports: [PlatformModule.forService({ service: 'callbacks', migrations: MIGRATIONS }), CalendarReplicaModule],
  controllers: [
    CallbacksController,
    CallbackPoliciesController,
    CallbackPlansController,
    FollowedTicketsController,
    QuestionnairesController,
    TicketEventsController,
    CustomerEventsController,
  ],
  providers: [
    FollowedTicketsRepository,
    CallbackRepository,
    CallbackPolicyRepository,
    CallbackTimerRepository,
    CallbackWriter,
    ScheduleAfterResolution,
    CancelOnReopen,
    RecordAttempt,
    FindCallbacks,
    ManageCallbackPolicies,
    DueWorkPostponementRepository,
    DueWorkFailures,
    FireCallbackDeadlines,
    RecomputeCallbackDues,
    LegacyDueBases,
    CallbackDueRecount,
    QuestionnaireLinks,
    AnswerQuestionnaire,
    QuestionnaireRouterRefusals,
    MissedCallbacksRepository,
    ReportMissedCallbacks,
    CallbackPlanRepository,
    ManageCallbackPlans,
    RunCallbackPlans,
    TrackPlanCustomers,
    FollowCustomerMerge,
    ForgetErasedCustomer,
    CareOnBirthdays,
    ScheduleOrHold,
    ResumeHeldCallbacks,
  ],
})
export class AppModule {}
