import { Module } from '@nestjs/common';
import { PlatformModule } from '@cs/platform';
import { ReportsController } from './api/reports.controller';
import { TicketEventsController } from './api/ticket-events.controller';
import { SummarizeTickets } from './application/summarize-tickets';

/** 统计报表 — read models built only from events: KPIs, scorecards, exports. */
@Module({
  imports: [PlatformModule.forService({ service: 'reporting' })],
  controllers: [ReportsController, TicketEventsController],
  providers: [SummarizeTickets],
})
export class AppModule {}
