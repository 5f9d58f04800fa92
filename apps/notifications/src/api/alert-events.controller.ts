import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { DomainEvent } from '@cs/messaging';
import { InboxContext } from '@cs/platform';
import { RecordNotification } from '../application/record-notification';
import { ALERT_TYPES, Alert } from '../domain/notification';

/**
 * Escalations (a major complaint included), SLA warnings and breaches of tickets and of
 * incidents (群发事件), from the tickets service's events. One handler serves them all: the
 * transport routes each by its type and checks its data against that type's contract, which
 * is what the payload's type states.
 */
@Controller()
export class AlertEventsController {
  constructor(private readonly record: RecordNotification) {}

  @EventPattern(ALERT_TYPES)
  alert(@Payload() event: DomainEvent & Alert, @Ctx() context: InboxContext): void {
    this.record.gather(context, event.id, event);
  }
}
