import { TicketDispatchedV1, validateEventData } from '@cs/contracts';
import type { Dispatched } from '../domain/ticket-events';
import { aTicket } from '../testing/fixtures';
import { publishedEvents } from './published-ticket-events';

const at = new Date('2026-11-24T02:00:00.000Z');
const dispatched = (takenAsValid: boolean): Dispatched => ({ type: 'dispatched', at, by: 'agent-7', department: 'engineering', takenAsValid });

describe('ticket.dispatched.v1 as published', () => {
  it.each([true, false])('given a dispatch that took the matter as valid: %s, then the event says so, as its contract describes', (takenAsValid) => {
    const ticket = aTicket({ status: 'dispatched', validity: 'valid', department: 'engineering', reopenCount: 1 }, at);
    const [published] = publishedEvents([dispatched(takenAsValid)], ticket);
    expect(published?.definition).toBe(TicketDispatchedV1);
    expect(published?.data).toMatchObject({ department: 'engineering', takenAsValid });
    expect(validateEventData(TicketDispatchedV1, published?.data)).toEqual([]);
  });
});
