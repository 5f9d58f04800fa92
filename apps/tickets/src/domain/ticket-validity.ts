import { DomainError, presentProps } from '@cs/ddd';
import { Ticket, sectionOf } from './ticket';

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

/**
 * 重新处理 — reopening a matter judged invalid or out of scope withdraws that judgement: the
 * customer disputes the explanation, and the matter is judged anew or dispatched as valid (ADR
 * 0081). A valid matter keeps its judgement. Told on `ticket.reopened.v1` as `validityWithdrawn`,
 * so the KPIs stop counting the withdrawn judgement (ADR 0166).
 */
export const reopeningWithdrawsValidity = (ticket: Pick<Ticket, 'validity'>): boolean => ticket.validity === 'invalid' || ticket.validity === 'out_of_scope';

/**
 * Whether someone judged the matter's validity: an invalid or out-of-scope decision, or valid where
 * the section judges it. A consultation or suggestion shows valid once dispatched (ADR 0081) though
 * nobody judged it (ADR 0166), so the agent's 补录 of one dispatched and found to be a repair stays
 * the agent's.
 */
export const validityWasJudged = (ticket: Pick<Ticket, 'validity' | 'sectionCode' | 'origin'>): boolean =>
  reopeningWithdrawsValidity(ticket) || (ticket.validity === 'valid' && isValidityJudged(ticket));

/**
 * Whether a reclassification (补录) makes the matter's earlier dispatch its judged valid decision
 * (`takenAsValid` on `ticket.record_amended.v1`, ADR 0166): it moves a matter whose validity is not
 * judged — a consultation, a suggestion, one not yet classified — into a repair or complaint the
 * desk already holds valid. Such a matter is valid only by a dispatch, whose `takenAsValid` said
 * false as the matter then stood.
 */
export const amendmentTakesAsValid = (ticket: Pick<Ticket, 'validity' | 'sectionCode' | 'origin'>, itemCode: string | undefined): boolean =>
  itemCode !== undefined && ticket.validity === 'valid' && !isValidityJudged(ticket) && isValidityJudged({ origin: ticket.origin, sectionCode: sectionOf(itemCode) });

/**
 * A validity decision is taken only where the rule asks for one (ADR 0166): on a consultation, a
 * suggestion, routine work or a matter not yet classified it would be a judgement nobody asked
 * for, counted in the KPIs and missing from the record's completeness. Refused 422 naming
 * `decision`, whatever the validity the desk shows.
 */
export function assertValidityJudged(ticket: Pick<Ticket, 'sectionCode' | 'origin'>): void {
  if (isValidityJudged(ticket)) return;
  const why =
    ticket.origin !== undefined
      ? 'routine work a schedule opened (周期工单) is not judged'
      : ticket.sectionCode === undefined
        ? 'the matter is not yet classified: amend its record with a repair or complaint item first'
        : `a ${ticket.sectionCode} is not judged`;
  throw new DomainError('TICKET.VALIDITY_NOT_JUDGED', 'invalid', `validity is judged for repairs and complaints (报修、投诉) only: ${why}`, 'decision', presentProps({ sectionCode: ticket.sectionCode }));
}
