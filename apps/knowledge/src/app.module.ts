import { Module } from '@nestjs/common';
import { PlatformModule } from '@cs/platform';
import { AnswersController } from './api/answers.controller';
import { DemandController } from './api/demand.controller';
import { GapsController } from './api/gaps.controller';
import { SuggestionsController } from './api/suggestions.controller';
import { SynonymsController } from './api/synonyms.controller';
import { TicketEventsController } from './api/ticket-events.controller';
import { KNOWLEDGE_PROVIDERS } from './knowledge.providers';

/** 知识库 — unified answers: drafts, supervisor approval, versions, search and knowledge gaps. */
@Module({
  imports: [PlatformModule.forService({ service: 'knowledge' })],
  controllers: [DemandController, AnswersController, SynonymsController, GapsController, SuggestionsController, TicketEventsController],
  providers: KNOWLEDGE_PROVIDERS,
})
export class AppModule {}
