import { redactOptional, redactPersonalData } from '@cs/privacy';
import type { LifecycleCommand } from '../domain/ticket-lifecycle';
import type { CapExceptionRequest, TicketRequest } from '../domain/ticket-request';
import { assertDepartmentCode, assertPlaceCodes } from './place-codes';

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
    case 'dispatch':
      assertDepartmentCode(command.department);
      return command;
    default:
      return command;
  }
}

function redactedException(exception: CapExceptionRequest | undefined): { exception?: CapExceptionRequest } {
  return exception ? { exception: { reason: redactPersonalData(exception.reason) } } : {};
}

/**
 * The request with every free-text field redacted: reasons, replies, resolutions, notes, and a
 * suggestion's or a complaint's research texts go
 * into history and events, which must hold no phone number, e-mail address or ID number in
 * clear. A department and a place are codes shown as given: one holding such data is refused
 * instead. Applied once where every request enters, HTTP or event.
 */
export function redactTicketRequest(request: TicketRequest): TicketRequest {
  switch (request.action) {
    case 'promise':
      return { ...request, ...redactedException(request.exception) };
    case 'extend':
      return { ...request, reason: redactPersonalData(request.reason), ...redactedException(request.exception) };
    case 'forward_suggestion':
      assertDepartmentCode(request.department);
      return request;
    case 'amend_record':
      assertPlaceCodes(request, 'TICKET');
      return request;
    case 'evaluate_suggestion':
      return { ...request, comment: redactPersonalData(request.comment) };
    case 'record_implementation':
      return { ...request, result: redactOptional(request.result) };
    case 'reward_suggestion':
      return { ...request, description: redactPersonalData(request.description) };
    case 'request_opinion':
      assertDepartmentCode(request.department);
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
