import { Module } from '@nestjs/common';
import { TicketCreatedV1 } from '@cs/contracts';
import { HandlerRegistry } from '@cs/messaging';
import { EVENT_HANDLERS, PlatformModule } from '@cs/platform';
import { DemandController } from './api/demand.controller';
import { countItemDemand } from './application/count-item-demand';

/** 知识库 — unified answers: drafts, supervisor approval, versions, search and knowledge gaps. */
@Module({
  imports: [PlatformModule.forService({ service: 'knowledge' })],
  controllers: [DemandController],
  providers: [{ provide: EVENT_HANDLERS, useFactory: () => new HandlerRegistry().on(TicketCreatedV1, countItemDemand) }],
})
export class AppModule {}
