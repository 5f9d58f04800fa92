import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CallbackAttemptedV1, CallbackCompletedV1 } from '@cs/contracts';
import type { EventOf } from '@cs/messaging';
import { InboxContext } from '@cs/platform';
import { RecordCallbackNeeds } from '../application/record-callback-needs';
import { rememberCompletedCallback } from '../application/track-callbacks';

/** The callbacks a caller's history shows, and the new needs customers raise on them, from the callbacks service's events. */
@Controller()
export class CallbackEventsController {
  constructor(private readonly needs: RecordCallbackNeeds) {}

  @EventPattern(CallbackAttemptedV1.type)
  async callbackAttempted(@Payload() event: EventOf<typeof CallbackAttemptedV1>, @Ctx() context: InboxContext): Promise<void> {
    await this.needs.handle(event, context.tx);
  }

  @EventPattern(CallbackCompletedV1.type)
  async callbackCompleted(@Payload() event: EventOf<typeof CallbackCompletedV1>, @Ctx() context: InboxContext): Promise<void> {
    await rememberCompletedCallback(event, context.tx);
  }
}
