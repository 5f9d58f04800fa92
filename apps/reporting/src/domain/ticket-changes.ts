import type {
  EventData,
  SlaBreachedV1,
  TicketClosedV1,
  TicketDispatchedV1,
  TicketEscalatedV1,
  TicketExtendedV1,
  TicketIncidentJoinedV1,
  TicketOnSiteV1,
  TicketRepliedV1,
  TicketRecordAmendedV1,
  TicketReopenedV1,
  TicketResolvedV1,
  TicketValidityDecidedV1,
} from '@cs/contracts';
import { presentProps } from '@cs/ddd';
import { TicketChange, sectionOf } from './projection-changes';

type Data<D> = EventData<D>;

/** Every ticket event may carry a reclassified item or project: the latest classification counts. */
function classification(e: { itemCode?: string; projectCode?: string }): TicketChange['set'] {
  return {
    ...(e.itemCode === undefined ? {} : { itemCode: e.itemCode, sectionCode: sectionOf(e.itemCode) }),
    ...(e.projectCode === undefined ? {} : { projectCode: e.projectCode }),
  };
}

/**
 * The valid decision an event carries when the tickets service tells it is one (`takenAsValid`):
 * which matters are judged is its rule, not repeated here (ADR 0163, 0166).
 */
const validWhenTaken = (e: { takenAsValid?: boolean }): TicketChange['set'] => (e.takenAsValid === true ? { validity: 'valid' } : {});

export const ticketChanges = {
  validityDecided: (e: Data<typeof TicketValidityDecidedV1>): TicketChange => ({
    set: { ...classification(e), validity: e.decision },
    // An invalid or out-of-scope matter is answered by the explanation given; a valid one is
    // answered by a reply later, which is where its unified answer counts (kpis.md).
    flag: e.decision === 'valid' ? {} : { replied: true, answeredFromKnowledge: e.answerId !== undefined },
  }),
  /**
   * A dispatch the tickets service tells is the judged valid decision — a repair or complaint still
   * pending, new or reopened after an invalid or out-of-scope judgement — counts as one (ADR 0081,
   * 0163); any other dispatch, or one of a release before `takenAsValid`, leaves the validity as the
   * decisions told it.
   */
  dispatched: (e: Data<typeof TicketDispatchedV1>): TicketChange => ({
    set: { ...classification(e), department: e.department, ...validWhenTaken(e) },
    first: { dispatchedAt: e.at },
    verdict: presentProps({ dispatchBreached: e.breached }),
  }),
  replied: (e: Data<typeof TicketRepliedV1>): TicketChange => ({
    set: classification(e),
    first: { firstReplyAt: e.at },
    flag: { replied: true, answeredFromKnowledge: e.answerId !== undefined },
  }),
  /** 上门 — the first arrival told counts; a later one (never sent: a second arrival is refused) changes nothing. */
  onSite: (e: Data<typeof TicketOnSiteV1>): TicketChange => ({ set: classification(e), first: { onSiteAt: e.arrivedAt }, verdict: presentProps({ onSiteBreached: e.breached }) }),
  extended: (e: Data<typeof TicketExtendedV1>): TicketChange => ({ set: classification(e), raise: { extensionCount: e.extensionCount } }),
  escalated: (e: Data<typeof TicketEscalatedV1>): TicketChange => ({
    set: classification(e),
    raise: { escalationLevel: e.level },
    flag: { majorComplaint: e.reason === 'major_complaint' },
  }),
  resolved: (e: Data<typeof TicketResolvedV1>): TicketChange => ({
    set: {
      ...classification(e),
      ...(e.sectionCode === undefined ? {} : { sectionCode: e.sectionCode }),
      ...(e.incidentId === undefined ? {} : { incidentId: e.incidentId }),
    },
    latest: { resolvedAt: e.at },
    // A ticket resolved before any reply was first answered by its resolution, as its first-response clock was met.
    first: { firstReplyAt: e.at },
  }),
  /**
   * 重新处理 — a reopening that withdrew an invalid or out-of-scope judgement leaves the matter
   * counted in none of the three until it is judged again or dispatched, as the desk shows it
   * pending (ADR 0166); one of a release before `validityWithdrawn` counts by the earlier decision.
   */
  reopened: (e: Data<typeof TicketReopenedV1>): TicketChange => ({
    set: { ...classification(e), ...(e.validityWithdrawn === true ? { validity: null } : {}) },
    latest: { reopenedAt: e.at },
    raise: { reopenCount: e.reopenCount },
  }),
  closed: (e: Data<typeof TicketClosedV1>): TicketChange => ({
    set: classification(e),
    latest: { closedAt: e.at },
    closedRecord: { at: e.at, complete: e.recordGaps === undefined ? null : e.recordGaps.length === 0 },
  }),
  /**
   * 补录 — a ticket reclassified: counted under its new item and section from now on, in every
   * period it belongs to. A consultation or unclassified matter dispatched and reclassified a repair
   * or complaint counts its dispatch as its valid decision from then on, as the tickets service
   * tells (ADR 0166).
   */
  recordAmended: (e: Data<typeof TicketRecordAmendedV1>): TicketChange => ({
    set: { ...classification(e), ...validWhenTaken(e) },
  }),
  incidentJoined: (e: Data<typeof TicketIncidentJoinedV1>): TicketChange => ({ set: { ...classification(e), incidentId: e.incidentId } }),
  slaBreached: (e: Data<typeof SlaBreachedV1>): TicketChange => ({
    flag: { firstResponseBreached: e.clock === 'first_response', resolutionBreached: e.clock === 'resolution' },
    verdict: e.clock === 'dispatch' ? { dispatchBreached: true } : e.clock === 'on_site' ? { onSiteBreached: true } : {},
  }),
};
