import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { TOPICS } from '../topics';
import { CatalogueItemCode, Id, TicketChannelSchema, Timestamp, Unit } from './common';

/** 周期工单 — present when a recurring schedule, not a customer, opened the ticket: no callback (回访) follows it. */
export const TicketOrigin = Type.Object(
  {
    kind: Type.Literal('schedule'),
    scheduleId: Id,
    occurrenceOn: Type.String({ format: 'date', description: 'the day the schedule named for this occurrence, before any move to a working day' }),
  },
  { additionalProperties: false },
);

export const TicketCreatedV1 = defineEvent({
  type: 'ticket.created.v1',
  topic: TOPICS.tickets,
  aggregate: 'ticket',
  summary: 'A ticket (工单) was opened for a new matter',
  schema: Type.Object(
    {
      ticketId: Id,
      number: Type.String({ pattern: '^TK-\\d{8}-\\d{6,}$' }),
      contactId: { ...Id, description: 'the contact that raised the matter; a scheduled ticket (channel `schedule`), which no contact raised, names itself' },
      customerId: { ...Id, description: 'the customer; for a scheduled ticket, which serves no one customer, the schedule' },
      channel: TicketChannelSchema,
      itemCode: Type.Optional(CatalogueItemCode),
      sectionCode: Type.Optional(Type.String({ maxLength: 40 })),
      summary: Type.Optional(Type.String({ maxLength: 200, description: 'what the customer asked (诉求), first 200 characters, personal data redacted' })),
      unit: Unit,
      ownerId: Type.String({ minLength: 1, maxLength: 64, description: 'first-contact owner (首问责任人)' }),
      status: Type.Literal('new'),
      createdAt: Timestamp,
      nextDueAt: Type.Optional(Type.String({ format: 'date-time', description: 'the earliest deadline of the clocks the ticket starts with' })),
      origin: Type.Optional(TicketOrigin),
    },
    { additionalProperties: false },
  ),
});
