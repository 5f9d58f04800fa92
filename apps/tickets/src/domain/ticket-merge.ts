import { DomainError, presentProps } from '@cs/ddd';
import { Ticket, isMajorComplaint } from './ticket';
import type { SystemCommand, TicketCommandData } from './ticket-commands';
import type { MergedIn, MergedInto, TicketEvent } from './ticket-events';
import { OPEN_STATUSES, isOpen } from './ticket-lifecycle';

/** 工单合并 — what a person asks: fold the duplicate into the survivor. */
export interface MergeRequest {
  readonly reason?: string;
}

/** What a merge does to each of the two tickets. */
export interface MergeDecision {
  readonly survivor: readonly [MergedIn];
  readonly merged: readonly [MergedInto];
}

/** Refuses (409 `TICKET.MERGED`) any change to a ticket merged into another: it is kept only as a record. */
export function mergedTicketIsReadOnly(ticket: Pick<Ticket, 'id' | 'mergedInto'>): DomainError {
  return new DomainError('TICKET.MERGED', 'conflict', `ticket ${ticket.id} was merged into ${ticket.mergedInto}; act on that ticket`, undefined, {
    mergedInto: ticket.mergedInto,
  });
}

const SYSTEM_ACTIONS: readonly SystemCommand['action'][] = [
  'open_from_contact',
  'link_follow_up',
  'reopen_on_callback',
  'fire_sla_timers',
  'recompute_deadlines',
  'fire_opinion_deadlines',
];

/**
 * What any command does to a merged ticket: a person is told where the matter went (409); the
 * system's own work (timers, calendar changes, a dissatisfied callback) changes nothing, as the
 * survivor carries the matter.
 */
export function afterMerge(ticket: Ticket, data: TicketCommandData): TicketEvent[] {
  if ((SYSTEM_ACTIONS as readonly string[]).includes(data.action)) return [];
  throw mergedTicketIsReadOnly(ticket);
}

function notOpen(ticket: Ticket, role: 'survivor' | 'duplicate'): DomainError | undefined {
  if (ticket.mergedInto) return mergedTicketIsReadOnly(ticket);
  if (isOpen(ticket.status)) return undefined;
  // A handled matter has a resolution and perhaps a callback on its way: merging would hide
  // a live matter behind it, or throw the handling away. Reopen it first.
  return new DomainError('TICKET.ILLEGAL_TRANSITION', 'conflict', `cannot merge: the ${role} ticket is ${ticket.status}`, undefined, {
    currentStatus: ticket.status,
    command: 'merge',
    allowedFrom: OPEN_STATUSES,
  });
}

const refusedField = (code: string, message: string, reason: string) =>
  new DomainError(code, 'invalid', message, 'ticketId', undefined, { code: 'rejected', params: { reason } });

/** Why two tickets may not be merged, if they may not. */
function mergeRefusal(survivor: Ticket, duplicate: Ticket): DomainError | undefined {
  if (survivor.id === duplicate.id) return refusedField('TICKET.MERGE_SAME_TICKET', 'a ticket cannot be merged into itself', 'the same ticket as the survivor');
  const closed = notOpen(survivor, 'survivor') ?? notOpen(duplicate, 'duplicate');
  if (closed) return closed;
  if (survivor.unit.projectCode !== duplicate.unit.projectCode) {
    return refusedField('TICKET.MERGE_OTHER_PROJECT', 'tickets of different projects are different matters', 'another project');
  }
  if (survivor.customerId !== duplicate.customerId) {
    return refusedField('TICKET.MERGE_OTHER_CUSTOMER', 'only tickets of the same customer are merged', 'another customer');
  }
  // The survivor keeps its own grade, policy and escalation: merged into a general ticket, a
  // major complaint the leaders were told of would leave the major queues and every count.
  if (isMajorComplaint(duplicate) && !isMajorComplaint(survivor)) {
    return refusedField('TICKET.MERGE_MAJOR_INTO_GENERAL', 'a major complaint survives a merge: merge the other ticket into it', 'a major complaint');
  }
  if (duplicate.escalationLevel > survivor.escalationLevel) {
    return refusedField('TICKET.MERGE_ESCALATED_INTO_LOWER', 'a ticket escalated further survives a merge: merge the other ticket into it', 'escalated further than this ticket');
  }
  return undefined;
}

/**
 * Two tickets of one customer about one matter become one. Both must still be open, in the
 * same project and of the same customer; the survivor gains the duplicate's contacts (its
 * opening contact counts as a follow-up of the survivor's matter) and keeps its own clocks,
 * and the duplicate is closed as merged. Which matter it is stays the person's judgement: the
 * items may differ when a contact was misclassified.
 */
export function decideMerge(survivor: Ticket, duplicate: Ticket, request: MergeRequest, stamp: { at: Date; by: string }): MergeDecision | DomainError {
  const refusal = mergeRefusal(survivor, duplicate);
  if (refusal) return refusal;
  const contacts = duplicate.repeatContactCount + 1;
  const reason = presentProps({ reason: request.reason });
  return {
    survivor: [{ type: 'merged_in', ...stamp, mergedTicketId: duplicate.id, mergedNumber: duplicate.number, contacts, ...reason }],
    merged: [{ type: 'merged_into', ...stamp, survivorId: survivor.id, survivorNumber: survivor.number, contacts, ...reason }],
  };
}
