import type { TicketDurations } from '../domain/kpis';
import { CsvCell, toCsv } from '../domain/csv';
import { CallbackRecord, TicketRecord, isClosed, isMajorComplaint, isResolved } from '../domain/ticket-record';

const at = (d: Date | null): string | null => d?.toISOString() ?? null;

/** One column per fact a KPI reads, so each figure can be recounted from the rows. */
const COLUMNS: readonly [string, (t: TicketRecord, d: TicketDurations, c: readonly CallbackRecord[]) => CsvCell][] = [
  ['ticketId', (t) => t.ticketId],
  ['number', (t) => t.number],
  ['openedAt', (t) => t.openedAt.toISOString()],
  ['projectCode', (t) => t.projectCode],
  ['sectionCode', (t) => t.sectionCode],
  ['itemCode', (t) => t.itemCode],
  ['channel', (t) => t.channel],
  ['department', (t) => t.department],
  ['agent', (t) => t.ownerId],
  ['grade', (t) => t.grade],
  ['validity', (t) => t.validity],
  ['dispatchedAt', (t) => at(t.dispatchedAt)],
  // Empty while the tickets service told no verdict on the clock (none met): judged neither way.
  ['dispatchBreached', (t) => t.dispatchBreached],
  ['onSiteAt', (t) => at(t.onSiteAt)],
  ['onSiteBreached', (t) => t.onSiteBreached],
  ['firstReplyAt', (t) => at(t.firstReplyAt)],
  ['firstResponseBreached', (t) => t.firstResponseBreached],
  ['firstResponseMinutes', (_, d) => d.firstResponseMinutes],
  ['resolved', (t) => isResolved(t)],
  ['resolvedAt', (t) => at(t.resolvedAt)],
  ['resolutionBreached', (t) => t.resolutionBreached],
  ['resolutionMinutes', (_, d) => d.resolutionMinutes],
  ['closedAt', (t) => at(t.closedAt)],
  ['reopenCount', (t) => t.reopenCount],
  ['escalationLevel', (t) => t.escalationLevel],
  ['majorComplaint', (t) => isMajorComplaint(t)],
  ['extensions', (t) => t.extensionCount],
  ['replied', (t) => t.replied],
  ['answeredFromKnowledge', (t) => t.answeredFromKnowledge],
  ['incidentId', (t) => t.incidentId],
  // The verdict of the close the ticket is counted by: none while it is not closed.
  ['recordComplete', (t) => (isClosed(t) ? t.recordComplete : null)],
  ['callbacksDue', (_, __, c) => c.filter((x) => x.status !== 'cancelled').length],
  ['callbacksCompleted', (_, __, c) => c.filter((x) => x.status === 'completed').length],
  ['callbacksOnTime', (_, __, c) => c.filter((x) => x.status === 'completed' && x.onTime === true).length],
  ['callbacksSatisfied', (_, __, c) => c.filter((x) => x.status === 'completed' && x.satisfied === true).length],
];

/** The drill-down export: one row per ticket with the fields each KPI used. */
export function kpiTicketsCsv(
  tickets: readonly TicketRecord[],
  callbacks: readonly CallbackRecord[],
  durations: (t: TicketRecord) => TicketDurations,
): string {
  // Grouped once: a month of a busy company is tens of thousands of each, and the export runs on the event loop.
  const byTicket = new Map<string, CallbackRecord[]>();
  for (const c of callbacks) {
    if (c.ticketId === null) continue;
    const own = byTicket.get(c.ticketId);
    if (own) own.push(c);
    else byTicket.set(c.ticketId, [c]);
  }
  const rows = tickets.map((t) => {
    const d = durations(t);
    return COLUMNS.map(([, value]) => value(t, d, byTicket.get(t.ticketId) ?? []));
  });
  return toCsv(
    COLUMNS.map(([name]) => name),
    rows,
  );
}
