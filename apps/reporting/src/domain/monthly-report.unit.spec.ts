import { monthlyReport } from './monthly-report';
import type { TicketRecord } from './ticket-record';
import { evolveTicket } from './ticket-evolution';

/** A ticket as the read model opens it, in `projectCode`. */
const ticket = (projectCode: string, openedAt: string): TicketRecord => {
  const opened = { ticketId: `${projectCode}-${openedAt}`, number: 'TK-20261102-000001', channel: 'phone', sectionCode: 'repair', itemCode: 'repair.public_area', projectCode, ownerId: 'agent-1', openedAt };
  const { fact } = evolveTicket({ fact: undefined, grade: null }, { kind: 'opened', ticket: opened });
  if (!fact) throw new Error('not opened');
  return fact;
};
const facts = (tickets: TicketRecord[]) => ({ tickets, callbacks: [], incidents: [], spotChecks: [] });
const noDurations = () => ({ firstResponseMinutes: null, resolutionMinutes: null });
const period = { kind: 'monthly' as const, period: '2026-11', previousPeriod: '2026-10', from: new Date('2026-10-31T16:00:00Z'), to: new Date('2026-11-30T16:00:00Z') };

describe('the monthly report’s tables by project and section', () => {
  it('given a project with tickets the month before and none this month, then its row is there with its fall to nothing', () => {
    const report = monthlyReport(period, facts([ticket('P001', '2026-11-03T02:00:00Z')]), facts([ticket('P001', '2026-10-03T02:00:00Z'), ticket('P003', '2026-10-05T02:00:00Z'), ticket('P003', '2026-10-06T02:00:00Z')]), noDurations);
    expect(report.byProject.map((row) => [row.key, row.current.received, row.previous.received, row.change.received])).toEqual([
      ['P001', 1, 1, 0],
      ['P003', 0, 2, -2],
    ]);
    expect(report.bySection.map((row) => [row.key, row.current.received, row.previous.received])).toEqual([['repair', 1, 3]]);
  });
});
