import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { TOPICS } from '../topics';
import { CatalogueItemCode, ChannelSchema, Id, Timestamp, Unit } from './common';

export const TicketCreatedV1 = defineEvent({
  type: 'ticket.created.v1',
  topic: TOPICS.tickets,
  aggregate: 'ticket',
  summary: 'A ticket (工单) was opened for a new matter',
  schema: Type.Object(
    {
      ticketId: Id,
      number: Type.String({ pattern: '^TK-\\d{8}-\\d{6,}$' }),
      contactId: Id,
      customerId: Id,
      channel: ChannelSchema,
      itemCode: Type.Optional(CatalogueItemCode),
      sectionCode: Type.Optional(Type.String({ maxLength: 40 })),
      summary: Type.Optional(Type.String({ maxLength: 200, description: 'what the customer asked (诉求), first 200 characters, personal data redacted' })),
      unit: Unit,
      ownerId: Type.String({ minLength: 1, maxLength: 64, description: 'first-contact owner (首问责任人)' }),
      status: Type.Literal('new'),
      createdAt: Timestamp,
      nextDueAt: Type.Optional(Type.String({ format: 'date-time', description: 'the earliest deadline of the clocks the ticket starts with' })),
    },
    { additionalProperties: false },
  ),
});
