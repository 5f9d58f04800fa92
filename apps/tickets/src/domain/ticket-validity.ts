import type { Ticket } from './ticket';

/** Matters the regulations judge (有效 / 无效 / 非受理范围) and send to a department before handling: 报修、投诉. */
const JUDGED_SECTIONS = new Set(['repair', 'complaint']);

/**
 * Whether the matter's validity is judged at all: a repair or complaint a caller brought. Routine
 * work a schedule opened (周期工单) was set up by a supervisor, not judged at a desk; a matter not
 * yet classified has no section to judge it by.
 */
export const isValidityJudged = (ticket: Pick<Ticket, 'sectionCode' | 'origin'>): boolean =>
  ticket.origin === undefined && ticket.sectionCode !== undefined && JUDGED_SECTIONS.has(ticket.sectionCode);

/**
 * Whether a dispatch is the matter's judged valid decision (`takenAsValid`, ADR 0163): its validity
 * is judged and still pending — new, or reopened after an invalid or out-of-scope judgement. Any
 * pending matter dispatched shows valid on the desk (ADR 0081); only a judged one is a decision
 * the KPIs count.
 */
export const dispatchIsValidDecision = (ticket: Pick<Ticket, 'validity' | 'sectionCode' | 'origin'>): boolean =>
  ticket.validity === 'pending' && isValidityJudged(ticket);
