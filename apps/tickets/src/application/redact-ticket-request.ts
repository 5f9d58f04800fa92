import { codeHoldsPersonalData, redactOptional, redactPersonalData } from '@cs/privacy';
import type { LifecycleCommand } from '../domain/ticket-lifecycle';
import { DomainError } from '@cs/ddd';
import type { CapExceptionRequest, RecordAmendment, TicketRequest } from '../domain/ticket-request';

function redactCommand(command: LifecycleCommand): LifecycleCommand {
  switch (command.type) {
    case 'decide_validity':
      // Where an out-of-scope matter was sent is free text too: it goes into the resolution, history and events.
      return { ...command, reason: redactOptional(command.reason), redirectTo: redactOptional(command.redirectTo) };
    case 'reply':
      return { ...command, message: redactPersonalData(command.message) };
    case 'pause':
    case 'reopen':
      return { ...command, reason: redactPersonalData(command.reason) };
    case 'resolve':
      return { ...command, resolution: redactPersonalData(command.resolution) };
    default:
      return command;
  }
}

/**
 * A building and a room are codes (3栋, 2-1-1202) shown as given, in the ticket, its history and
 * its events: one holding a phone number, an e-mail address or an ID number is refused (422,
 * naming the field) rather than masked into a place nobody can find.
 */
function assertNoPersonalData(amendment: RecordAmendment): void {
  for (const field of ['building', 'room'] as const) {
    const value = amendment[field];
    if (value !== undefined && codeHoldsPersonalData(value)) {
      throw new DomainError('TICKET.PERSONAL_DATA', 'invalid', `${field} must name a place, not hold a phone number, e-mail address or ID number`, field);
    }
  }
}

function redactedException(exception: CapExceptionRequest | undefined): { exception?: CapExceptionRequest } {
  return exception ? { exception: { reason: redactPersonalData(exception.reason) } } : {};
}

/**
 * The request with every free-text field redacted: reasons, replies, resolutions, notes, and a
 * suggestion's or a complaint's research texts go
 * into history and events, which must hold no phone number, e-mail address or ID number in
 * clear. Applied once where every request enters, HTTP or event.
 */
export function redactTicketRequest(request: TicketRequest): TicketRequest {
  switch (request.action) {
    case 'promise':
      return { ...request, ...redactedException(request.exception) };
    case 'extend':
      return { ...request, reason: redactPersonalData(request.reason), ...redactedException(request.exception) };
    case 'forward_suggestion':
      return request;
    case 'amend_record':
      assertNoPersonalData(request);
      return request;
    case 'evaluate_suggestion':
      return { ...request, comment: redactPersonalData(request.comment) };
    case 'record_implementation':
      return { ...request, result: redactOptional(request.result) };
    case 'reward_suggestion':
      return { ...request, description: redactPersonalData(request.description) };
    case 'request_opinion':
      return { ...request, question: redactPersonalData(request.question) };
    case 'record_opinion':
    case 'approve_reply':
      return { ...request, text: redactPersonalData(request.text) };
    default:
      return {
        ...request,
        command: redactCommand(request.command),
        ...(request.note !== undefined ? { note: redactPersonalData(request.note) } : {}),
      };
  }
}
