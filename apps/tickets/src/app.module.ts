import { Module } from '@nestjs/common';
import { CallbackCompletedV1, ContactFollowedUpV1, ContactReceivedV1, CustomerErasedV1, CustomerMergedV1 } from '@cs/contracts';
import { HandlerRegistry } from '@cs/messaging';
import { EVENT_HANDLERS, PlatformModule } from '@cs/platform';
import { CalendarsController } from './api/calendars.controller';
import { CatalogueController } from './api/catalogue.controller';
import { SlaPoliciesController } from './api/sla-policies.controller';
import { TicketsController } from './api/tickets.controller';
import { BusinessCalendars } from './application/business-calendars';
import { CALENDAR_SOURCE } from './application/calendar-source';
import { followCustomerMerge, forgetErasedCustomer, linkFollowUp } from './application/customer-lifecycle';
import { FindTickets } from './application/find-tickets';
import { FireSlaTimers } from './application/fire-sla-timers';
import { GetCatalogue } from './application/get-catalogue';
import { ManageSlaPolicies } from './application/manage-sla-policies';
import { OpenTicketFromContact } from './application/open-ticket-from-contact';
import { ReopenOnCallback } from './application/reopen-on-callback';
import { RunTicketCommand } from './application/run-ticket-command';
import { TicketWriter } from './application/ticket-writer';
import { UpdateCatalogue } from './application/update-catalogue';
import { CalendarStore } from './infrastructure/calendar-store';
import { CatalogueRepository } from './infrastructure/catalogue.repository';
import { SlaPolicyRepository } from './infrastructure/sla-policy.repository';
import { SlaTimerRepository } from './infrastructure/sla-timer.repository';
import { TicketRepository } from './infrastructure/ticket.repository';

/** 工单 — ticket lifecycle, catalogue, dispatch, escalation, business calendars and SLA timers. */
@Module({
  imports: [PlatformModule.forService({ service: 'tickets' })],
  controllers: [TicketsController, CatalogueController, SlaPoliciesController, CalendarsController],
  providers: [
    TicketRepository,
    SlaPolicyRepository,
    SlaTimerRepository,
    CalendarStore,
    BusinessCalendars,
    { provide: CALENDAR_SOURCE, useExisting: CalendarStore },
    TicketWriter,
    RunTicketCommand,
    FindTickets,
    OpenTicketFromContact,
    ReopenOnCallback,
    FireSlaTimers,
    ManageSlaPolicies,
    CatalogueRepository,
    GetCatalogue,
    UpdateCatalogue,
    {
      provide: EVENT_HANDLERS,
      inject: [OpenTicketFromContact, ReopenOnCallback],
      useFactory: (openTicket: OpenTicketFromContact, reopen: ReopenOnCallback) =>
        new HandlerRegistry()
          .on(ContactReceivedV1, (event, tx) => openTicket.handle(event, tx))
          .on(ContactFollowedUpV1, linkFollowUp)
          .on(CustomerMergedV1, followCustomerMerge)
          .on(CustomerErasedV1, forgetErasedCustomer)
          .on(CallbackCompletedV1, (event, tx) => reopen.handle(event, tx)),
    },
  ],
})
export class AppModule {}
