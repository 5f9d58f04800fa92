import { Module } from '@nestjs/common';
import { ContactFollowedUpV1, ContactReceivedV1, CustomerErasedV1, CustomerMergedV1 } from '@cs/contracts';
import { HandlerRegistry } from '@cs/messaging';
import { EVENT_HANDLERS, PlatformModule } from '@cs/platform';
import { CatalogueController } from './api/catalogue.controller';
import { TicketsController } from './api/tickets.controller';
import { followCustomerMerge, forgetErasedCustomer, linkFollowUp } from './application/customer-lifecycle';
import { FindTickets } from './application/find-tickets';
import { GetCatalogue } from './application/get-catalogue';
import { UpdateCatalogue } from './application/update-catalogue';
import { CatalogueRepository } from './infrastructure/catalogue.repository';
import { OpenTicketFromContact } from './application/open-ticket-from-contact';
import { TicketRecord } from './infrastructure/ticket.record';

/** 工单 — ticket lifecycle, catalogue, dispatch, escalation, business calendars and SLA timers. */
@Module({
  imports: [PlatformModule.forService({ service: 'tickets', entities: [TicketRecord] })],
  controllers: [TicketsController, CatalogueController],
  providers: [
    FindTickets,
    CatalogueRepository,
    GetCatalogue,
    UpdateCatalogue,
    OpenTicketFromContact,
    {
      provide: EVENT_HANDLERS,
      inject: [OpenTicketFromContact],
      useFactory: (openTicket: OpenTicketFromContact) =>
        new HandlerRegistry()
          .on(ContactReceivedV1, (event, tx) => openTicket.handle(event, tx))
          .on(ContactFollowedUpV1, linkFollowUp)
          .on(CustomerMergedV1, followCustomerMerge)
          .on(CustomerErasedV1, forgetErasedCustomer),
    },
  ],
})
export class AppModule {}
