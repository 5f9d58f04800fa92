import { Type } from '@sinclair/typebox';
import { ticketEvent } from './ticket-lifecycle';

/**
 * 工单合并 — a duplicate ticket (same customer, same matter) was merged into another. The event
 * is keyed by the merged ticket, which it leaves closed and read-only; every contact it had
 * now belongs to the survivor, where later follow-ups go.
 */
export const TicketMergedV1 = ticketEvent('ticket.merged.v1', 'A duplicate ticket was merged into another of the same customer: it is closed and read-only; its contacts, and later follow-ups, belong to the survivor', {
  mergedTicketId: Type.String({ minLength: 1, maxLength: 64, description: 'the ticket merged away (the same as `ticketId`, which keys the event)' }),
  survivorTicketId: Type.String({ minLength: 1, maxLength: 64, description: 'the ticket that carries the matter on' }),
  survivorNumber: Type.String({ pattern: '^TK-\\d{8}-\\d{6,}$' }),
  contactsMoved: Type.Integer({ minimum: 1, description: 'how many contacts moved to the survivor (the opening one and every follow-up)' }),
  reason: Type.Optional(Type.String({ maxLength: 500, description: 'why, personal data redacted' })),
});

export const TICKET_MERGING_EVENTS = [TicketMergedV1] as const;
