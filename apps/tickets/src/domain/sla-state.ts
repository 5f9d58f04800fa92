import type { Ticket } from './ticket';

/** Where a ticket's deadlines stand, as subscribers are told it (the caller's desk shows it). */
export type SlaState = 'on_track' | 'at_risk' | 'breached';

/**
 * Breached once any clock missed its deadline; at risk while a running clock has passed a
 * warning threshold; on track otherwise. A handled ticket keeps the state it ended with.
 */
export function slaStateOf(ticket: Pick<Ticket, 'clocks'>): SlaState {
  if (ticket.clocks.some((c) => c.breachedAt !== undefined)) return 'breached';
  if (ticket.clocks.some((c) => !c.metAt && c.warned.length > 0)) return 'at_risk';
  return 'on_track';
}
