import { randomUUID } from 'node:crypto';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CallbackScheduledV1, ReportGeneratedV1 } from '@cs/contracts';
import type { EventOf } from '@cs/messaging';
import { InboxContext } from '@cs/platform';
import { RecordOutboundMessage } from '../application/record-outbound-message';
import { questionnaireMessageOf, reportMessageOf } from '../domain/outbound-message';

/** Questionnaire links from the callbacks service and generated reports from reporting, for webhook subscribers. */
@Controller()
export class OutboundEventsController {
  constructor(private readonly record: RecordOutboundMessage) {}

  /** Only a questionnaire callback has a link to send (while it is valid); a phone or SMS callback is the staff's to make. */
  @EventPattern(CallbackScheduledV1.type)
  async callbackScheduled(@Payload() event: EventOf<typeof CallbackScheduledV1>, @Ctx() context: InboxContext): Promise<void> {
    const message = questionnaireMessageOf(randomUUID(), event.data, new Date());
    if (message) await this.record.execute(context.tx, event.id, message);
  }

  @EventPattern(ReportGeneratedV1.type)
  async reportGenerated(@Payload() event: EventOf<typeof ReportGeneratedV1>, @Ctx() context: InboxContext): Promise<void> {
    await this.record.execute(context.tx, event.id, reportMessageOf(randomUUID(), event.data));
  }
}
