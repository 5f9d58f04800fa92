import { Module } from '@nestjs/common';
import { PlatformModule } from '@cs/platform';
import { FollowedTicketsRepository } from './infrastructure/followed-tickets.repository';
import { FollowedTicketsController } from './api/followed-tickets.controller';
import { TicketEventsController } from './api/ticket-events.controller';

/** 回访 — callback plans, schedules, attempts and outcomes after tickets are handled. */
@Module({
  imports: [PlatformModule.forService({ service: 'callbacks' })],
  controllers: [FollowedTicketsController, TicketEventsController],
  providers: [FollowedTicketsRepository],
})
export class AppModule {}
