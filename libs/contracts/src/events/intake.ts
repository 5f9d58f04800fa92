import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { TOPICS } from '../topics';
import { CatalogueItemCode, ChannelSchema, GRADES, Id, PRIORITIES, PromiseTierSchema, Timestamp, Unit } from './common';

/**
 * A new matter has come in through some channel and needs a ticket. Carries the customer's id
 * and masked name only: personal data never leaves the intake service.
 */
export const ContactReceivedV1 = defineEvent({
  type: 'contact.received.v1',
  topic: TOPICS.intake,
  aggregate: 'ticket',
  summary: 'A customer contact that opens a new matter was recorded; keyed by the ticket id of its matter',
  schema: Type.Object(
    {
      contactId: Id,
      ticketId: Type.Optional(
        Type.String({
          minLength: 1,
          maxLength: 64,
          description: 'the id the ticket for this matter takes: intake names it, so a follow-up joins the matter before the ticket exists',
        }),
      ),
      customerId: Id,
      customerNameMasked: Type.String({ maxLength: 40 }),
      channel: ChannelSchema,
      direction: Type.Union([Type.Literal('inbound'), Type.Literal('outbound')]),
      occurredAt: Timestamp,
      recordedBy: Type.String({ minLength: 1, maxLength: 64, description: 'first-contact owner (首问责任人)' }),
      unit: Unit,
      itemCode: Type.Optional(CatalogueItemCode),
      summary: Type.String({ maxLength: 200, description: 'first 200 characters of the content' }),
      promisedReply: Type.Optional(PromiseTierSchema),
      grade: Type.Optional(Type.Union(GRADES.map((g) => Type.Literal(g)))),
      priority: Type.Optional(Type.Union(PRIORITIES.map((p) => Type.Literal(p)))),
    },
    { additionalProperties: false },
  ),
});

/**
 * A contact about a matter that already has an open ticket (催办/查询): the ticket gains a
 * repeat contact instead of a twin.
 */
export const ContactFollowedUpV1 = defineEvent({
  type: 'contact.followed_up.v1',
  topic: TOPICS.intake,
  aggregate: 'ticket',
  summary: 'A customer contact was linked to an open ticket as a follow-up; keyed by that ticket id, so it follows the contact that opened the matter',
  schema: Type.Object(
    {
      contactId: Id,
      ticketId: Id,
      customerId: Id,
      channel: ChannelSchema,
      occurredAt: Timestamp,
      recordedBy: Type.String({ minLength: 1, maxLength: 64 }),
      reason: Type.Union([Type.Literal('ticket_named'), Type.Literal('same_item_open_ticket')]),
      summary: Type.String({ maxLength: 200 }),
    },
    { additionalProperties: false },
  ),
});

const CustomerSnapshot = {
  customerId: Id,
  nameMasked: Type.String({ maxLength: 40 }),
  units: Type.Array(Unit, { maxItems: 50 }),
  tags: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 50 }),
};

export const CustomerRegisteredV1 = defineEvent({
  type: 'customer.registered.v1',
  topic: TOPICS.intake,
  aggregate: 'customer',
  summary: 'A new customer entered the registry (masked; personal data stays in intake)',
  schema: Type.Object({ ...CustomerSnapshot, registeredAt: Timestamp }, { additionalProperties: false }),
});

export const CustomerUpdatedV1 = defineEvent({
  type: 'customer.updated.v1',
  topic: TOPICS.intake,
  aggregate: 'customer',
  summary: 'A customer’s registry entry changed (masked snapshot)',
  schema: Type.Object({ ...CustomerSnapshot, updatedAt: Timestamp }, { additionalProperties: false }),
});

export const CustomerMergedV1 = defineEvent({
  type: 'customer.merged.v1',
  topic: TOPICS.intake,
  aggregate: 'customer',
  summary: 'A duplicate customer was merged into another; references to it now mean the survivor',
  schema: Type.Object(
    { customerId: Id, mergedCustomerId: Id, mergedAt: Timestamp, mergedBy: Type.String({ maxLength: 64 }) },
    { additionalProperties: false },
  ),
});

/** PIPL erasure: every service drops what it copied of this customer and keeps only the pseudonym. */
export const CustomerErasedV1 = defineEvent({
  type: 'customer.erased.v1',
  topic: TOPICS.intake,
  aggregate: 'customer',
  summary: 'A customer’s personal data was erased on request; drop any copies',
  schema: Type.Object(
    { customerId: Id, pseudonym: Type.String({ maxLength: 40 }), erasedAt: Timestamp },
    { additionalProperties: false },
  ),
});

/**
 * 生日关怀 — today (in the company's timezone) is this customer's birthday. Carries neither the
 * birth date nor the month-day it falls on beyond `date`, the day the greeting is for: intake
 * alone holds the birth date (encrypted) and publishes this once per customer and day.
 */
export const CustomerBirthdayV1 = defineEvent({
  type: 'customer.birthday.v1',
  topic: TOPICS.intake,
  aggregate: 'customer',
  summary: 'It is a customer’s birthday on `date` (Feb-29 birthdays fall on Feb-28 in other years); no birth date is carried',
  schema: Type.Object(
    {
      customerId: Id,
      projectCodes: Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 50, description: 'the projects of the customer’s units' }),
      date: Type.String({ format: 'date', description: 'the day the birthday is celebrated on (YYYY-MM-DD), not the birth date' }),
    },
    { additionalProperties: false },
  ),
});
