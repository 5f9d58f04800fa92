import { Module } from '@nestjs/common';
import { TicketCreatedV1 } from '@cs/contracts';
import { HandlerRegistry } from '@cs/messaging';
import { EVENT_HANDLERS, PlatformModule } from '@cs/platform';
import { ReportsController } from './api/reports.controller';
import { recordTicketOpened } from './application/record-ticket-opened';
import { SummarizeTickets } from './application/summarize-tickets';

/** 统计报表 — read models built only from events: KPIs, scorecards, exports. */
@Module({
  imports: [PlatformModule.forService({ service: 'reporting' })],
  controllers: [ReportsController],
  providers: [
    SummarizeTickets,
    { provide: EVENT_HANDLERS, useFactory: () => new HandlerRegistry().on(TicketCreatedV1, recordTicketOpened) },
  ],
})
export class AppModule {}
