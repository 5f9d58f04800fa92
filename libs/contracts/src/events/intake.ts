import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { TOPICS } from '../topics';
import { CatalogueItemCode, ChannelSchema, Id, Timestamp, Unit } from './common';

/**
 * A new matter has come in through some channel and needs a ticket. Carries the customer's id
 * and masked name only: personal data never leaves the intake service.
 */
export const ContactReceivedV1 = defineEvent({
  type: 'contact.received.v1',
  topic: TOPICS.intake,
  aggregate: 'contact',
  summary: 'A customer contact that opens a new matter was recorded',
  schema: Type.Object(
    {
      contactId: Id,
      customerId: Id,
      customerNameMasked: Type.String({ maxLength: 40 }),
      channel: ChannelSchema,
      direction: Type.Union([Type.Literal('inbound'), Type.Literal('outbound')]),
      occurredAt: Timestamp,
      recordedBy: Type.String({ minLength: 1, maxLength: 64, description: 'first-contact owner (首问责任人)' }),
      unit: Unit,
      itemCode: Type.Optional(CatalogueItemCode),
      summary: Type.String({ maxLength: 200, description: 'first 200 characters of the content' }),
    },
    { additionalProperties: false },
  ),
});
