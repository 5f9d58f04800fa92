import { Module } from '@nestjs/common';
import { DueWorkFailures, DueWorkPostponementRepository, PlatformModule } from '@cs/platform';
import { CalendarsController } from './api/calendars.controller';
import { CallbackEventsController } from './api/callback-events.controller';
import { CatalogueController } from './api/catalogue.controller';
import { ComplaintResearchController } from './api/complaint-research.controller';
import { IntakeEventsController } from './api/intake-events.controller';
import { SlaPoliciesController } from './api/sla-policies.controller';
import { SuggestionsController } from './api/suggestions.controller';
import { TicketResponder } from './api/ticket-response';
import { TicketsController } from './api/tickets.controller';
import { TicketMergesController } from './api/ticket-merges.controller';
import { TicketPresenceController } from './api/ticket-presence.controller';
import { TicketSchedulesController } from './api/ticket-schedules.controller';
import { BusinessCalendars } from './application/business-calendars';
import { CALENDAR_SOURCE } from './application/calendar-source';
import { CountTickets } from './application/count-tickets';
import { FindTickets } from './application/find-tickets';
import { FireOpinionDeadlines } from './application/fire-opinion-deadlines';
import { FireSlaTimers } from './application/fire-sla-timers';
import { GetCatalogue } from './application/get-catalogue';
import { ManageSlaPolicies } from './application/manage-sla-policies';
import { MergeTickets } from './application/merge-tickets';
import { TicketPresence } from './application/ticket-presence';
import { ManageTicketSchedules } from './application/manage-ticket-schedules';
import { OpenScheduledTickets } from './application/open-scheduled-tickets';
import { PresenceStore } from './infrastructure/presence-store';
import { TicketScheduleRepository } from './infrastructure/ticket-schedule.repository';
import { OpenTicketFromContact } from './application/open-ticket-from-contact';
import { PublishCalendars } from './application/publish-calendars';
import { CalendarPublicationRepository } from './infrastructure/calendar-publication.repository';
import { RecomputeDeadlines } from './application/recompute-deadlines';
import { ReopenOnCallback } from './application/reopen-on-callback';
import { RunTicketCommand } from './application/run-ticket-command';
import { TicketWriter } from './application/ticket-writer';
import { UpdateCatalogue } from './application/update-catalogue';
import { CalendarRecomputeJobRepository } from './infrastructure/calendar-recompute-jobs.repository';
import { CalendarStore } from './infrastructure/calendar-store';
import { CatalogueRepository } from './infrastructure/catalogue.repository';
import { HeldClockRepository } from './infrastructure/held-clocks.repository';
import { OpinionDeadlineRepository } from './infrastructure/opinion-deadline.repository';
import { SlaPolicyRepository } from './infrastructure/sla-policy.repository';
import { IncidentSlaTimerRepository, SlaTimerRepository } from './infrastructure/sla-timer.repository';
import { TicketRepository } from './infrastructure/ticket.repository';
import { KnowledgeEventsController } from './api/knowledge-events.controller';
import { PublishedAnswers } from './application/published-answers';
import { PublishedAnswersRepository } from './infrastructure/published-answers.repository';
import { IncidentsController } from './api/incidents.controller';
import { FindIncidents } from './application/find-incidents';
import { IncidentWriter } from './application/incident-writer';
import { LinkIncidentTickets } from './application/link-incident-tickets';
import { ResolveIncidentChildren } from './application/resolve-incident-children';
import { FireIncidentSlaTimers } from './application/fire-incident-sla-timers';
import { RunIncidentCommand } from './application/run-incident-command';
import { IncidentChildrenRepository } from './infrastructure/incident-children.repository';
import { IncidentRepository } from './infrastructure/incident.repository';
import { MIGRATIONS } from './infrastructure/migrations';

/** 工单 — ticket lifecycle, catalogue, dispatch, escalation, business calendars and SLA timers. */
@Module({
  imports: [PlatformModule.forService({ service: 'tickets', migrations: MIGRATIONS })],
  controllers: [
    TicketsController,
    TicketMergesController,
    TicketPresenceController,
    TicketSchedulesController,
    SuggestionsController,
    ComplaintResearchController,
    CatalogueController,
    SlaPoliciesController,
    CalendarsController,
    IntakeEventsController,
    CallbackEventsController,
    KnowledgeEventsController,
    IncidentsController,
  ],
  providers: [
    TicketRepository,
    SlaPolicyRepository,
    SlaTimerRepository,
    CalendarStore,
    BusinessCalendars,
    { provide: CALENDAR_SOURCE, useExisting: CalendarStore },
    TicketWriter,
    RunTicketCommand,
    PublishedAnswersRepository,
    PublishedAnswers,
    FindTickets,
    CountTickets,
    TicketResponder,
    MergeTickets,
    PresenceStore,
    TicketPresence,
    TicketScheduleRepository,
    ManageTicketSchedules,
    OpenScheduledTickets,
    OpenTicketFromContact,
    ReopenOnCallback,
    DueWorkPostponementRepository,
    DueWorkFailures,
    FireSlaTimers,
    CalendarRecomputeJobRepository,
    RecomputeDeadlines,
    PublishCalendars,
    CalendarPublicationRepository,
    OpinionDeadlineRepository,
    HeldClockRepository,
    FireOpinionDeadlines,
    ManageSlaPolicies,
    CatalogueRepository,
    GetCatalogue,
    UpdateCatalogue,
    IncidentRepository,
    IncidentChildrenRepository,
    IncidentWriter,
    RunIncidentCommand,
    LinkIncidentTickets,
    FindIncidents,
    ResolveIncidentChildren,
    IncidentSlaTimerRepository,
    FireIncidentSlaTimers,
  ],
})
export class AppModule {}
