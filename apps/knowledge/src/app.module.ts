import { Module } from '@nestjs/common';
import { PlatformModule } from '@cs/platform';
import { DemandController } from './api/demand.controller';
import { TicketEventsController } from './api/ticket-events.controller';

/** 知识库 — unified answers: drafts, supervisor approval, versions, search and knowledge gaps. */
@Module({
  imports: [PlatformModule.forService({ service: 'knowledge' })],
  controllers: [DemandController, TicketEventsController],
})
export class AppModule {}
