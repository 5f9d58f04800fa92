import type { RECORD_GAPS } from '@cs/contracts';
import { DomainError, presentProps } from '@cs/ddd';
import { ItemPlace, defaultPlace } from './catalogue';
import { Ticket, isMajorComplaint, sectionOf } from './ticket';
import { coveredByIncident } from './ticket-incident';
import type { RecordAmended } from './ticket-events';
import type { RecordAmendment } from './ticket-request';
import { amendmentTakesAsValid, isValidityJudged } from './ticket-validity';

export type RecordGap = (typeof RECORD_GAPS)[number];

/**
 * Routine work a schedule opens (周期工单) is recorded as the supervisor set the schedule up, not
 * by anyone at a desk: its record is not judged, nor counted in record completeness.
 */
export const isRecordJudged = (ticket: Ticket): boolean => ticket.origin === undefined;

/** Where the record must place the matter: as its item asked when classified, else as its item's section asks. */
export const placeOfRecord = (ticket: Pick<Ticket, 'itemCode' | 'recordPlace'>): ItemPlace =>
  ticket.itemCode === undefined ? 'none' : (ticket.recordPlace ?? defaultPlace(ticket.itemCode));

/**
 * 处理记录是否完整 — what the ticket's record lacks of what domain.md asks every matter to be
 * recorded with: its item and project; where it happened, as the catalogue asks of its item (a
 * building and room, a building, or nothing: ADR 0076); for repairs and complaints the validity
 * judgement and, when valid, the department it went to; for a suggestion its evaluation. Empty
 * when the record is complete. Free text (content, resolution) is required by the commands
 * themselves and is not judged here.
 */
export function recordGaps(ticket: Ticket): RecordGap[] {
  if (!isRecordJudged(ticket)) return [];
  const gaps: RecordGap[] = [];
  if (!ticket.itemCode) gaps.push('item');
  if (!ticket.unit.projectCode) gaps.push('project');
  const place = placeOfRecord(ticket);
  if (place !== 'none' && !ticket.unit.building) gaps.push('building');
  if (place === 'room' && !ticket.unit.room) gaps.push('room');
  if (isValidityJudged(ticket)) {
    // While its incident stands for it, a child is judged and dispatched as the incident is.
    if (!coveredByIncident(ticket)) {
      if (ticket.validity === 'pending') gaps.push('validity');
      if (ticket.validity === 'valid' && !ticket.department) gaps.push('department');
    }
  }
  if (ticket.sectionCode === 'suggestion' && !ticket.suggestion?.evaluation) gaps.push('suggestion_evaluation');
  return gaps;
}

type Amendable = 'itemCode' | 'building' | 'room';
const valueOf = (ticket: Ticket, field: Amendable): string | undefined => (field === 'itemCode' ? ticket.itemCode : ticket.unit[field]);

/**
 * 补录 — the record completed or corrected: the fields given that differ from what the ticket
 * holds; nothing when none does. A closed ticket's record was judged as it closed, so it is
 * amended only after reopening. The project is not amended here: it decides who may see the
 * ticket. The SLA clocks keep the policy they started under (ADR 0075).
 */
export function amendRecord(ticket: Ticket, request: RecordAmendment, stamp: { readonly at: Date; readonly by: string }): RecordAmended[] {
  if (ticket.status === 'closed') {
    throw new DomainError('TICKET.ILLEGAL_TRANSITION', 'conflict', 'a closed ticket’s record was judged when it was closed; reopen it to amend the record');
  }
  // The leaders were told of a major complaint (重大投诉): it stays one, and is not told twice.
  if (request.itemCode !== undefined && isMajorComplaint(ticket) && sectionOf(request.itemCode) !== 'complaint') {
    throw new DomainError('TICKET.MAJOR_COMPLAINT_STAYS', 'conflict', 'a major complaint stays a complaint: the leaders were told of it', 'itemCode');
  }
  const changed = (['itemCode', 'building', 'room'] as const).filter((f) => request[f] !== undefined && request[f] !== valueOf(ticket, f));
  if (changed.length === 0) return [];
  const pick = (read: (f: Amendable) => string | undefined) => presentProps(Object.fromEntries(changed.map((f) => [f, read(f)])) as Partial<Record<Amendable, string>>);
  const newItem = changed.includes('itemCode') ? request.itemCode : undefined;
  const recordPlace = newItem === undefined ? {} : { recordPlace: request.itemPlace ?? defaultPlace(newItem) };
  return [
    {
      type: 'record_amended',
      ...stamp,
      ...pick((f) => request[f]),
      ...recordPlace,
      previous: pick((f) => valueOf(ticket, f)),
      takenAsValid: amendmentTakesAsValid(ticket, newItem),
    },
  ];
}
