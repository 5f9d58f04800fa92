import { Module } from '@nestjs/common';
import { TicketCreatedV1 } from '@cs/contracts';
import { HandlerRegistry } from '@cs/messaging';
import { EVENT_HANDLERS, PlatformModule } from '@cs/platform';
import { FollowedTicketsRepository } from './infrastructure/followed-tickets.repository';
import { FollowedTicketsController } from './api/followed-tickets.controller';
import { followTicket } from './application/follow-ticket';

/** 回访 — callback plans, schedules, attempts and outcomes after tickets are handled. */
@Module({
  imports: [PlatformModule.forService({ service: 'callbacks' })],
  controllers: [FollowedTicketsController],
  providers: [FollowedTicketsRepository, { provide: EVENT_HANDLERS, useFactory: () => new HandlerRegistry().on(TicketCreatedV1, followTicket) }],
})
export class AppModule {}
