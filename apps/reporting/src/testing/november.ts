import {
  CallbackCancelledV1,
  CallbackFailedV1,
  ContactReceivedV1,
  SlaBreachedV1,
  TicketClosedV1,
  TicketRecordAmendedV1,
  TicketDispatchedV1,
  TicketEscalatedV1,
  TicketExtendedV1,
  TicketOnSiteV1,
  TicketRepliedV1,
  TicketReopenedV1,
  TicketResolvedV1,
  TicketValidityDecidedV1,
} from '@cs/contracts';
import { randomUUID } from 'node:crypto';
import type { DomainEvent } from '@cs/messaging';
import { callback, completed, created, delivered, onCallback, scheduled, ticket, ticketEvent } from './event-builders';

/** Shanghai wall-clock time in November 2026 (UTC+8, no DST), as an instant. */
export const sh = (day: number, time: string): string => new Date(`2026-11-${String(day).padStart(2, '0')}T${time}:00+08:00`).toISOString();

const notify = { roles: ['manager' as const] };
const extension = (count: number, dueAt: string) => ({
  clock: 'resolution' as const,
  extension: { amount: 1, unit: 'days' as const, basis: 'working' as const },
  reason: '等待配件',
  customerInformedAt: dueAt,
  newDueAt: dueAt,
  extensionCount: count,
});

/**
 * A month worked out by hand (office hours 08:30–12:00, 13:30–17:30; 2 November 2026 is a Monday):
 * - t1 P001 complaint, phone, agent-a: valid, dispatched, the handler on site 09:50, first reply 10:00 with a
 *   unified answer (60 working minutes), resolved 15:00 (270), closed without its building and room; callback
 *   c1 completed satisfied on time.
 * - t2 P001 repair, wechat, agent-a: opened Mon 17:00, first reply Tue 10:00 (30 + 90 = 120), extended once,
 *   on-site clock breached Tue 09:00 before the handler arrived at 09:20, resolution breached, resolved Wed 09:00, reopened Thu, recorded as a consultation until the
 *   desk amended its item (补录) after the reopening; callback c2 completed dissatisfied, late.
 * - t3 P002 complaint, phone, agent-b: graded major, valid, escalated as a major complaint, first response
 *   and dispatch breached and never dispatched, extended twice; callback c3 failed.
 * - t4 P001 consultation, phone, agent-b: Tue 10 Nov 10:00 judged invalid with a unified answer,
 *   resolved 10:30 (30; no reply before, so also its first response), closed with its record complete.
 * - t0 opened 31 Oct 23:00 and t5 opened 1 Dec 01:00 Shanghai fall outside November.
 * - c4 (P001) cancelled; c5 (P001, agent-b) still scheduled.
 */
