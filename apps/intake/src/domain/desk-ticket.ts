/** Where a ticket's deadlines stand, as the tickets service last said, or as the clock says since. */
export type DeadlineState = 'on_track' | 'at_risk' | 'breached';

/** An open ticket as the agent desk shows it when the customer calls. */
export interface DeskTicket {
  readonly ticketId: string;
  /** Absent for a matter whose ticket the tickets service has not opened yet. */
  readonly number?: string;
  readonly status: string;
  readonly itemCode?: string;
  readonly projectCode?: string;
  readonly openedAt: Date;
  readonly nextDueAt?: Date;
  readonly slaState: DeadlineState;
}

/**
 * The state shown now: a deadline already past is breached even before the tickets service's
 * breach timer has fired and its event arrived.
 */
export function deadlineStateAt(ticket: Pick<DeskTicket, 'nextDueAt' | 'slaState'>, now: Date): DeadlineState {
  return ticket.nextDueAt && ticket.nextDueAt <= now ? 'breached' : ticket.slaState;
}
