import { DomainError } from '@cs/ddd';
import type { NewMatter } from '../domain/ticket-commands';
import type { TicketEvent } from '../domain/ticket-events';

/** Given/When/Then helpers for decider tests: the events a command causes or its refusal, and a new matter to open from. */

/** The events; fails the test when the command was refused. */
export function events<E extends { readonly type: string } = TicketEvent>(outcome: E[] | DomainError): E[] {
  if (outcome instanceof DomainError) throw new Error(`refused: ${outcome.code} ${outcome.message}`);
  return outcome;
}

/** The refusal; fails the test when the command was accepted. */
export function refusal<E extends { readonly type: string } = TicketEvent>(outcome: E[] | DomainError): DomainError {
  if (outcome instanceof DomainError) return outcome;
  throw new Error(`expected a refusal, got ${outcome.map((e) => e.type).join(', ') || 'no events'}`);
}

/** The contact a new matter opens from, as decider tests give it; each test changes what it is about. */
export function newMatter(change: Partial<NewMatter> & Pick<NewMatter, 'itemCode' | 'occurredAt'>): NewMatter {
  return {
    contactId: 'c-1',
    customerId: 'cu-1',
    customerName: '张*',
    channel: 'phone',
    unit: { projectCode: 'P001' },
    ownerId: 'agent-7',
    ...change,
  };
}
