import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { KnowledgeAnswerPublishedV1, KnowledgeAnswerRetiredV1 } from '@cs/contracts';
import type { EventOf } from '@cs/messaging';
import { InboxContext } from '@cs/platform';
import { PublishedAnswers } from '../application/published-answers';

/** Published and retired unified answers, so replies cite only answers in force. */
@Controller()
export class KnowledgeEventsController {
  constructor(private readonly answers: PublishedAnswers) {}

  @EventPattern(KnowledgeAnswerPublishedV1.type)
  async published(@Payload() event: EventOf<typeof KnowledgeAnswerPublishedV1>, @Ctx() context: InboxContext): Promise<void> {
    await this.answers.onPublished(event, context.tx);
  }

  @EventPattern(KnowledgeAnswerRetiredV1.type)
  async retired(@Payload() event: EventOf<typeof KnowledgeAnswerRetiredV1>, @Ctx() context: InboxContext): Promise<void> {
    await this.answers.onRetired(event, context.tx);
  }
}
