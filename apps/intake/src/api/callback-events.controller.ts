import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CallbackCompletedV1 } from '@cs/contracts';
import type { EventOf } from '@cs/messaging';
import { InboxContext } from '@cs/platform';
import { rememberCompletedCallback } from '../application/track-callbacks';

/** The callbacks a caller's history shows, kept from the callbacks service's events. */
@Controller()
export class CallbackEventsController {
  @EventPattern(CallbackCompletedV1.type)
  async callbackCompleted(@Payload() event: EventOf<typeof CallbackCompletedV1>, @Ctx() context: InboxContext): Promise<void> {
    await rememberCompletedCallback(event, context.tx);
  }
}
