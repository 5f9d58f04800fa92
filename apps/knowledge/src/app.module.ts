import { Module } from '@nestjs/common';
import { CalendarReplicaModule, PlatformModule } from '@cs/platform';
import { AnswersController } from './api/answers.controller';
import { ReplyDraftsController } from './api/reply-drafts.controller';
import { CalendarEventsController } from './api/calendar-events.controller';
import { ChangeNoticesController } from './api/change-notices.controller';
import { CustomerEventsController } from './api/customer-events.controller';
import { DemandController } from './api/demand.controller';
import { GapsController } from './api/gaps.controller';
import { SuggestionsController } from './api/suggestions.controller';
import { SynonymsController } from './api/synonyms.controller';
import { TicketEventsController } from './api/ticket-events.controller';
import { ReviewOverdueLoop } from './application/review-overdue-loop';
import { PromoteScheduledVersions } from './application/promote-scheduled-versions';
import { FoldItemDemand } from './application/fold-item-demand';
import { KNOWLEDGE_PROVIDERS } from './knowledge.providers';
import { MIGRATIONS } from './infrastructure/migrations';

/** 知识库 — unified answers: drafts, supervisor approval, versions, search and knowledge gaps. */
@Module({
  imports: [PlatformModule.forService({ service: 'knowledge', migrations: MIGRATIONS }), CalendarReplicaModule],
  controllers: [DemandController, ReplyDraftsController, AnswersController, SynonymsController, GapsController, SuggestionsController, ChangeNoticesController, TicketEventsController, CustomerEventsController, CalendarEventsController],
  providers: [...KNOWLEDGE_PROVIDERS, ReviewOverdueLoop, FoldItemDemand, PromoteScheduledVersions],
})
export class AppModule {}
