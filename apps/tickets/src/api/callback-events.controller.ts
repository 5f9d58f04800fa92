import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CallbackCompletedV1 } from '@cs/contracts';
import type { EventOf } from '@cs/messaging';
import { InboxContext, mergesOrErasesCustomers } from '@cs/platform';
import { ReopenOnCallback } from '../application/reopen-on-callback';

/** A dissatisfied callback outcome sends its ticket back for re-processing. */
@Controller()
export class CallbackEventsController {
  constructor(private readonly reopen: ReopenOnCallback) {}

  @EventPattern(CallbackCompletedV1.type)
  async callbackCompleted(@Payload() event: EventOf<typeof CallbackCompletedV1>, @Ctx() context: InboxContext): Promise<void> {
    await this.reopen.handle(event, context.tx, mergesOrErasesCustomers(context));
  }
}
