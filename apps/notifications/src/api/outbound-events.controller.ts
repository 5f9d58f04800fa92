import { randomUUID } from 'node:crypto';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CallbackScheduledV1, IncidentUpdatedV1, ReportGeneratedV1 } from '@cs/contracts';
import type { EventOf } from '@cs/messaging';
import { InboxContext } from '@cs/platform';
import { RecordOutboundMessage } from '../application/record-outbound-message';
import { incidentUpdateMessagesOf, questionnaireMessageOf, reportMessageOf } from '../domain/outbound-message';

/** Questionnaire links from the callbacks service, incidents' updates from tickets and generated reports from reporting, for webhook subscribers. */
@Controller()
export class OutboundEventsController {
  constructor(private readonly record: RecordOutboundMessage) {}

  /** Only a questionnaire callback has a link to send (while it is valid); a phone or SMS callback is the staff's to make. */
  @EventPattern(CallbackScheduledV1.type)
  async callbackScheduled(@Payload() event: EventOf<typeof CallbackScheduledV1>, @Ctx() context: InboxContext): Promise<void> {
    const message = questionnaireMessageOf(randomUUID(), event.data, new Date());
    if (message) await this.record.execute(context.tx, event.id, message);
  }

  /** 群发事件进展通报 — every customer who called about the incident hears it once. */
  @EventPattern(IncidentUpdatedV1.type)
  async incidentUpdated(@Payload() event: EventOf<typeof IncidentUpdatedV1>, @Ctx() context: InboxContext): Promise<void> {
    await this.record.executeAll(context.tx, incidentUpdateMessagesOf(event.id, event.data, randomUUID));
  }

  @EventPattern(ReportGeneratedV1.type)
  async reportGenerated(@Payload() event: EventOf<typeof ReportGeneratedV1>, @Ctx() context: InboxContext): Promise<void> {
    await this.record.execute(context.tx, event.id, reportMessageOf(randomUUID(), event.data));
  }
}