export function novemberMonth() {
  const t0 = ticket({ itemCode: 'repair.public_area', projectCode: 'P001', channel: 'phone', ownerId: 'agent-a', openedAt: '2026-10-31T15:00:00.000Z' });
  const t1 = ticket({ itemCode: 'complaint.service_quality', projectCode: 'P001', channel: 'phone', ownerId: 'agent-a', openedAt: sh(2, '09:00') });
  const t2 = ticket({ itemCode: 'repair.public_area', projectCode: 'P001', channel: 'wechat', ownerId: 'agent-a', openedAt: sh(2, '17:00') });
  const t2AsRecorded = { ...t2, itemCode: 'consultation.other' };
  const t3 = ticket({ itemCode: 'complaint.service_quality', projectCode: 'P002', channel: 'phone', ownerId: 'agent-b', openedAt: sh(3, '11:00') });
  const t4 = ticket({ itemCode: 'consultation.property_service', projectCode: 'P001', channel: 'phone', ownerId: 'agent-b', openedAt: sh(10, '10:00') });
  const t5 = ticket({ itemCode: 'repair.public_area', projectCode: 'P001', channel: 'phone', ownerId: 'agent-a', openedAt: '2026-11-30T17:00:00.000Z' });
  const c1 = callback({ ticket: t1, projectCode: 'P001', assignee: 'agent-a', dueAt: sh(5, '17:30') });
  const c2 = callback({ ticket: t2, projectCode: 'P001', assignee: 'agent-a', dueAt: sh(6, '17:30') });
  const c3 = callback({ ticket: t3, projectCode: 'P002', assignee: 'agent-b', dueAt: sh(20, '17:30') });
  const c4 = callback({ projectCode: 'P001', assignee: 'agent-a', dueAt: sh(7, '17:30') });
  const c5 = callback({ projectCode: 'P001', assignee: 'agent-b', dueAt: sh(25, '17:30') });
  const contactId = randomUUID();
  const events: DomainEvent[] = [
    created(t0),
    created(t1),
    ticketEvent(TicketValidityDecidedV1, t1, sh(2, '09:10'), { decision: 'valid' }),
    ticketEvent(TicketDispatchedV1, t1, sh(2, '09:30'), { department: 'engineering', breached: false }),
    ticketEvent(TicketOnSiteV1, t1, sh(2, '09:50'), { arrivedAt: sh(2, '09:50'), department: 'engineering', breached: false }),
    ticketEvent(TicketRepliedV1, t1, sh(2, '10:00'), { firstReply: true, answerId: 'ans-1' }),
    ticketEvent(TicketRepliedV1, t1, sh(2, '11:00'), { firstReply: false }),
    ticketEvent(TicketResolvedV1, t1, sh(2, '15:00'), { resolution: '已处理', reopenCount: 0, breached: false }),
    ticketEvent(TicketClosedV1, t1, sh(3, '09:00'), { recordGaps: ['building', 'room'] }),
    // Its events carry the item it had when each was published: a consultation until the record was amended.
    created(t2AsRecorded),
    ticketEvent(TicketDispatchedV1, t2AsRecorded, sh(2, '17:10'), { department: 'engineering', breached: false }),
    ticketEvent(SlaBreachedV1, t2AsRecorded, sh(3, '09:00'), { clock: 'on_site', dueAt: sh(3, '09:00'), notify }),
    ticketEvent(TicketOnSiteV1, t2AsRecorded, sh(3, '09:20'), { arrivedAt: sh(3, '09:20'), breached: true }),
    ticketEvent(TicketRepliedV1, t2AsRecorded, sh(3, '10:00'), { firstReply: true }),
    ticketEvent(TicketExtendedV1, t2AsRecorded, sh(3, '15:00'), extension(1, sh(4, '17:30'))),
    ticketEvent(SlaBreachedV1, t2AsRecorded, sh(3, '17:30'), { clock: 'resolution', dueAt: sh(3, '17:30'), notify }),
    ticketEvent(TicketResolvedV1, t2AsRecorded, sh(4, '09:00'), { resolution: '已修复', reopenCount: 0, breached: true }),
    ticketEvent(TicketReopenedV1, t2AsRecorded, sh(5, '10:00'), { reason: '又坏了', reopenCount: 1 }),
    ticketEvent(TicketRecordAmendedV1, t2, sh(5, '10:05'), { sectionCode: 'repair', amended: { itemCode: 'repair.public_area' }, previous: { itemCode: 'consultation.other' } }),
    delivered(ContactReceivedV1, contactId, {
      contactId,
      ticketId: t3.id,
      customerId: randomUUID(),
      customerNameMasked: '王*',
      channel: 'phone',
      direction: 'inbound',
      occurredAt: sh(3, '10:59'),
      recordedBy: 'agent-b',
      unit: { projectCode: 'P002' },
      itemCode: 'complaint.service_quality',
      summary: '服务态度差',
      grade: 'major',
    }),
    created(t3),
    ticketEvent(TicketValidityDecidedV1, t3, sh(3, '11:05'), { decision: 'valid' }),
    ticketEvent(TicketEscalatedV1, t3, sh(3, '11:06'), { level: 1, reason: 'major_complaint', notify }),
    ticketEvent(SlaBreachedV1, t3, sh(3, '11:30'), { clock: 'first_response', dueAt: sh(3, '11:30'), notify }),
    ticketEvent(SlaBreachedV1, t3, sh(3, '13:30'), { clock: 'dispatch', dueAt: sh(3, '13:30'), notify }),
    ticketEvent(TicketExtendedV1, t3, sh(4, '09:00'), extension(1, sh(5, '17:30'))),
    ticketEvent(TicketExtendedV1, t3, sh(5, '09:00'), extension(2, sh(6, '17:30'))),
    created(t4),
    ticketEvent(TicketValidityDecidedV1, t4, sh(10, '10:05'), { decision: 'invalid', answerId: 'ans-2' }),
    ticketEvent(TicketResolvedV1, t4, sh(10, '10:30'), { resolution: '已解释', reopenCount: 0, breached: false }),
    ticketEvent(TicketClosedV1, t4, sh(10, '10:40'), { recordGaps: [] }),
    created(t5),
    scheduled(c1, sh(2, '15:00')),
    completed(c1, sh(5, '10:00'), true),
    scheduled(c2, sh(4, '09:00')),
    completed(c2, sh(9, '10:00'), false),
    scheduled(c3, sh(10, '09:00')),
    delivered(CallbackFailedV1, c3.id, { ...onCallback(c3, sh(20, '16:00')), attempts: 3, lastOutcome: 'no_answer' }),
    scheduled(c4, sh(3, '09:00')),
    delivered(CallbackCancelledV1, c4.id, { ...onCallback(c4, sh(4, '09:00')), reason: 'manual' }),
    scheduled(c5, sh(20, '09:00')),
  ];
  return { events, tickets: { t0, t1, t2, t3, t4, t5 }, callbacks: { c1, c2, c3, c4, c5 } };
}

