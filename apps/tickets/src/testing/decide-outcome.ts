import { DomainError } from '@cs/ddd';
import type { TicketEvent } from '../domain/ticket-events';

/** Given/When/Then helpers for decider tests: the events a command causes, or its refusal. */

/** The events; fails the test when the command was refused. */
export function events(outcome: TicketEvent[] | DomainError): TicketEvent[] {
  if (outcome instanceof DomainError) throw new Error(`refused: ${outcome.code} ${outcome.message}`);
  return outcome;
}

/** The refusal; fails the test when the command was accepted. */
export function refusal(outcome: TicketEvent[] | DomainError): DomainError {
  if (outcome instanceof DomainError) return outcome;
  throw new Error(`expected a refusal, got ${outcome.map((e) => e.type).join(', ') || 'no events'}`);
}