/** The hand-computed figures of that month. */
export const NOVEMBER_TOTAL = {
  received: 4,
  valid: 2,
  invalid: 1,
  outOfScope: 0,
  dispatched: 2,
  resolved: 2,
  closed: 2,
  reopened: 1,
  escalated: 1,
  majorComplaints: 1,
  extensions: 3,
  incidents: 0,
  incidentChildren: 0,
  distinctMatters: 4,
  resolutionRate: 2 / 4,
  // t1, t2 and t4 (resolved before any reply: its resolution was its first response) on time, t3 breached.
  firstResponseOnTimeRate: 3 / 4,
  resolutionOnTimeRate: 2 / 3,
  // t1 and t2 dispatched in time, t3's dispatch clock ran out before any dispatch; t4 (invalid) met none.
  dispatchOnTimeRate: 2 / 3,
  // t1's handler on site in time, t2's after its on-site clock breached.
  onSiteOnTimeRate: 1 / 2,
  satisfactionRate: 1 / 2,
  callbackCompletionRate: 2 / 4,
  callbackOnTimeRate: 1 / 2,
  reopenRate: 1 / 3,
  knowledgeAnswerUsageRate: 2 / 3,
  answerAccuracyRate: null,
  // t1 closed without its building and room, t4 complete.
  recordCompletenessRate: 1 / 2,
  firstResponseMinutes: { p50: 60, p90: 120 },
  resolutionMinutes: { p50: 30, p90: 270 },
};

export const NOVEMBER_P001 = {
  ...NOVEMBER_TOTAL,
  received: 3,
  valid: 1,
  escalated: 0,
  majorComplaints: 0,
  extensions: 1,
  distinctMatters: 3,
  resolutionRate: 2 / 3,
  firstResponseOnTimeRate: 1,
  dispatchOnTimeRate: 1,
  callbackCompletionRate: 2 / 3,
};

export const NOVEMBER_P002 = {
  received: 1,
  valid: 1,
  invalid: 0,
  outOfScope: 0,
  dispatched: 0,
  resolved: 0,
  closed: 0,
  reopened: 0,
  escalated: 1,
  majorComplaints: 1,
  extensions: 2,
  incidents: 0,
  incidentChildren: 0,
  distinctMatters: 1,
  resolutionRate: 0,
  firstResponseOnTimeRate: 0,
  resolutionOnTimeRate: null,
  dispatchOnTimeRate: 0,
  onSiteOnTimeRate: null,
  satisfactionRate: null,
  callbackCompletionRate: 0,
  callbackOnTimeRate: null,
  reopenRate: null,
  knowledgeAnswerUsageRate: null,
  answerAccuracyRate: null,
  recordCompletenessRate: null,
  firstResponseMinutes: { p50: null, p90: null },
  resolutionMinutes: { p50: null, p90: null },
};
